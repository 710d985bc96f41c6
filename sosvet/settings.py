"""Settings for the portal, configured by environment variables.

Local use needs none of them (SQLite in the project folder, debug on). Production sets
SOSVET_DEBUG=0, and then a missing secret key or host list stops the start with a clear message.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Read a yes/no variable; an unclear value stops the start instead of guessing."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_email(name, default):
    """Read an e-mail address; one that cannot be an address stops the start."""
    value = os.environ.get(name) or default
    try:
        validate_email(value)
    except ValidationError:
        raise ImproperlyConfigured(f"{name} must be an e-mail address; got {value!r}.") from None
    return value


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("SOSVET_DEBUG", True)

SECRET_KEY = os.environ.get("SOSVET_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SOSVET_SECRET_KEY is not set. With SOSVET_DEBUG=0 the portal refuses to start "
            "without a secret key: set it to a long random string."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list(
    "SOSVET_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "SOSVET_ALLOWED_HOSTS is not set. With SOSVET_DEBUG=0 list the host names the portal "
        "answers to, separated by commas."
    )
CSRF_TRUSTED_ORIGINS = env_list("SOSVET_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Full-text search and the unaccent extension on PostgreSQL (sosvet/search/).
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "csp",
    "axes",
    "simple_history",
    # Second factor at sign-in: codes from an authenticator app and one-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Database and media backups (manage.py backup / restore, sosvet/management/commands).
    "dbbackup",
    "members",
    "meetings",
    "reports",
    # The project itself: the login throttle's records and the backup commands (sosvet/apps.py).
    "sosvet",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sosvet.middleware.SlovenianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session has passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Before any view: a login that needs a second factor goes to set it up or type a code.
    "members.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change kept in the objects' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before any view or the CSRF check reads the body: an oversized one is refused unread.
    "sosvet.middleware.RequestSizeLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sosvet.urls"
WSGI_APPLICATION = "sosvet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                # Replaces auth's ``perms``: the role in the page's council decides.
                "members.context_processors.role_perms",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections in production: opening one costs more than most pages' queries.
        conn_max_age=env_int("SOSVET_DB_CONN_MAX_AGE", 0 if DEBUG else 600),
        # A connection the server closed meanwhile is replaced before a request uses it.
        conn_health_checks=True,
    )
}
# Statements that requests run again and again (the login's session and account, each page's
# reads) are planned once per connection instead of on every request. Prepared statements need
# the server-side binding of parameters; a pooler in transaction mode (PgBouncer) cannot keep
# them (nor take options at connection start), so SOSVET_DB_PREPARED=0 turns them off behind one.
# PostgreSQL would still plan a prepared statement anew on every run whose plan it judges cheaper
# made for the values at hand: the overview's sessions took 0.4 ms of planning on each view.
# The plan made once serves every council alike (each query reads one council by its key), and
# without JIT compilation, which costs a web page's reads more than it saves (120 ms once).
# Reading a page by an index costs about what a scan does when the tables are in memory or on
# SSD (random_page_cost 1.1, not the default 4 made for spinning disks): with the default, the
# session page scanned and hashed all of a council's materials and resolutions for one agenda
# (0.59 -> 0.18 ms on Ptuj).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "SOSVET_DB_PREPARED", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=5,
        options="-c plan_cache_mode=force_generic_plan -c jit=off -c random_page_cost=1.1",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses logins while an account and address are locked out for too many failures.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the account read in one SQL statement per request, on a council
    # page with the council and the login's role there (sosvet/auth.py).
    # The admin's permissions; a council's pages ask the role rules (members/permissions.py).
    # A session keeps the path of the backend that signed it in: renaming this one signs out
    # the sessions made under the old name once.
    "sosvet.auth.ModelBackend",
]
# Django's database sessions, the row read in one SQL statement per request (sosvet/sessions.py).
SESSION_ENGINE = "sosvet.sessions"
LOGIN_URL = "login"
# The name an authenticator app shows beside the account (members/two_factor.py).
OTP_TOTP_ISSUER = "Varnostni sosvet"
# After each wrong code the next try waits twice as long: 1, 2, 4, 8 ... seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Slovenian first, English second.
LANGUAGE_CODE = "sl"
LANGUAGES = [("sl", _("Slovenian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own formats give the Slovenian "7. 4. 2023" instead of Django's "7. april 2023".
FORMAT_MODULE_PATH = ["sosvet.formats"]
TIME_ZONE = "Europe/Ljubljana"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("SOSVET_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("SOSVET_MEDIA_ROOT") or BASE_DIR / "media")


def s3_storage():
    """The uploaded and kept files on an S3-compatible store, when SOSVET_S3_BUCKET names one.

    Several app servers share nothing but the database and this store. Keys: SOSVET_S3_ACCESS_KEY_ID
    and SOSVET_S3_SECRET_ACCESS_KEY, or, unset, boto3's usual chain (AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, ~/.aws, an instance role).
    """
    keys = [
        os.environ.get("SOSVET_S3_ACCESS_KEY_ID"),
        os.environ.get("SOSVET_S3_SECRET_ACCESS_KEY"),
    ]
    if any(keys) and not all(keys):
        raise ImproperlyConfigured(
            "Set both SOSVET_S3_ACCESS_KEY_ID and SOSVET_S3_SECRET_ACCESS_KEY, or neither."
        )
    addressing = os.environ.get("SOSVET_S3_ADDRESSING_STYLE") or None
    if addressing not in (None, "path", "virtual"):
        raise ImproperlyConfigured(
            f"SOSVET_S3_ADDRESSING_STYLE must be path or virtual; got {addressing!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SOSVET_S3_BUCKET"],
            "endpoint_url": os.environ.get("SOSVET_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SOSVET_S3_REGION") or None,
            "access_key": keys[0] or None,
            "secret_key": keys[1] or None,
            "addressing_style": addressing,
            # A folder of the bucket; restore replaces everything under it.
            "location": os.environ.get("SOSVET_S3_PREFIX", "").strip("/"),
            # An adopted report or approved minutes is never written over, not even by a file
            # of the same name (the names are random anyway): a taken name gets a new one.
            "file_overwrite": False,
            # Private objects; every download goes through a view that checks access first.
            "default_acl": None,
        },
    }


_S3_SETTINGS = [name for name in os.environ if name.startswith("SOSVET_S3_") and os.environ[name]]
if _S3_SETTINGS and not os.environ.get("SOSVET_S3_BUCKET"):
    raise ImproperlyConfigured(
        f"{', '.join(sorted(_S3_SETTINGS))} set but SOSVET_S3_BUCKET is not: name the bucket, or "
        "unset them to keep the files in SOSVET_MEDIA_ROOT."
    )
# Uploaded materials, adopted reports and approved minutes: a local folder by default (one app
# server), an S3-compatible bucket with SOSVET_S3_BUCKET (several). Code reaches them only
# through the storage API (field.open, storage.save), never through a path.
STORAGES = {
    "default": (
        s3_storage()
        if os.environ.get("SOSVET_S3_BUCKET")
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# django-dbbackup, under manage.py backup and restore, which name their own folder. Its own
# commands (dbbackup, mediabackup) write into SOSVET_BACKUP_ROOT, readable by the owner only.
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": Path(os.environ.get("SOSVET_BACKUP_ROOT") or BASE_DIR / "backups"),
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
# SQLite is copied page by page into the open database (sosvet/backup.py), not written over it.
DBBACKUP_CONNECTOR_MAPPING = {"django.db.backends.sqlite3": "sosvet.backup.SqliteConnector"}
# A failed backup is the command's error, for whoever runs it (cron mails it); no mail of its own.
DBBACKUP_SEND_EMAIL = False

# Materials attached to agenda items: the largest file accepted, in megabytes. A request body
# larger than that plus the form's other fields is refused unread (sosvet/middleware.py).
SOSVET_MAX_UPLOAD_MB = env_int("SOSVET_MAX_UPLOAD_MB", 20)
# The fields of a form other than files: the longest texts (minutes, a report) are far below it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# An uploaded file larger than this is spooled to a temporary file instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# No form of the portal sends more than one file; ten leaves room and still bounds a flood.
DATA_UPLOAD_MAX_NUMBER_FILES = 10

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: the console locally, SMTP in production (SOSVET_EMAIL_BACKEND=smtp).
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
_email_backend = os.environ.get("SOSVET_EMAIL_BACKEND", "console")
if _email_backend not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"SOSVET_EMAIL_BACKEND must be one of {', '.join(_EMAIL_BACKENDS)}; got {_email_backend!r}."
    )
EMAIL_BACKEND = _EMAIL_BACKENDS[_email_backend]
EMAIL_FILE_PATH = BASE_DIR / "sent-mail"
EMAIL_HOST = os.environ.get("SOSVET_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SOSVET_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("SOSVET_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SOSVET_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SOSVET_EMAIL_USE_TLS", False)
# Seconds a mail server may keep us waiting: a dead one must not hold the secretary's request.
EMAIL_TIMEOUT = env_int("SOSVET_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("SOSVET_DEFAULT_FROM_EMAIL", "portal@varnostni-sosvet.si")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The accessibility statement (/dostopnost/, required by ZDSMA): the body responsible for this
# installation, as the statement names it, and where people report a problem or ask for content
# in another form. Unset in production, `check --deploy` warns (sosvet/checks.py).
SOSVET_ACCESSIBILITY_BODY = os.environ.get("SOSVET_ACCESSIBILITY_BODY", "").strip()
SOSVET_ACCESSIBILITY_EMAIL = env_email("SOSVET_ACCESSIBILITY_EMAIL", DEFAULT_FROM_EMAIL)
SOSVET_ACCESSIBILITY_PHONE = os.environ.get("SOSVET_ACCESSIBILITY_PHONE", "").strip()

# Security. Browsers heed HSTS only over HTTPS, so it is safe to send it always.
SECURE_HSTS_SECONDS = env_int("SOSVET_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only a marker: the portal's host joins browsers' preload lists only if someone submits it.
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # forms carry the token; no script reads the cookie
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SOSVET_SSL_REDIRECT", True)
    # A load balancer probes the app server over plain HTTP; a redirect would count as down.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Scripts only from our own static files: no inline script, no eval. Styles allow inline
# attributes, which Django's admin and form widgets set; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# Login throttling: after 5 failures an account is locked from that address for 15 minutes.
AXES_FAILURE_LIMIT = env_int("SOSVET_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SOSVET_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "sosvet.login_throttle.attempted_username"
# Log who failed from where (axes masks both by default); the password is never logged.
AXES_SENSITIVE_PARAMETERS = []
# Password-reset links: at most this many requests an hour from one address, and for one
# e-mail address (sosvet/login_throttle.py); past them nothing is sent.
SOSVET_RESETS_PER_ADDRESS = env_int("SOSVET_RESETS_PER_ADDRESS", 10)
SOSVET_RESETS_PER_ACCOUNT = env_int("SOSVET_RESETS_PER_ACCOUNT", 3)
# The client's address, for the lockout and the password-reset limit, through django-ipware.
# With no proxy only the connection's address counts: a header would let anyone pick a new
# address for every guess. Behind SOSVET_PROXY_COUNT proxies, the client is the address the
# outermost of them added to X-Forwarded-For: the last one adds its peer at the end and its own
# address is the connection's, so ipware, which counts the proxies listed in the header, is
# told one fewer. What a client writes into the header itself stays to the left and is ignored.
SOSVET_PROXY_COUNT = env_int("SOSVET_PROXY_COUNT", 0)
if SOSVET_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"SOSVET_PROXY_COUNT cannot be negative; got {SOSVET_PROXY_COUNT}.")
if SOSVET_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = SOSVET_PROXY_COUNT - 1
    # A longer header (a client's own entries in front) is expected, not a reason to distrust it.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timed": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timed"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SOSVET_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Failed logins and lockouts (user, address, time; never a password) and refusals.
        "axes": {"level": "INFO"},
        "axes.apps": {"level": "WARNING"},
        "django.security": {"level": "INFO"},
        "sosvet.security": {"level": "INFO"},
    },
}
