"""Settings, read from the environment through strict helpers.

With no configuration at all duban runs on SQLite under a data folder
(`DUBAN_DATA`, default `./duban-data`); `DATABASE_URL=postgres://…` switches
to PostgreSQL. A secret key is generated once and kept in the data folder, so
sessions survive restarts without anyone having to invent one.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def _secret_key(data: Path) -> str:
    if key := os.environ.get("DUBAN_SECRET_KEY"):
        return key
    path = data / "secret_key"
    if not path.exists():
        # Created readable by its owner only from the first byte on: no window
        # in which another account on the server could read the key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


PACKAGE = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DUBAN_DATA", "duban-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = envbool("DUBAN_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DUBAN_ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DUBAN_CSRF_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",
    "django_htmx",
    "duban.web",
    "duban.audit",
    "duban.accounts",
    "duban.directory",
    "duban.ledger",
    "duban.reporting",
    "duban.inspection",
    "duban.dashboards",
]
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "duban.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "duban.accounts.limits.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "duban.audit.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "duban.web.urls"
CSRF_FAILURE_VIEW = "duban.web.views.csrf_failure"
WSGI_APPLICATION = "duban.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

_sqlite = f"sqlite:///{DATA_DIR / 'duban.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _sqlite)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write
    # lock at BEGIN, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # A worker keeps its PostgreSQL connection between requests (checked before
    # reuse): opening one costs a round of authentication per page on deadline day.
    # DUBAN_DB_CONN_MAX_AGE=0 closes it after every request.
    DATABASES["default"]["CONN_MAX_AGE"] = envint("DUBAN_DB_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if test_name := os.environ.get("DUBAN_TEST_DATABASE"):
    # Lets two test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": test_name}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# OWASP ASVS V2.1: 12 to 128 characters of anything, no composition rules,
# not a common password, not close to the username (docs/security.md).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "duban.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "duban.accounts.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_AGE = envint("DUBAN_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle sessions end after this many minutes without a request (0: never); accounts/limits.py.
DUBAN_IDLE_MINUTES = envint("DUBAN_IDLE_MINUTES", 30)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("DUBAN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    # The __Host- prefix makes the browser refuse these cookies unless they are
    # Secure, for this exact host and path / (OWASP ASVS V3.4.4).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Failed logins: five tries per username and address, then a cool-off.
AXES_FAILURE_LIMIT = envint("DUBAN_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("DUBAN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
# Only Simplified Chinese: a browser set to English must not turn form errors English.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = os.environ.get("DUBAN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# One-command mode serves static files from the package itself: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "uploads"

# Uploaded notices are read in memory by the extraction core; 20 MB covers any real notice.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DUBAN_MAX_UPLOAD_MB", 20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

NINJA_PAGINATION_PER_PAGE = 50

# Reminders by e-mail (`duban remind`, reporting/channels.py): the SMTP server and sender.
EMAIL_HOST = os.environ.get("DUBAN_SMTP_HOST", "localhost")
EMAIL_PORT = envint("DUBAN_SMTP_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DUBAN_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DUBAN_SMTP_PASSWORD", "")
EMAIL_USE_TLS = envbool("DUBAN_SMTP_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DUBAN_SMTP_FROM", "duban@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "duban": {"handlers": ["console"], "level": os.environ.get("DUBAN_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["console"], "level": "WARNING"},
    },
}
