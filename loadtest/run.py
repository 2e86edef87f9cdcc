"""`make load`: a fresh database, gunicorn with the production settings (PostgreSQL, Redis,
DEBUG off), 50 simulated people for 60 seconds with locust, then the figures as JSON.

    python loadtest/run.py [--users 50] [--seconds 60]
"""

import argparse
import csv
import json
import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DATABASE = "caoloc_load"


def gunicorn_defaults() -> dict:
    """gunicorn.conf.py's workers and threads, for the summary when the run does not set them."""
    sys.path.insert(0, str(ROOT))
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def run(*args, env, **kwargs):
    subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn processes (gunicorn.conf.py's default)")
    parser.add_argument("--threads", type=int, default=None, help="threads per process (gunicorn.conf.py's default)")
    parser.add_argument("--output", default=str(ROOT / "loadtest" / "last-run.json"))
    parser.add_argument("--database", default=DATABASE)
    options = parser.parse_args()

    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{options.database}"')
    production = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{options.database}",
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
        # Plain HTTP on the loopback: no TLS proxy in front, so no redirect to HTTPS and no Secure cookies.
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        "MEDIA_ROOT": str(ROOT / "loadtest" / "media"),
    }
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=production)
    run(PY, "manage.py", "collectstatic", "--noinput", "-v0", env=production)
    with open(ROOT / "loadtest" / "prepare.py", "rb") as script:
        run(PY, "manage.py", "shell", env=production, stdin=script, stdout=subprocess.DEVNULL)

    # The listening socket is ours, handed to gunicorn: requests wait in its backlog until the
    # workers are up, so nothing polls for the server. Port 0: a test run and a manual run may overlap.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "caolocculture.wsgi",
            *(["--workers", str(options.workers)] if options.workers else []),
            *(["--threads", str(options.threads)] if options.threads else []),
            "--bind",
            f"fd://{listener.fileno()}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=production,
        pass_fds=[listener.fileno()],
    )
    listener.close()
    try:
        prefix = Path(options.output).with_suffix("")
        run(
            PY,
            "-m",
            "locust",
            "-f",
            "loadtest/locustfile.py",
            "--headless",
            "-u",
            str(options.users),
            "-r",
            "5",
            "-t",
            f"{options.seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            env=os.environ,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    defaults = gunicorn_defaults()
    summary = {
        "users": options.users,
        "seconds": options.seconds,
        "gunicorn_workers": options.workers or defaults["workers"],
        "gunicorn_threads": options.threads or defaults["threads"],
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "median_ms": int(float(total["50%"])),
        "p95_ms": int(float(total["95%"])),
        "max_ms": int(float(total["Max Response Time"])),
        "by_page": {
            r["Name"]: {
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "median_ms": int(float(r["50%"])),
                "p95_ms": int(float(r["95%"])),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        },
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    Path(options.output).write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    if summary["failures"]:
        sys.exit(f"{summary['failures']} requests failed")


if __name__ == "__main__":
    main()
