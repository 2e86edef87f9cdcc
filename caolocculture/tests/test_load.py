"""The load scenario itself, short: gunicorn with production settings, locust, no errors.
`make load` runs it at full size (50 people, 60 s) for the figures in docs/speed.md."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from conftest import redis_answers, require_service


def load_run(tmp_path, *options: str) -> dict:
    """`loadtest/run.py` with `options`, on its own database beside this test's; its summary."""
    require_service(connection.vendor == "postgresql", "PostgreSQL")
    require_service(redis_answers(os.environ.get("CELERY_BROKER_URL", "")), "Redis at CELERY_BROKER_URL")
    output = tmp_path / "load.json"
    result = subprocess.run(
        [
            sys.executable,
            "loadtest/run.py",
            *options,
            "--seconds",
            "10",
            "--database",
            # Beside this run's own test database: two runs at once must not drop each other's.
            f"{connection.settings_dict['NAME']}_load",
            "--output",
            str(output),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return json.loads(output.read_text())


@pytest.mark.load
def test_a_short_load_run_has_no_errors(tmp_path, db):
    summary = load_run(tmp_path, "--users", "10")
    assert summary["failures"] == 0 and summary["requests"] > 50
    assert summary["by_page"]["/binh-xet/N/ket-qua/ (POST)"]["requests"] > 0  # results were entered


@pytest.mark.load
def test_a_short_run_over_a_small_demo_province_has_no_errors(tmp_path, db):
    """`--communes N`: readers spread over the communes' own accounts (bcd-2, canbo-3…), and one
    khối trưởng for each open meeting prepare.py lists (Khối 7–10 of the first commune and the
    first block of commune 3, whose season has not begun)."""
    # --steady: counted once everyone has started, as docs/speed.md's steady-state figures
    summary = load_run(tmp_path, "--communes", "3", "--steady", "--users", "12")
    assert summary["communes"] == 3 and summary["block_leaders"] == 5
    assert summary["counted"] == "after every person started"
    assert summary["failures"] == 0 and summary["requests"] > 30
    assert summary["cpu_s"]["web"] > 0  # the server's CPU time was read
