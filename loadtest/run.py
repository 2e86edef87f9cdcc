"""`make load`: a fresh database, gunicorn with the production settings (PostgreSQL, Redis,
DEBUG off), 50 simulated people for 60 seconds with locust, then the figures as JSON.

    python loadtest/run.py [--users 50] [--seconds 60] [--pause 0.2,1.0]
    python loadtest/run.py --communes 65 --users 300 --seconds 180 --pause 0.5,2   # the demo province
"""

import argparse
import csv
import json
import os
import runpy
import secrets
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DATABASE = "caoloc_load"


def gunicorn_defaults() -> dict:
    """gunicorn.conf.py's workers and threads, for the summary when the run does not set them."""
    sys.path.insert(0, str(ROOT))
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (gunicorn's master and its workers)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(child) for child in task.read_text().split()]
    return found


def postgres_backends(database: str) -> list[int]:
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]).fetchall()
    return [pid for (pid,) in rows]


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the live processes `pids` (Linux /proc; 0 elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def workers_ready(pipe: int, workers: int, timeout: float) -> int:
    """How many workers wrote their byte into `pipe` (gunicorn.conf.py) before `timeout` seconds,
    or before gunicorn exited (every write end closed): blocks on the pipe, never polls."""
    deadline = time.monotonic() + timeout
    up = 0
    while up < workers:
        readable, _, _ = select.select([pipe], [], [], max(deadline - time.monotonic(), 0))
        chunk = os.read(pipe, workers) if readable else b""
        if not chunk:
            break
        up += len(chunk)
    return up


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
    parser.add_argument("--communes", type=int, default=1, help="the demo province's size (seed_demo --communes)")
    parser.add_argument(
        "--pause",
        default="0.2,1.0",
        help="each simulated person's pause between two requests, min,max seconds (locust's wait_time)",
    )
    parser.add_argument("--spawn-rate", type=float, default=5, help="people starting per second")
    parser.add_argument(
        "--steady",
        action="store_true",
        help="count only the requests after every person has started (locust --reset-stats): the "
        "steady state, without the morning's burst of sign-ins (0.2 s of CPU each, by design)",
    )
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
        prepared = subprocess.run(
            [PY, "manage.py", "shell"],
            cwd=ROOT,
            env={**production, "LOAD_COMMUNES": str(options.communes)},
            stdin=script,
            stdout=subprocess.PIPE,
            check=True,
        )
    leaders = json.loads(prepared.stdout.decode().strip().splitlines()[-1])["leaders"]

    # The listening socket is ours, handed to gunicorn: requests wait in its backlog until the
    # workers are up. Port 0: a test run and a manual run may overlap.
    listener = socket.create_server(("127.0.0.1", 0))
    # Each worker writes a byte into this pipe once it is up and warm (gunicorn.conf.py): the people
    # start then, as on a server in service, not while the workers still import Django.
    ready, ready_w = os.pipe()
    production["WORKERS_READY_FD"] = str(ready_w)
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
        pass_fds=[listener.fileno(), ready_w],
    )
    listener.close()
    os.close(ready_w)
    try:
        workers = options.workers or gunicorn_defaults()["workers"]
        started = time.monotonic()
        up = workers_ready(ready, workers, timeout=180)
        if up < workers:
            raise SystemExit(f"gunicorn: {up} of {workers} workers up")
        print(f"{workers} workers up and warm in {time.monotonic() - started:.1f} s", flush=True)
        prefix = Path(options.output).with_suffix("")
        locust_before = os.times()
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
            str(options.spawn_rate),
            "-t",
            f"{options.seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            *(["--reset-stats"] if options.steady else []),
            "--loglevel",
            "WARNING",
            env={
                **os.environ,
                "LOAD_COMMUNES": str(options.communes),
                "LOAD_LEADERS": ",".join(leaders),
                "LOAD_PAUSE": options.pause,
            },
        )
        locust_after = os.times()
        cpu = {
            "web": cpu_seconds(process_tree(server.pid)),
            "postgres": cpu_seconds(postgres_backends(options.database)),
            "locust": (locust_after.children_user + locust_after.children_system)
            - (locust_before.children_user + locust_before.children_system),
        }
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)  # requests still queued are answered first (graceful_timeout 30 s)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        os.close(ready)

    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    defaults = gunicorn_defaults()
    summary = {
        "users": options.users,
        "seconds": options.seconds,
        "communes": options.communes,
        "pause_s": options.pause,
        "counted": "after every person started" if options.steady else "the whole run, sign-ins included",
        "block_leaders": len(leaders),
        "gunicorn_workers": options.workers or defaults.get("workers", 1),
        "gunicorn_threads": options.threads or defaults.get("threads", 1),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "median_ms": int(float(total["50%"])),
        "p95_ms": int(float(total["95%"])),
        "max_ms": int(float(total["Max Response Time"])),
        # CPU seconds each side spent over the run, and per request: unlike the times above, these
        # hardly change when other work shares the machine, so runs on a busy machine compare.
        "cpu_s": {side: round(seconds, 1) for side, seconds in cpu.items()},
        "cpu_ms_per_request": {
            side: round(1000 * seconds / max(int(total["Request Count"]), 1), 1) for side, seconds in cpu.items()
        },
        "by_page": {
            r["Name"]: {
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "median_ms": int(float(r["50%"])),
                "p95_ms": int(float(r["95%"])),
            }
            for r in rows
            # A page asked only while people were starting has no row after --steady's reset.
            if r["Name"] != "Aggregated" and int(r["Request Count"])
        },
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    Path(options.output).write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    if summary["failures"]:
        sys.exit(f"{summary['failures']} requests failed")


if __name__ == "__main__":
    main()
