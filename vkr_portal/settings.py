"""Settings for vkr-portal: one module, every value from the environment.

With nothing set it runs for development: SQLite, eager Celery, console e-mail. Production sets
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL and the e-mail variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        "when DJANGO_DEBUG is off."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "vkr_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "councils",
    "activities",
    "contacts",
    "surveys",
    "workgroups",
    "prioritisation",
    "recommendations",
    "reports",
    "search",
    "idempotency",
    "notifications",
    "vkr_portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their long cache and every page is no-store.
    "vkr_portal.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vkr_portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After authentication, messages and htmx: it logs out, says why and redirects.
    "vkr_portal.middleware.IdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vkr_portal.urls"
WSGI_APPLICATION = "vkr_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councils.context_processors.nav",
                "workgroups.context_processors.nav",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "councils.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from
# one address, that pair is refused until the cool-off has passed.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The login form posts the e-mail address in its "username" field.
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy: the client's address is read from
# X-Forwarded-For as the trusted proxies wrote it (vkr_portal/clientip.py). 0: no proxy, the
# header is ignored. django-axes and the portal's own throttles read the same address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "vkr_portal.clientip.client_ip"

# The portal's own throttles (vkr_portal/throttles.py, django-ratelimit), counted in the
# default cache: "n/period" with period s, m, h or d.
THROTTLE_RATES = {
    # Wrong survey links per address; a valid link is never refused.
    "survey_link_failures": os.environ.get("THROTTLE_SURVEY_LINK_FAILURES", "10/15m"),
    # Password reset e-mails asked for, per address and per e-mail address.
    "password_reset_address": os.environ.get("THROTTLE_PASSWORD_RESET_ADDRESS", "5/15m"),
    "password_reset_email": os.environ.get("THROTTLE_PASSWORD_RESET_EMAIL", "3/h"),
    # Wrong calendar subscription links per address; a valid link is never refused.
    "calendar_feed_failures": os.environ.get("THROTTLE_CALENDAR_FEED_FAILURES", "10/15m"),
}
RATELIMIT_USE_CACHE = "default"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Nothing in MEDIA_ROOT is served by URL: workgroup documents go out only through their
# permission-checked download view. MEDIA_URL is what Django requires to be set.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# A workgroup document's largest size (the slides and reports of the seed are a few MB).
WORKGROUP_DOCUMENT_MAX_BYTES = int(os.environ.get("WORKGROUP_DOCUMENT_MAX_BYTES", 20 * 2**20))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names need collectstatic, which production runs at image build time.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: with no broker configured, tasks run inline so development needs no Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TIMEZONE = TIME_ZONE
# Notifications: the hour (local time) of the daily digest, and how many days before an open
# survey closes its secretariat is told (with the response rate).
NOTIFY_DIGEST_HOUR = int(os.environ.get("NOTIFY_DIGEST_HOUR", "7"))
NOTIFY_SURVEY_CLOSING_DAYS = int(os.environ.get("NOTIFY_SURVEY_CLOSING_DAYS", "3"))
# Periodic work, run by `celery -A vkr_portal beat` (the beat service in docker-compose.yml).
CELERY_BEAT_SCHEDULE = {
    "idempotency-keys-purge": {
        "task": "idempotency.tasks.idempotency_keys_purge_task",
        "schedule": timedelta(hours=24),
    },
    # Reminders about workgroup reports: each is logged, so a second run sends nothing again.
    "workgroup-report-reminders": {
        "task": "workgroups.tasks.report_reminders_task",
        "schedule": timedelta(hours=6),
    },
    # Notifications (notifications/): the daily digest at NOTIFY_DIGEST_HOUR, surveys about to
    # close, and immediate e-mails whose task was lost. Each is sent once, however often run.
    "notifications-digest": {
        "task": "notifications.tasks.notification_digests_task",
        "schedule": crontab(minute=0, hour=NOTIFY_DIGEST_HOUR),
    },
    "notifications-surveys-closing": {
        "task": "notifications.tasks.surveys_closing_task",
        "schedule": timedelta(hours=1),
    },
    "notifications-requeue": {
        "task": "notifications.tasks.notifications_requeue_task",
        "schedule": timedelta(minutes=30),
    },
    "notifications-purge": {
        "task": "notifications.tasks.notifications_purge_task",
        "schedule": timedelta(days=1),
    },
    # Annual report builds whose worker died are taken up again.
    "report-builds-resume": {
        "task": "reports.tasks.report_builds_resume_task",
        "schedule": timedelta(seconds=int(os.environ.get("REPORT_BUILD_RESUME_SECONDS", "60"))),
    },
}
# The annual report build: soft and hard time limits (s), and how long a running build may be
# silent before its worker counts as dead (past the hard limit, so never while it runs).
REPORT_BUILD_SOFT_TIME_LIMIT = int(os.environ.get("REPORT_BUILD_SOFT_TIME_LIMIT", "240"))
REPORT_BUILD_TIME_LIMIT = int(os.environ.get("REPORT_BUILD_TIME_LIMIT", "300"))
REPORT_BUILD_STALE_SECONDS = int(
    os.environ.get("REPORT_BUILD_STALE_SECONDS", str(REPORT_BUILD_TIME_LIMIT + 60))
)

REDIS_CACHE_URL = os.environ.get("REDIS_CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_CACHE_URL,
    }
    if REDIS_CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "vardkompetensrad@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# The portal's public address, for links in e-mails sent by the worker (no request there).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Every survey e-mail carries a new link and ends the one before: a second reminder to the same
# invitation is refused for this long, and a second "new link" within the shorter window.
SURVEY_REMINDER_MIN_INTERVAL_MINUTES = int(
    os.environ.get("SURVEY_REMINDER_MIN_INTERVAL_MINUTES", "60")
)
SURVEY_RESEND_MIN_INTERVAL_SECONDS = int(
    os.environ.get("SURVEY_RESEND_MIN_INTERVAL_SECONDS", "120")
)

# Security: strict in production, relaxed only where development over plain HTTP needs it.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions: SESSION_COOKIE_AGE counts from the session's last save. A council user is logged
# out after SESSION_IDLE_TIMEOUT without a request (vkr_portal.middleware), so the cookie age
# mostly bounds a respondent's grant: after it the link opens the saved draft again.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_COOKIE_AGE_HOURS", "12")) * 3600)
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "120")))


# Content-Security-Policy (django-csp): no inline script and no eval anywhere (behaviour lives
# in static/js/portal.js, htmx is configured for it in templates/base.html), no plugins, no
# framing, forms only to the portal. Styles: files, no <style> element (the SVG charts use
# presentation attributes only), and style attributes; an attribute has no selectors to read
# the page with, and it loads nothing from outside img-src. Images from the portal and data:
# URIs (Bootstrap's icons are data: SVG in its CSS).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): none of these powerful features is used.
# Only names Chromium knows: an unknown one is a console error on every page (browser test).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The web container sits behind a TLS-terminating proxy that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# Link tokens never reach a log line (vkr_portal/log_filters.py): the filter sits on the one
# handler and on the loggers that print request paths, so every record is redacted where it is
# made. Django's own handlers for "django" and "django.server" and gunicorn's for its error log
# (in the workers, which load these settings) are replaced by that handler. gunicorn's access
# log stays off (no --access-logfile in docker-compose.yml; tests/vkr_portal/test_log_redaction).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "vkr_portal.log_filters.RedactTokensFilter"}},
    "formatters": {
        "plain": {"format": "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_tokens"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every page it lays out at INFO.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "django": {"level": "INFO", "propagate": True},
        "django.request": {"filters": ["redact_tokens"]},
        "django.security.csrf": {"filters": ["redact_tokens"]},
        "django.server": {"level": "INFO", "filters": ["redact_tokens"], "propagate": True},
        "gunicorn.error": {"filters": ["redact_tokens"], "propagate": True},
    },
}
