"""Settings of the KoKoMa platform, read from environment variables.

Development needs no variable at all (SQLite file, console e-mail, DEBUG on).
``DJANGO_ENV=production`` switches to the production mode described in
``docs/deploy.md``: it refuses to start without SECRET_KEY and ALLOWED_HOSTS
and turns on every hardening ``manage.py check --deploy`` asks for.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = env("DJANGO_ENV", "development")
if DJANGO_ENV not in ("development", "production", "test"):
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be development, production or test, got {DJANGO_ENV!r}"
    )
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production (DJANGO_ENV=production) the platform "
            "refuses to start without a secret key: set SECRET_KEY to a long random value, "
            'e.g. python3 -c "import secrets; print(secrets.token_urlsafe(64))".'
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

DEBUG = envbool("DEBUG", "false" if PRODUCTION else "true")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host(s) in production.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "lms",
    "curriculum",
    "content",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # form templates for KernFormRenderer (TemplatesSetting)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.RequireMFAMiddleware",
    "lms.middleware.PrivacyNoticeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
FORM_RENDERER = "lms.forms.KernFormRenderer"

# --- Database: SQLite file by default, DATABASE_URL for PostgreSQL ---------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "60" if PRODUCTION else "0"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set (shared by all app servers) --------
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "kokoma",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks -------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
# Behind N reverse proxies, rate limits must count the client's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
ACCOUNT_LOGIN_METHODS = {"email"}
# Re-confirming access (before changing the e-mail address, password or second factor)
# by password or second factor, as designed; allauth 65.22 added e-mailed codes to its
# defaults (its form has an untranslated field and no KERN markup here).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[KoKoMa] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_SESSION_REMEMBER = None
# Show the login form to signed-in people too instead of bouncing them on to
# ?next=: Wagtail sends signed-in people without admin access to the login page
# with next=/admin/, which would otherwise redirect back and forth for ever.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_RATE_LIMITS = {
    # Failed logins per IP and per account (allauth's own defaults, made explicit).
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
# allauth's forms with KERN classes and accessible errors; the sign-up form
# also asks for first and last name.
ACCOUNT_FORMS = {
    "login": "lms.forms.LoginForm",
    "signup": "lms.forms.SignupForm",
    "add_email": "lms.forms.AddEmailForm",
    "change_password": "lms.forms.ChangePasswordForm",
    "set_password": "lms.forms.SetPasswordForm",
    "reset_password": "lms.forms.ResetPasswordForm",
    "reset_password_from_key": "lms.forms.ResetPasswordKeyForm",
    "reauthenticate": "lms.forms.ReauthenticateForm",
}
MFA_FORMS = {
    "authenticate": "lms.forms.MFAAuthenticateForm",
    "reauthenticate": "lms.forms.MFAReauthenticateForm",
    "activate_totp": "lms.forms.ActivateTOTPForm",
    "deactivate_totp": "lms.forms.DeactivateTOTPForm",
    "generate_recovery_codes": "lms.forms.GenerateRecoveryCodesForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "KoKoMa Qualifizierungsplattform"
# Two-factor authentication is enforced for SPI-Verwaltung and superusers in
# production; off by default in development so the demo accounts just work.
KOKOMA_REQUIRE_MFA_FOR_STAFF = envbool("REQUIRE_MFA_FOR_STAFF", "true" if PRODUCTION else "false")

# --- Personal data: retention (lms/privacy/erasure.py, manage.py apply_retention) ---
# Records kept after an erasure for the funder (attendance, enrolments) may go
# RETENTION_YEARS after the programme's end (PROJECT_END, YYYY-MM-DD); without
# PROJECT_END nothing is ever deleted for having passed its retention.
try:
    from datetime import date as _date

    KOKOMA_PROJECT_END = _date.fromisoformat(env("PROJECT_END")) if env("PROJECT_END") else None
except ValueError as _exc:
    raise ImproperlyConfigured(
        f"PROJECT_END must be a date (YYYY-MM-DD), got {env('PROJECT_END')!r}"
    ) from _exc
KOKOMA_RETENTION_YEARS = envint("RETENTION_YEARS", "5")

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
# locale_overrides first: it turns allauth's informal German ("du") into the
# programme's formal address ("Sie"); locale holds our own catalogue.
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
LANGUAGE_COOKIE_NAME = "kokoma_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media files ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # KERN, the design system of the German public administration, installed
    # by npm from the committed package-lock.json and served by us (no CDN).
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

if env("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage for uploads, shared by all app servers.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Origins of uploaded images when media live in object storage (for the CSP).
KOKOMA_CSP_EXTRA_IMG_SRC = envlist("CSP_IMG_SRC")
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}

# --- E-mail: console in development, SMTP when EMAIL_HOST is set ---------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "KoKoMa <noreply@kokoma.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = envint("EMAIL_PORT", "587")
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Security -------------------------------------------------------------------
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
# DENY everywhere; Wagtail sets SAMEORIGIN itself on its preview views
# (xframe_options_sameorigin_override), so the editor's live preview still works.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")

# Only for the load test (scripts/load.sh, make load): production settings served
# over plain http on 127.0.0.1, where clients do not send "Secure" cookies back.
# Never set it on a server: it refuses any host but the local ones.
KOKOMA_INSECURE_LOCAL_HTTP = PRODUCTION and envbool("KOKOMA_INSECURE_LOCAL_HTTP", "false")
if KOKOMA_INSECURE_LOCAL_HTTP:
    if set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "[::1]"}:
        raise ImproperlyConfigured(
            "KOKOMA_INSECURE_LOCAL_HTTP is for a load test on this machine only: "
            "ALLOWED_HOSTS must name nothing but 127.0.0.1, localhost or [::1]."
        )
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0

# --- Certificates ----------------------------------------------------------------
# Requests per client IP to the public verification pages and the JSON endpoint,
# in allauth's rate notation ("30/m/ip"; several separated by commas).
KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT = env("CERTIFICATE_VERIFY_RATE_LIMIT", "30/m/ip")
if not re.fullmatch(
    r"\d+/\d*[smhd]/ip(,\d+/\d*[smhd]/ip)*", KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT.replace(" ", "")
):
    raise ImproperlyConfigured(
        "CERTIFICATE_VERIFY_RATE_LIMIT must look like 30/m/ip, "
        f"got {KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT!r}"
    )
# Largest PDF accepted on the verification page for the comparison with the register.
KOKOMA_CERTIFICATE_UPLOAD_MAX_MB = envint("CERTIFICATE_UPLOAD_MAX_MB", "10")

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "KoKoMa Qualifizierungsplattform"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's password reset serves everyone
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to outside services
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A document's content must match its extension (a "PDF" that is HTML is refused).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.uploads.DocumentForm"
# Images: no SVG (it can carry script); Pillow must read the file; a size and a
# pixel limit so that a small "decompression bomb" cannot exhaust the memory.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents are served through Django so that the access rule applies.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Keep the test and dev console readable.
        "django.request": {"level": "ERROR"},
    },
}
