"""The layout's parts that every page draws: the council's tabs, fixed links, the language list.

Every page pays for its layout, so what does not change between requests is worked out once per
process: the addresses of the fixed pages and of each council's tabs (the URLconf does not change
while the process runs, and an address is content, not a decision: which tabs a login sees is
still asked of its role on every request), and the names of the languages.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from members.permissions import may

register = template.Library()

# (URL name, label, the permission that shows the tab; None: every role sees it)
COUNCIL_TABS = [
    ("dashboard", _("Overview"), None),
    ("members:roster", _("Members"), None),
    ("members:mandate_list", _("Mandates"), None),
    ("members:organization_list", _("Organizations"), None),
    ("meetings:session_list", _("Sessions"), None),
    ("meetings:statistics", _("Statistics"), "meetings.view_statistics"),
    ("reports:report_list", _("Annual reports"), None),
    ("members:person_list", _("People"), "members.view_person"),
    ("members:access_list", _("Access"), "members.change_councilaccess"),
]


@lru_cache(maxsize=256)
def fixed_url(name):
    return reverse(name)


@lru_cache(maxsize=1024)
def council_tab_urls(slug):
    return [reverse(name, kwargs={"council": slug}) for name, _label, _perm in COUNCIL_TABS]


@register.simple_tag(name="fixed_url")
def fixed_url_tag(name):
    """``{% url name %}`` for a page without arguments, reversed once per process."""
    return fixed_url(name)


@register.simple_tag(takes_context=True)
def council_tabs(context, council):
    """The council's tabs this login's role shows: (address, label, whether it is this page)."""
    request = context["request"]
    tabs = zip(council_tab_urls(council.slug), COUNCIL_TABS, strict=True)
    return [
        (url, label, url == request.path)
        for url, (_name, label, perm) in tabs
        if perm is None or may(request.user, perm)
    ]


@lru_cache(maxsize=1)
def _languages():
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


@register.simple_tag
def language_choices():
    """(code, the language's own name) for each language of the portal."""
    return _languages()
