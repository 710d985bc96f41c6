"""Addresses of a council's pages and of many rows of one kind, reversed once per process (shared
by the lists and pages of every app, and by the ``council_url`` template tag).

``reverse()`` costs 15-25 us a call, and a list shows a link or three on each of its dozens of
rows, a session's page a dozen links to the session's own pages; so an address is reversed once
with a placeholder key, and each row's is that address with the row's key in the placeholder's
place. The URLconf does not change while the process runs, and an address is content, not a
decision: whether a link is shown is still asked of the login's role on every request. A test
that changes the URLconf has them worked out again. Tests check the result against ``reverse()``.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

# A key no row has; what comes before it in an address (a council's slug) may hold any digits,
# as only its last occurrence is replaced.
PLACEHOLDER_PK = 9_876_543_210


@lru_cache(maxsize=8192)
def address_for_key(name, key="pk", **kwargs):
    """``value -> reverse(name, kwargs={**kwargs, key: value})``, reversing once. For URL
    patterns whose ``key`` (an int) is their last argument, so its number comes last."""
    head, _, tail = reverse(name, kwargs={**kwargs, key: PLACEHOLDER_PK}).rpartition(
        str(PLACEHOLDER_PK)
    )
    return lambda value: f"{head}{int(value)}{tail}"


@lru_cache(maxsize=8192)
def council_page(name, slug):
    """``reverse(name, kwargs={"council": slug})``, reversed once."""
    return reverse(name, kwargs={"council": slug})


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        address_for_key.cache_clear()
        council_page.cache_clear()
