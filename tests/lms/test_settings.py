"""lms/settings.py read from environment variables, each case in a fresh process.

The settings module is evaluated once per process, so every case runs in a
subprocess with its own environment: the test process's own settings (and
the variables pytest-django put into os.environ) stay out of it.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Variables lms/settings.py reads that would change the cases below if they
# happened to be set in the environment running the tests.
CONTROLLED = (
    "DATABASE_URL",
    "DJANGO_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "EMAIL_HOST",
)

SECRET_KEY_MESSAGE = (
    "SECRET_KEY is not set. In production (DJANGO_ENV=production) the platform "
    "refuses to start without a secret key: set SECRET_KEY to a long random value, "
    'e.g. python3 -c "import secrets; print(secrets.token_urlsafe(64))".'
)


def run(args, **variables):
    env = {name: value for name, value in os.environ.items() if name not in CONTROLLED}
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings"
    env.update(variables)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(*names, **variables):
    """The named settings as the process started with ``variables`` sees them."""
    code = (
        "import json, sys\n"
        "from django.conf import settings\n"
        "print(json.dumps({n: getattr(settings, n) for n in sys.argv[1:]}, default=str))\n"
    )
    result = run(["-c", code, *names], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_in_production():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="kokoma.example.org",
    )
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""
    assert result.returncode == 0


def test_production_refuses_to_start_without_secret_key():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_ENV="production",
        ALLOWED_HOSTS="kokoma.example.org",
    )
    assert result.returncode == 1
    assert result.stdout == ""
    # manage.py prints the message alone, without a traceback.
    assert result.stderr.strip() == f"Configuration error: {SECRET_KEY_MESSAGE}"


def test_development_defaults_need_no_variable():
    settings = settings_of("DEBUG", "DATABASES", "INSTALLED_APPS", "CACHES", "STORAGES")
    assert settings["DEBUG"] is True
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"] == str(ROOT / "db.sqlite3")
    assert "django.contrib.postgres" not in settings["INSTALLED_APPS"]
    assert settings["CACHES"] == {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert settings["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_database_url_selects_postgresql():
    settings = settings_of(
        "DATABASES",
        "INSTALLED_APPS",
        DATABASE_URL="postgres://kokoma:geheim@db.example.org:5433/kokoma",
    )
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "kokoma",
        "kokoma",
        "geheim",
    )
    assert (database["HOST"], database["PORT"]) == ("db.example.org", 5433)
    assert settings["INSTALLED_APPS"].count("django.contrib.postgres") == 1


def test_redis_url_selects_the_redis_cache():
    settings = settings_of("CACHES", REDIS_URL="redis://cache.example.org:6379/2")
    assert settings["CACHES"] == {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://cache.example.org:6379/2",
            "KEY_PREFIX": "kokoma",
        }
    }


def test_bucket_name_selects_s3_storage():
    code = (
        "from django.conf import settings\n"
        "from django.core.files.storage import storages\n"
        "print(settings.STORAGES['default']['BACKEND'])\n"
        "storage = storages['default']\n"
        "print(type(storage).__module__, type(storage).__name__, storage.bucket_name)\n"
        "print(storage.endpoint_url)\n"
    )
    result = run(
        ["-c", code],
        AWS_STORAGE_BUCKET_NAME="kokoma-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "storages.backends.s3.S3Storage",
        "storages.backends.s3 S3Storage kokoma-media",
        "https://s3.example.org",
    ]


def test_email_host_selects_smtp():
    settings = settings_of(
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
        EMAIL_HOST="smtp.example.org",
    )
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
    }


def test_without_email_host_mail_goes_to_the_console():
    settings = settings_of("EMAIL_BACKEND")
    assert settings == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


def test_bad_boolean_fails_loudly():
    result = run(["-c", "from django.conf import settings; settings.DEBUG"], DEBUG="maybe")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.rstrip().endswith(
        "django.core.exceptions.ImproperlyConfigured: DEBUG must be true or false, got 'maybe'"
    )
