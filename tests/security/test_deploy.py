"""Production mode: ``manage.py check --deploy`` is clean and the security
headers are sent. Run in a subprocess, because the settings module reads
DJANGO_ENV once at start-up."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# The same example values as the Makefile's check-deploy target.
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-for-the-test-" + "y" * 20,
    "ALLOWED_HOSTS": "kokoma.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://kokoma.example.org",
    "SITE_URL": "https://kokoma.example.org",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "kokoma-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def run(args, **extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="lms.settings", **extra_env)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_is_clean_in_production_mode():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DATABASE_URL="postgres://kokoma@db.example.org:5432/kokoma",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


HEADERS_SCRIPT = """
import django
from django.conf import settings
# No collectstatic here: the manifest storage of production would refuse to render.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
response = Client().get(
    "/zertifikate/pruefen/", secure=True, headers={"host": "kokoma.example.org"}
)
print("STATUS", response.status_code)
for name in ("Content-Security-Policy", "Strict-Transport-Security",
             "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
    print(name + ":", response.headers.get(name, "MISSING"))
"""


def test_security_headers_in_production_mode(tmp_path):
    # A throw-away SQLite database and the local cache: only the headers matter here.
    result = run(
        ["-c", HEADERS_SCRIPT],
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        REDIS_URL="",
        AWS_STORAGE_BUCKET_NAME="",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(
        line.split(": ", 1) if ": " in line else line.split(" ", 1)
        for line in result.stdout.splitlines()
        if line
    )
    assert lines["STATUS"] == "200", result.stdout
    csp = lines["Content-Security-Policy:"[:-1]]
    assert "frame-ancestors 'none'" in csp
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "object-src 'none'" in csp
    hsts = lines["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000") and "includeSubDomains" in hsts
    assert lines["X-Content-Type-Options"] == "nosniff"
    assert lines["Referrer-Policy"] == "same-origin"
    assert lines["X-Frame-Options"] == "DENY"
