"""Backup and restore: the database and the uploaded files, round trip into a new database."""

import os
import stat
import subprocess
import sys
import uuid

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.db import connection

from campaigns.models import TaskEvidence
from caolocculture import versions
from conftest import require_service
from households.models import Household
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db(transaction=True)


def shared_cache() -> bool:
    """Whether the command's process shares this one's cache (Redis, not each process's memory)."""
    return "Redis" in settings.CACHES["default"]["BACKEND"]


def url_for(name: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def manage(*args, database: str, media) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caolocculture.test_settings",
        "DATABASE_URL": url_for(database),
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )


def test_round_trip_into_a_new_database(plan, blocks, officer, tmp_path):
    require_service(connection.vendor == "postgresql", "PostgreSQL (pg_dump, pg_restore)")
    for household in HouseholdFactory.create_batch(5, block=blocks[0]):
        FamilyRecognitionFactory(household=household)
    evidence = TaskEvidence.objects.create(
        task=plan.tasks.first(), uploaded_by=officer, file=ContentFile(b"%PDF-1.4 bien ban hop", name="bien-ban.pdf")
    )
    source_db = settings.DATABASES["default"]["NAME"]

    SessionStore().create()  # a signed-in browser, and a failed login with its address: left out
    AccessAttempt.objects.create(username="canbo", ip_address="10.0.0.9", user_agent="x", failures_since_start=1)

    made = manage("backup", "--output", str(tmp_path / "b"), database=source_db, media=settings.MEDIA_ROOT)
    assert made.returncode == 0, made.stderr
    assert {p.name for p in (tmp_path / "b").iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) == 0o700  # personal data: the owner's only
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "b").iterdir()} == {0o600}

    target_db = f"caoloc_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{target_db}"')
    kept_under = versions.current(plan.commune_id)
    try:
        restored = manage("backup", "--restore", str(tmp_path / "b"), database=target_db, media=tmp_path / "media2")
        assert restored.returncode == 0, restored.stderr
        if shared_cache():  # what was kept in Redis for the rows replaced is never read again
            assert versions.current(plan.commune_id) != kept_under
        check = manage(
            "shell",
            "-c",
            "from households.models import Household; from campaigns.models import "
            "TaskEvidence; e = TaskEvidence.objects.get(); print(Household.objects.count(), "
            "e.uploaded_by.username, e.file.read())",
            database=target_db,
            media=tmp_path / "media2",
        )
        assert check.stdout.strip().splitlines()[-1] == f"{Household.objects.count()} canbo b'%PDF-1.4 bien ban hop'"
        assert (tmp_path / "media2" / evidence.file.name).read_bytes() == b"%PDF-1.4 bien ban hop"
        left_out = manage(
            "shell",
            "-c",
            "from django.contrib.sessions.models import Session; from axes.models "
            "import AccessAttempt; print(Session.objects.count(), AccessAttempt.objects.count())",
            database=target_db,
            media=tmp_path / "media2",
        )
        assert left_out.stdout.strip().splitlines()[-1] == "0 0", left_out.stderr

        # A damaged backup is refused before anything is replaced.
        archive = tmp_path / "b" / "media.tar.gz"
        archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
        refused = manage("backup", "--restore", str(tmp_path / "b"), database=target_db, media=tmp_path / "media2")
        assert refused.returncode == 1 and "bản sao lưu bị hỏng, không khôi phục" in refused.stderr
        assert (tmp_path / "media2" / evidence.file.name).exists()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target_db}" WITH (FORCE)')
    assert Household.objects.count() == 5  # the source is untouched
