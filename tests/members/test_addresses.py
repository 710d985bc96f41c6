"""Row addresses reversed once (members/addresses.py, the ``council_url`` tag) are exactly what
``reverse()`` gives."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse

from members.addresses import address_for_key

# (URL name, the row's key, the address's other arguments), from the lists that use them.
ADDRESSES = [
    ("members:membership_edit", "pk", {}),
    ("history", "pk", {"kind": "clanstvo"}),
    ("reports:report_pdf", "pk", {}),
    ("meetings:material_download", "pk", {}),
    ("meetings:resolution_create", "item", {}),
    ("meetings:attendance_deputy", "person", {"pk": 12}),
]


@pytest.mark.parametrize(("name", "key", "more"), ADDRESSES)
# Slugs holding digits, the placeholder's among them: only the key's own place changes.
@pytest.mark.parametrize("slug", ["ptuj", "obcina-2024", "1", "sosvet-9876543210"])
def test_each_rows_address_is_what_reverse_gives(name, key, more, slug):
    address = address_for_key(name, key, council=slug, **more)
    for value in (1, 12, 1234567, 9876543210):
        assert address(value) == reverse(name, kwargs={"council": slug, **more, key: value})


# (the tag's arguments, the URL's name, its arguments besides the council)
TAGS = [
    ("'meetings:invitation_pdf' council 7", "meetings:invitation_pdf", {"pk": 7}),
    ("'meetings:item_create' council 7 key='session'", "meetings:item_create", {"session": 7}),
    ("'history' council 7 kind='seja'", "history", {"kind": "seja", "pk": 7}),
    ("'meetings:calendar' council", "meetings:calendar", {}),
]


@pytest.mark.parametrize(("tag", "name", "arguments"), TAGS)
def test_the_council_url_tag_gives_what_the_url_tag_gives(tag, name, arguments):
    """Each council its own addresses, though the tag works them out once per council."""
    template = Template("{% load addresses %}{% council_url " + tag + " %}")
    for slug in ("ptuj", "ormoz", "ptuj"):
        made = template.render(Context({"council": SimpleNamespace(slug=slug)}))
        assert made == reverse(name, kwargs={"council": slug, **arguments})
