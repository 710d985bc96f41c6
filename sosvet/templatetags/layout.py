"""The layout's parts that every page draws: the council's tabs, fixed links, the language list.

Every page pays for its layout, so what does not change between requests is worked out once per
process: the addresses of the fixed pages, of each council's tabs and accessibility statement
(members.addresses; the URLconf does not change while the process runs, and an address is
content, not a decision: which tabs a login sees is still asked of its role on every request), of
the style sheets and script (the static files' manifest is read once too), and the names of the
languages. A test that changes the settings they come from has them worked out again.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_htmx.jinja import htmx_script

from members.addresses import council_page
from members.html import html_format, joined
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
    ("members:council_settings", _("Settings"), "members.change_council"),
]


@lru_cache(maxsize=256)
def fixed_url(name):
    return reverse(name)


@lru_cache(maxsize=64)
def fixed_static(path):
    return static(path)


@lru_cache(maxsize=1)
def fixed_htmx_script():
    # django-htmx's own tag, which adds its debugging script under DEBUG. No nonce: the content
    # security policy allows the portal's own scripts (sosvet/settings.py).
    return htmx_script()


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "STATIC_URL", "STORAGES", "DEBUG"}:
        for worked_out in (fixed_url, fixed_static):
            worked_out.cache_clear()
        fixed_htmx_script.cache_clear()


@register.simple_tag(name="fixed_url")
def fixed_url_tag(name):
    """``{% url name %}`` for a page without arguments, reversed once per process."""
    return fixed_url(name)


@register.simple_tag(name="fixed_static")
def fixed_static_tag(path):
    """``{% static path %}``, its address worked out once per process."""
    return fixed_static(path)


@register.simple_tag(name="fixed_htmx_script")
def fixed_htmx_script_tag():
    """django-htmx's ``{% htmx_script %}``, worked out once per process."""
    return fixed_htmx_script()


@register.simple_tag
def accessibility_url(council):
    """The accessibility statement; from a council's pages, the one that gives its address."""
    slug = getattr(council, "slug", None)
    return council_page("council_accessibility", slug) if slug else fixed_url("accessibility")


# A tab's item, this page's marked as current. Made here (html_format: each value escaped), one
# template node for all the tabs: a loop with a condition and three values per tab cost every
# council page more than the rest of its navigation.
TAB = '\n        <li class="nav-item"><a class="nav-link" href="{url}">{label}</a></li>'
CURRENT_TAB = (
    '\n        <li class="nav-item">'
    '<a class="nav-link active" aria-current="page" href="{url}">{label}</a></li>'
)


@register.simple_tag(takes_context=True)
def council_tabs(context, council):
    """The council's tabs this login's role shows, as the tab bar's items (HTML), this page's
    marked as the current one."""
    request = context["request"]
    items = []
    for name, label, perm in COUNCIL_TABS:
        if perm is None or may(request.user, perm):
            url = council_page(name, council.slug)
            # The label translated here, as plain text: a lazy one costs the page more to print.
            template = CURRENT_TAB if url == request.path else TAB
            items.append(html_format(template, url=url, label=str(label)))
    return joined(items)


@lru_cache(maxsize=1)
def _languages():
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


# A language's option in the footer's language switch, the one in use selected; made here, one
# template node for the list instead of a loop with a condition per language on every page.
LANGUAGE_OPTION = '\n      <option value="{code}" lang="{code}">{name}</option>'
CHOSEN_LANGUAGE_OPTION = '\n      <option value="{code}" lang="{code}" selected>{name}</option>'


@register.simple_tag
def language_options(current):
    """The language switch's options (HTML): each language of the portal in its own name, the
    one in use (``current``) selected."""
    options = [
        html_format(
            CHOSEN_LANGUAGE_OPTION if code == current else LANGUAGE_OPTION, code=code, name=name
        )
        for code, name in _languages()
    ]
    return joined(options)
