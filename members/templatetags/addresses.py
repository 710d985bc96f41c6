"""``{% council_url %}``: the address of a council's page, or of a page of one of its rows,
reversed once per process and council (members.addresses).

A session's page links to a dozen pages of the session (its invitation, minutes, calendar entry,
the secretary's forms), and ``{% url %}`` cost 20 - 45 us each on every view. The URLconf does not
change while the process runs, and an address is content, not a decision: whether a link is
shown is still asked of the login's role on every request. A test that changes the URLconf has
them worked out again.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

from members.addresses import address_for_key

register = template.Library()


@lru_cache(maxsize=8192)
def council_page(name, slug):
    return reverse(name, kwargs={"council": slug})


@lru_cache(maxsize=8192)
def council_address(name, slug, key, kwargs):
    """``address_for_key`` of ``name`` in the council ``slug``; ``kwargs``: the other arguments,
    as sorted (name, value) pairs."""
    return address_for_key(name, key, council=slug, **dict(kwargs))


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        council_page.cache_clear()
        council_address.cache_clear()


@register.simple_tag
def council_url(name, council, value=None, key="pk", **kwargs):
    """``{% url name council=council.slug pk=value %}``, or ``key=value`` with the other
    ``kwargs``; without a value, ``{% url name council=council.slug %}``."""
    if value is None:
        return council_page(name, council.slug)
    return council_address(name, council.slug, key, tuple(sorted(kwargs.items())))(value)
