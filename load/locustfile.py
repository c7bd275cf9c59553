"""Load test of the platform (``make load``, ``scripts/load.sh``): a busy Monday morning.

Three kinds of simulated people, in the proportions of a running cohort:

- trainees (6 of 10): the dashboard, lessons, marking a lesson as done, a knowledge check;
- trainers (1 of 10): the cohort's progress matrix and an attendance screen;
- anonymous visitors (3 of 10): home, programme and module pages, a certificate check.

Each logged-in user has its own account (``manage.py seed_load`` writes the
accounts, a signed-in session per account and the URLs to ``load/targets.json``).
Most start with that session, as people who signed in last week and ticked
"remember me"; every LOAD_LOGIN_EVERY-th one (default 10) signs in with the
form, so the login (PBKDF2, about a second of CPU by design) is part of the
mix without a hundred simultaneous logins turning the test into a password
hashing benchmark. Every person comes from its own client address: the
platform runs behind one proxy (``TRUSTED_PROXY_COUNT=1``) and every
simulated person sends its address in X-Forwarded-For, as a browser
behind the TLS proxy would, so the per-address login rate limit applies as in
production. Every response but the expected status counts as an error, and
so does a redirect where a page was expected (to the login or the privacy
notice, say), so a lost session cannot pass for a fast page.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

TARGETS = json.loads(
    Path(os.environ.get("LOAD_TARGETS", Path(__file__).with_name("targets.json"))).read_text()
)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_addresses = itertools.count(1)
_trainees = itertools.count()
_trainers = itertools.count()
LOGIN_EVERY = int(os.environ.get("LOAD_LOGIN_EVERY", "10"))
SESSION_COOKIE = os.environ.get("LOAD_SESSION_COOKIE", "sessionid")
# Seconds a person pauses between two requests, "min,max". The default 1–3 s is a
# stress pace (every person clicks all the time); people reading lessons pause longer.
WAIT = [float(part) for part in os.environ.get("LOAD_WAIT", "1,3").split(",")]


class _Person(HttpUser):
    abstract = True
    wait_time = between(*WAIT)

    def on_start(self):
        n = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def get(self, url, name=None):
        with self.client.get(url, name=name or url, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
            elif response.history:
                response.failure(f"{url} redirected to {response.url}")

    def sign_in(self, accounts, number):
        """The number-th account: its remembered session, or (every LOGIN_EVERY-th) the form."""
        email = accounts[number % len(accounts)]
        session = TARGETS.get("sessions", {}).get(email)
        if session and (LOGIN_EVERY <= 0 or number % LOGIN_EVERY):
            self.client.cookies.set(SESSION_COOKIE, session)
        else:
            self.log_in(email)

    def post(self, url, data, name):
        """A form submission with the CSRF token; success is the redirect back (followed)."""
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(url, data=data, name=name, catch_response=True) as response:
            if response.status_code != 200 or not response.history:
                response.failure(f"{response.status_code} for POST {url}")

    def log_in(self, email):
        page = self.client.get("/accounts/login/", name="login form")
        match = CSRF_INPUT.search(page.text)
        token = match.group(1) if match else ""
        with self.client.post(
            "/accounts/login/",
            data={"login": email, "password": TARGETS["password"], "csrfmiddlewaretoken": token},
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"login of {email} failed ({response.status_code})")


class Trainee(_Person):
    weight = 6

    def on_start(self):
        super().on_start()
        self.sign_in(TARGETS["trainees"], next(_trainees))

    @task(3)
    def dashboard(self):
        self.get("/lernweg/", name="dashboard")

    @task(5)
    def lesson(self):
        self.get(random.choice(TARGETS["lessons"])["url"], name="lesson page")

    @task(1)
    def mark_done(self):
        lesson = random.choice([item for item in TARGETS["lessons"] if not item["quizzes"]])
        self.get(lesson["url"], name="lesson page")  # read it first (and get the CSRF cookie)
        self.post(f"/lernweg/lerneinheit/{lesson['id']}/erledigt/", {}, name="mark lesson done")

    @task(1)
    def knowledge_check(self):
        lesson = random.choice([item for item in TARGETS["lessons"] if item["quizzes"]])
        quiz = random.choice(lesson["quizzes"])
        self.get(lesson["url"], name="lesson page")
        self.post(
            f"/lernweg/lerneinheit/{lesson['id']}/wissenscheck/{quiz['block_id']}/",
            quiz["answers"],
            name="knowledge check",
        )


class Trainer(_Person):
    weight = 1

    def on_start(self):
        super().on_start()
        self.sign_in(TARGETS["trainers"], next(_trainers))

    @task(2)
    def progress_matrix(self):
        self.get(TARGETS["cohort_progress"], name="trainer matrix")

    @task(1)
    def attendance_screen(self):
        self.get(random.choice(TARGETS["attendance"]), name="attendance screen")


class Visitor(_Person):
    weight = 3

    @task(3)
    def public_page(self):
        self.get(random.choice(TARGETS["public_pages"]), name="programme pages")

    @task(1)
    def verification(self):
        self.get(TARGETS["verification"], name="verification page")
