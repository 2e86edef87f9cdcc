"""50 people at once for a minute: the Ban Chỉ đạo and the officer reading the dashboard
and the lists, the khối trưởng entering their meeting's results on the sheet.

Run by `make load` (loadtest/run.py), against gunicorn with the production settings."""

import itertools
import json
import random
import re

from locust import HttpUser, between, task

PASSWORD = "vanhoa2024"
# Each khối trưởng user takes the next block still meeting: in the demo season Khối 1–3 are
# decided and 4–6 posted, so their results are closed.
_leaders = itertools.cycle(range(7, 11))
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
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
        self.username = random.choice(["bcd", "canbo", "chutich"])
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

    fixed_count = 4

    def on_start(self):
        self.block = next(_leaders)
        self.username = f"khoi{self.block}"
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
