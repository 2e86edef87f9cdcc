"""Each request kind of the load test, profiled one at a time on the load test's database (made by
`python loadtest/run.py`, left behind after it): server time (median of --repeat calls), queries,
and pyinstrument's tree of where the time went, through the whole middleware stack (session, user,
CSRF, commune scope) as a real request, without the network.

    python loadtest/profile.py --database caoloc_load [--repeat 20] [--tree]

Production settings (DEBUG off, Redis cache) as in run.py; the result POST writes (one household's
votes on Khối 7's open meeting), which is what the load test does too.
"""

import argparse
import json
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="caoloc_load")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's tree for each kind")
    parser.add_argument("--flat", action="store_true", help="print the functions taking most time themselves")
    parser.add_argument("--sql", action="store_true", help="print each query with its time")
    parser.add_argument("--only", default="", help="only the kinds whose name contains this")
    options = parser.parse_args()
    os.environ.update(
        {
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{options.database}",
            "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "DJANGO_SETTINGS_MODULE": "caolocculture.settings",
        }
    )
    # Imported once the environment above says which settings and database.
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from pyinstrument import Profiler  # noqa: PLC0415
    from pyinstrument.renderers import ConsoleRenderer  # noqa: PLC0415

    password = "vanhoa2024"

    def signed_in(username):
        client = Client()
        page = client.get("/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        client.post("/dang-nhap/", {"username": username, "password": password, "csrfmiddlewaretoken": token})
        return client

    reader = signed_in("bcd")
    leader = signed_in("khoi7")
    sheet = leader.get("/binh-xet/").content.decode()
    meeting = int(re.search(r'href="/binh-xet/(\d+)/"', sheet).group(1))
    page = leader.get(f"/binh-xet/{meeting}/").content.decode()
    household = int(re.findall(r'data-household="(\d+)"', page)[0])
    state = {"version": int(re.search(r'data-version="(\d+)"', page).group(1))}

    def result_post():
        body = {"household": household, "agreed": 20, "version": state["version"]}
        response = leader.post(
            f"/binh-xet/{meeting}/ket-qua/",
            json.dumps(body),
            content_type="application/json",
            headers={"X-CSRFToken": leader.cookies["csrftoken"].value},
        )
        state["version"] = response.json()["version"]
        return response

    def login():
        client = Client()
        page = client.get("/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        return client.post("/dang-nhap/", {"username": "canbo", "password": password, "csrfmiddlewaretoken": token})

    kinds = {
        "/ (dashboard)": lambda: reader.get("/"),
        "/chi-tieu/lich-su.json": lambda: reader.get("/chi-tieu/lich-su.json"),
        "/ho/?page=N": lambda: reader.get("/ho/?page=17"),
        "/ho/?q=…": lambda: reader.get("/ho/?q=nguyen van"),
        "/khoi-pho/": lambda: reader.get("/khoi-pho/"),
        "/so-lieu/2024/": lambda: reader.get("/so-lieu/2024/"),
        "/binh-xet/N/ (sheet)": lambda: leader.get(f"/binh-xet/{meeting}/"),
        "/binh-xet/N/ket-qua/ (POST)": result_post,
        "/dang-nhap/ (GET+POST)": login,
    }
    report = {}
    for name, call in kinds.items():
        if options.only not in name:
            continue
        call()  # warm: templates compiled, connection open
        repeat = 3 if name.startswith("/dang-nhap/") else options.repeat
        times, cpu = [], []
        # Counted by a wrapper: the test client's request_started empties connection.queries.
        queries = []

        def timed(execute, sql, *args, queries=queries):
            start = time.perf_counter()
            try:
                return execute(sql, *args)
            finally:
                queries.append(((time.perf_counter() - start) * 1000, sql))

        with connection.execute_wrapper(timed):
            call()
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = call()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code in (200, 302), (name, response.status_code)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(repeat):
            call()
        profiler.stop()
        sql_ms = round(sum(ms for ms, _sql in queries), 1)
        report[name] = {
            "median_ms": round(statistics.median(times), 1),
            # the process's own CPU time: what a busy machine changes least
            "cpu_ms": round(statistics.median(cpu), 1),
            "queries": len(queries),
            "sql_ms": sql_ms,
        }
        line = (
            f"{name:32} {report[name]['median_ms']:8.1f} ms {report[name]['cpu_ms']:8.1f} ms CPU"
            f" {len(queries):3d} queries {sql_ms:6.1f} ms SQL"
        )
        print(line, flush=True)
        if options.sql:
            for ms, sql in queries:
                print(f"    {ms:6.1f} ms  {sql[:150]}")
        if options.tree:
            print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))
        if options.flat:
            flat = ConsoleRenderer(unicode=True, color=False, flat=True, show_all=True, short_mode=False)
            print("\n".join(profiler.output(flat).splitlines()[:40]))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
