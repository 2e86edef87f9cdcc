"""Backup and restore of the database and the uploaded files, as one folder:

    backup-20261126-1200/
        database.dump      pg_dump's custom format (PostgreSQL) or database.sqlite3 (SQLite)
        media.tar.gz       every uploaded file (evidence, imports, generated papers)
        manifest.json      when, what, row counts of the main tables, SHA-256 of each part

Restoring checks the manifest's hashes first, then replaces the database's contents and
the media folder with the backup's.

A backup holds personal data: the folder is 0700 and its files 0600 (only the account that made
it reads them), and it leaves out what is live rather than kept: sessions (a copied session is a
signed-in browser) and django-axes' login attempts (addresses). Their tables are kept, empty."""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from . import versions

COUNTED = [
    "households_household",
    "recognition_recognition",
    "recognition_meetingresult",
    "campaigns_plan",
    "campaigns_blockfigures",
    "caolocculture_user",
]


# Tables whose rows stay out of a backup (their schema goes in, so a restore has them, empty).
LEFT_OUT = [
    "django_session",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
]


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return args, env


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in COUNTED:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (fixed table names)
            counts[table] = cursor.fetchone()[0]
    return counts


def backup(target: Path) -> dict:
    previous = os.umask(0o077)  # every file written below (pg_dump's too) is the owner's only
    try:
        target.mkdir(parents=True, exist_ok=False, mode=0o700)
        target.chmod(0o700)
        manifest = _backup_into(target)
    finally:
        os.umask(previous)
    for part in target.iterdir():
        part.chmod(0o600)
    return manifest


def _backup_into(target: Path) -> dict:
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        dump = target / "database.dump"
        left_out = [f"--exclude-table-data={table}" for table in LEFT_OUT]
        subprocess.run(
            ["pg_dump", *args, "-Fc", "--no-owner", *left_out, "-f", str(dump), db["NAME"]],
            env=env,
            check=True,
            capture_output=True,
        )
    else:
        dump = target / "database.sqlite3"
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(dump) as copy:
            source.backup(copy)  # a consistent copy even while the app writes
            present = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in LEFT_OUT:
                if table in present:
                    copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 (fixed table names)
        source.close()
        with sqlite3.connect(dump) as copy:
            copy.execute("VACUUM")  # the deleted rows' pages go too
    media = target / "media.tar.gz"
    with tarfile.open(media, "w:gz") as tar:
        if Path(settings.MEDIA_ROOT).exists():
            tar.add(settings.MEDIA_ROOT, arcname="media")
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "counts": table_counts(),
        "files": {p.name: _sha256(p) for p in (dump, media)},
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def restore(source: Path) -> dict:
    manifest = json.loads((source / "manifest.json").read_text())
    for name, digest in manifest["files"].items():
        if _sha256(source / name) != digest:
            raise BackupError(f"{name} không khớp mã kiểm tra: bản sao lưu bị hỏng, không khôi phục.")
    db = settings.DATABASES["default"]
    if manifest["database"] != connection.vendor:
        raise BackupError(f"Bản sao lưu của {manifest['database']}, máy này dùng {connection.vendor}.")
    connection.close()
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        subprocess.run(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "-d",
                db["NAME"],
                str(source / "database.dump"),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
    else:
        with sqlite3.connect(source / "database.sqlite3") as backup_db, sqlite3.connect(db["NAME"]) as live:
            backup_db.backup(live)
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(source / "media.tar.gz") as tar:
        tar.extractall(staging, filter="data")  # no absolute paths, no escaping the folder
    if media_root.exists():
        shutil.rmtree(media_root)
    (staging / "media").rename(media_root) if (staging / "media").exists() else media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
    # Everything kept in Redis per data version (dashboards, lists, the province's rollups) was
    # computed from the rows just replaced: move every commune's version past it.
    versions.moved(None)
    counts = table_counts()
    if counts != manifest["counts"]:
        raise BackupError(f"Số dòng sau khôi phục khác bản sao lưu: {counts} ≠ {manifest['counts']}")
    return manifest
