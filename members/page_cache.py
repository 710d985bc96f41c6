"""Repeat views of a council's busiest pages, served from memory until anything on them changes.

A member opens the overview and the session page again and again, and between the secretary's
changes the page is the same each time. ``cached_per_login`` keeps the page a login (a session)
was shown and serves it to the same login again while its key holds. The key is made of everything
such a page depends on:

- the council's data version, which moves with every change to the council's data, its users,
  accounts and roles (``data_version.py``): an edit, an answer, a renamed member, a revoked
  role, a new password, a deactivated account;
- the session the page was drawn for, the address with its query, the language and today's date
  (the overview's "upcoming");
- nothing else: a view under this decorator must not vary on anything more.

A repeat view costs one query: the council's version, and whether the session still exists and
has not expired (logging out deletes it). It does not load the account, as Django's login check
would: the page was kept only after that check, and the view's own role checks, passed for this
very session at this very version, and whatever could undo them moves the version. A first view
goes through ``login_required`` and the usual checks. Sessions must therefore live in the
database (a check below insists).

Each process keeps its own copies (Django's local-memory cache): nothing is shared between
processes, so nothing needs invalidating across them, and a key that no longer matches is simply
never asked for again.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core import checks
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from .access import get_council_for
from .models import Council

# What {% csrf_token %} renders. The token is the requester's own, so the kept copy holds a
# placeholder and every answer gets the token of whoever asks.
_CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
_TOKEN_PLACEHOLDER = b"{csrf-token-placeholder}"
# A day at most: the date is part of the key anyway.
TIMEOUT = 24 * 60 * 60
DATABASE_SESSIONS = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def cached_per_login(view):
    """Serve a login's repeat views of a council page from the cache (see the module's notes).

    It takes the place of ``login_required``. The view receives the council itself, already
    authorised (404 for those outside it), in place of its slug.
    """

    @login_required
    def first_view(request, slug, **kwargs):
        return view(request, get_council_for(request.user, slug), **kwargs)

    @wraps(view)
    def wrapper(request, council, **kwargs):
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        # Read before anything the page shows: a change made while the page is drawn moves the
        # version, and the copy kept under the old one is never asked for.
        key = _page_key(request, council, session_key)
        kept = cache.get(key) if key else None
        if kept is not None:
            token = get_token(request).encode()
            return HttpResponse(kept["content"].replace(_TOKEN_PLACEHOLDER, token), kept["type"])
        response = first_view(request, council, **kwargs)
        if key and _keepable(response) and request.session.session_key == session_key:
            content = _CSRF_INPUT.sub(rb"\g<1>" + _TOKEN_PLACEHOLDER + rb"\g<2>", response.content)
            cache.set(key, {"type": response["Content-Type"], "content": content}, TIMEOUT)
        return response

    return wrapper


def _page_key(request, slug, session_key):
    """The key of the page for this login, or None for a page not to be kept or served."""
    # A page showing a one-off message ("saved") is drawn afresh and not kept.
    if not session_key or request.method not in ("GET", "HEAD") or len(get_messages(request)):
        return None
    found = _council_version(slug, session_key)
    if found is None or not found[2]:
        return None
    return ":".join(
        [
            "page",
            *map(str, found[:2]),
            _digest(session_key),
            translation.get_language(),
            timezone.localdate().isoformat(),
            _digest(request.get_full_path()),
        ]
    )


def _council_version(slug, session_key):
    """(id, data version, whether the session is alive) of the council at ``slug``, or None.

    Every repeat view runs this and nothing else, so it is written out: composing it with the ORM
    takes several times longer than the database takes to answer it.
    """
    sql = (
        f"SELECT id, data_version, EXISTS (SELECT 1 FROM {Session._meta.db_table}"
        " WHERE session_key = %s AND expire_date > %s)"
        f" FROM {Council._meta.db_table} WHERE slug = %s"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [session_key, now, slug])
        return cursor.fetchone()


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _keepable(response):
    """Only a plain page: no error, no redirect, nothing but its content type set by the view."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and set(response.headers) == {"Content-Type"}
    )


@checks.register(checks.Tags.security)
def check_sessions_in_database(app_configs, **kwargs):
    if settings.SESSION_ENGINE in DATABASE_SESSIONS:
        return []
    return [
        checks.Error(
            "The page cache needs sessions in the database.",
            hint="A session that ends must send the signal that moves the data version "
            "(members/page_cache.py); set SESSION_ENGINE to the db or cached_db backend.",
            id="members.E001",
        )
    ]
