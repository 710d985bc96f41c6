"""``{% council_url %}``: ``{% url %}`` for a council's pages, reversed once per process and
council (members.addresses); a session's page links to a dozen pages of the session, and
``{% url %}`` cost 20 - 45 us each on every view."""

from django import template

from members.addresses import address_for_key, council_page

register = template.Library()


@register.simple_tag
def council_url(name, council, value=None, key="pk", **kwargs):
    """``{% url name council=council.slug pk=value %}``, or ``key=value`` with the other
    ``kwargs``; without a value, ``{% url name council=council.slug %}``."""
    if value is None:
        return council_page(name, council.slug)
    return address_for_key(name, key, council=council.slug, **kwargs)(value)
