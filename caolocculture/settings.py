"""Settings for the cultural-life movement application.

Everything that differs between a laptop and production comes from the
environment; with nothing set the app runs on an SQLite file beside manage.py
and runs background tasks in-process.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "False")
# The default key only serves development (make run sets DEBUG=True); production must set SECRET_KEY.
# Left empty otherwise: Django then refuses anything that signs (sessions, logins) until it is set,
# while commands that need no key (migrations, checks) still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "caolocculture.views.csrf_failure"  # in Vietnamese, in the site's layout

INSTALLED_APPS = [
    "caolocculture.apps.CultureAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "simple_history",
    "import_export",
    "caolocculture.apps.CaolocConfig",
    "campaigns",
    "households",
    "recognition",
    "reports",
    "devtools",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "caolocculture.limits.RequestBodyLimit",  # bodies over 12 MB: 413 before anything reads them
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "caolocculture.privacy.NoStoreWhenSignedIn",  # Cache-Control: private, no-store when signed in
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page but login needs login (Django 5.1+).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "caolocculture.middleware.PasswordChangeRequired",  # a temporary password is changed first
    # The commune the request works on (the person's; the province's choice), and its refusals.
    "households.middleware.CommuneScope",
    # A write that succeeded moves its commune's data version (caches of figures follow).
    "caolocculture.middleware.WritesMoveVersion",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: counts failed logins and refuses a locked-out one.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): 5 wrong passwords for one account from one address lock that
# pair for 15 minutes; a right password clears the count.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
# Proxies in front that append to X-Forwarded-For (behind one TLS proxy: 1); 0 ignores the header.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "caolocculture.client_ip.client_ip"  # reads PROXY_COUNT (see client_ip.py)
AXES_VERBOSE = False

# Content security policy (django-csp 4): this site's own files only, scripts with a per-request
# nonce, no framing. Inline style attributes stay allowed (progress bars, WeasyPrint's preview).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
# Uploads: whole requests up to 12 MB (a 10 MB spreadsheet or photo and its form), nothing larger.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger files go to a temporary file, not memory

ROOT_URLCONF = "caolocculture.urls"
WSGI_APPLICATION = "caolocculture.wsgi.application"
ASGI_APPLICATION = "caolocculture.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "caolocculture.context_processors.app",
                "households.context_processors.commune",
                "households.context_processors.units",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles the dashboard's aggregates anew on every request (20–40 ms)
    # and never wins it back on queries this short.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "caolocculture.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# caolocculture/hashers.py says why; the others read hashes kept before, rewritten at next sign-in.
PASSWORD_HASHERS = [
    "caolocculture.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Years and ids stay "2024"; counts are grouped explicitly ("2.950") by caolocculture.formatting.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["caolocculture.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# The app serves its own static files: a commune office may be offline.
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "tables/table.html"  # Bootstrap 5, with a short Vietnamese pager for phones

# Web processes keep no state of their own, so any number of gunicorn processes on any number
# of machines serve one province (docs/scaling.md): sessions in PostgreSQL, caches in Redis,
# uploads under MEDIA_ROOT (one shared folder), locks as PostgreSQL row locks.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Caches in Redis, shared by every process: CACHE_URL, or the broker's Redis. Without either (a
# laptop, one process) the cache is in memory, which `check --deploy` flags in production.
CACHE_URL = os.environ.get("CACHE_URL", os.environ.get("CELERY_BROKER_URL", ""))
CACHES = {
    "default": {
        # Redis down: a miss, not an error (everything cached is computed again from PostgreSQL).
        "BACKEND": "caolocculture.cache.TolerantRedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        # Several installations (or test runs) may share one Redis: each keeps to its own keys.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "caoloc"),
        "TIMEOUT": 3600,
    }
    if CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Celery: without a broker, tasks run in-process so trying the app needs nothing else.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Each kind of background work on its own queue, so that a province's printing never holds up
# an import. The queue of a task is found by its name here (caolocculture.celery.route_task);
# a task named nowhere goes to the default queue. A worker started without -Q consumes all
# four (`make worker`); one worker per queue is `-Q imports`, `-Q papers`… (docs/scaling.md).
# CELERY_QUEUE_PREFIX keeps several installations (or test runs) on one Redis apart.
TASK_QUEUE_PREFIX = os.environ.get("CELERY_QUEUE_PREFIX", "")
TASK_QUEUES = {
    "imports": ["households.services.household_import_*", "*.services.*import*_task"],
    "papers": ["recognition.services.decision_paper_task", "reports.services.yearend_report_task", "*paper*_task"],
    "rollups": ["reports.services.indicators_json_task", "reports.services.due_summary_send_task", "*rollup*_task"],
}
CELERY_TASK_DEFAULT_QUEUE = f"{TASK_QUEUE_PREFIX}celery"
CELERY_TASK_QUEUES = [Queue(f"{TASK_QUEUE_PREFIX}{name}") for name in ("celery", *TASK_QUEUES)]
CELERY_TASK_ROUTES = ["caolocculture.celery.route_task"]
# Run by `celery -A caolocculture beat` (or `worker -B`).
CELERY_BEAT_SCHEDULE = {
    "due-summary": {"task": "reports.services.due_summary_send_task", "schedule": crontab(hour=7, minute=0)},
}

# E-mail is optional: without EMAIL_HOST the daily summary of what is due is not sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "doi-song-van-hoa@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

if not DEBUG:
    # Production: HTTPS only, behind a TLS proxy that sets X-Forwarded-Proto.
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "True")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))  # a working day

# Logs carry no personal data (Nghị định 13/2023): query strings (a searched name) and
# request bodies are cut from every record; see caolocculture/logging.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "caolocculture.logging.NoPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # runserver's request lines (with their query strings) go through the same filter.
    "loggers": {"django.server": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
