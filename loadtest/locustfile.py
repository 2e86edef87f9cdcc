"""50 people at once for a minute: the Ban Chỉ đạo and the officer reading the dashboard
and the lists, the khối trưởng entering their meeting's results on the sheet.

Run by `make load` (loadtest/run.py), against gunicorn with the production settings."""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = "vanhoa2024"
# The khối trưởng of every block still meeting (prepare.py lists them; run.py passes them on): in
# the demo season Khối 1–3 are decided and 4–6 posted, so their results are closed; in a demo
# province, the first block of each commune whose season has not begun too.
LEADERS = [name for name in os.environ.get("LOAD_LEADERS", "khoi7,khoi8,khoi9,khoi10").split(",") if name]
_leaders = itertools.cycle(LEADERS)
# Readers spread over the communes' own accounts: bcd, bcd-2 … bcd-N.
COMMUNES = int(os.environ.get("LOAD_COMMUNES", "1"))
# Pause between two requests of one person. run.py's default, 0.2–1.0 s, is faster than anyone
# reads a page: each simulated person stands for several real ones, so that 50 of them can ask for
# more than 40 pages a second (at 0.5–2 s, 50 people can never ask for more than 50 / 1.25 = 40).
PAUSE = tuple(float(s) for s in os.environ.get("LOAD_PAUSE", "0.5,2").split(","))
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def account(name: str, commune: int) -> str:
    """The demo's account `name` of commune number `commune` (canbo, canbo-2, …)."""
    return name if commune == 1 else f"{name}-{commune}"


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(*PAUSE)
    username = ""

    def on_start(self):
        page = self.client.get("/dang-nhap/", name="/dang-nhap/")
        token = _CSRF.search(page.text).group(1)
        response = self.client.post(
            "/dang-nhap/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="/dang-nhap/ (POST)",
        )
        if "sessionid" not in self.client.cookies:
            response.failure(f"{self.username} could not sign in")


class CommuneReader(SignedIn):
    """Ban Chỉ đạo members and the officer: dashboard, lists, figures."""

    weight = 4

    def on_start(self):
        self.username = account(random.choice(["bcd", "canbo", "chutich"]), random.randint(1, COMMUNES))
        super().on_start()

    @task(4)
    def dashboard(self):
        self.client.get("/", name="/ (dashboard)")

    @task(2)
    def history(self):
        self.client.get("/chi-tieu/lich-su.json", name="/chi-tieu/lich-su.json")

    @task(3)
    def household_list(self):
        self.client.get(f"/ho/?page={random.randint(1, 40)}", name="/ho/?page=N")

    @task(2)
    def household_search(self):
        self.client.get(f"/ho/?q={random.choice(['nguyen van', 'hoang thi', 'ly', 'tran duc'])}", name="/ho/?q=…")

    @task(1)
    def blocks(self):
        self.client.get("/khoi-pho/", name="/khoi-pho/")

    @task(1)
    def figures(self):
        self.client.get("/so-lieu/2024/", name="/so-lieu/2024/")


class BlockLeader(SignedIn):
    """A khối trưởng at the meeting: the sheet, then one household's votes at a time. One per
    block still meeting: two people on one sheet is the stale-copy refusal, not load."""

    fixed_count = len(LEADERS)

    def on_start(self):
        self.username = next(_leaders)
        super().on_start()
        sheet = self.client.get("/binh-xet/", name="/binh-xet/")
        match = re.search(r'href="/binh-xet/(\d+)/"', sheet.text)
        self.meeting = int(match.group(1))
        page = self.client.get(f"/binh-xet/{self.meeting}/", name="/binh-xet/N/ (sheet)")
        self.households = [int(pk) for pk in re.findall(r'data-household="(\d+)"', page.text)]
        self.version = int(re.search(r'data-version="(\d+)"', page.text).group(1))

    @task(3)
    def enter_result(self):
        if not self.households:
            return
        body = {"household": random.choice(self.households), "agreed": random.randint(15, 30), "version": self.version}
        with self.client.post(
            f"/binh-xet/{self.meeting}/ket-qua/",
            data=json.dumps(body),
            catch_response=True,
            headers={"Content-Type": "application/json", "X-CSRFToken": self.client.cookies.get("csrftoken", "")},
            name="/binh-xet/N/ket-qua/ (POST)",
        ) as response:
            if response.status_code == 200:
                self.version = response.json()["version"]
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(1)
    def sheet(self):
        page = self.client.get(f"/binh-xet/{self.meeting}/", name="/binh-xet/N/ (sheet)")
        self.version = int(re.search(r'data-version="(\d+)"', page.text).group(1))
