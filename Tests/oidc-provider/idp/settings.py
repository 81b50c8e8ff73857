"""Settings of the throw-away OpenID provider that AssetSync's browser suite signs in through (issue 22).

Everything lives in the folder named by OIDC_PROVIDER_STATE (its SQLite database and secret key), so
a run leaves nothing behind once that folder is removed. It listens on loopback only.
"""
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_state = os.environ.get("OIDC_PROVIDER_STATE")
if not _state:
    raise ImproperlyConfigured("Set OIDC_PROVIDER_STATE to a folder for the provider's database and key.")
STATE_DIR = Path(_state)
STATE_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key():
    # Kept in the state folder so `manage.py` commands and the server agree on it.
    path = STATE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oidc_provider",
    "idp",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "idp.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(STATE_DIR / "provider.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
STATIC_URL = "/static/"

# AssetSync runs on the same host (127.0.0.1, another port) and cookies ignore ports: Django's
# default cookie names must not overwrite or read AssetSync's.
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# django-oidc-provider. SITE_URL (and so the issuer, `<SITE_URL>/openid`) is set by serve.py once the
# port is known; `manage.py runserver` takes it from OIDC_PROVIDER_SITE_URL, else from the request.
SITE_URL = os.environ.get("OIDC_PROVIDER_SITE_URL") or None
OIDC_USERINFO = "idp.claims.userinfo"
# The ID token carries the scopes' claims (email and email_verified for "email"), as Okta, Entra ID
# and Google do, so AssetSync can decide from the verified token alone.
OIDC_IDTOKEN_INCLUDE_CLAIMS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO"},
        # Why a token or authorization request was refused (only ever throw-away secrets here).
        "oidc_provider": {"handlers": ["stderr"], "level": "DEBUG"},
    },
}
