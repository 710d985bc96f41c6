"""Row addresses reversed once (members/addresses.py) are exactly what ``reverse()`` gives."""

import pytest
from django.urls import reverse

from members.addresses import address_for_pk

ADDRESSES = [
    ("members:mandate", {}),
    ("members:membership_edit", {}),
    ("history", {"kind": "clanstvo"}),
    ("reports:report", {}),
    ("reports:report_pdf", {}),
]


@pytest.mark.parametrize(("name", "more"), ADDRESSES)
# Slugs holding digits, the placeholder's among them: only the key's own place changes.
@pytest.mark.parametrize("slug", ["ptuj", "1", "sosvet-9876543210"])
def test_each_rows_address_is_what_reverse_gives(name, more, slug):
    address = address_for_pk(name, council=slug, **more)
    for pk in (1, 42, 9876543210):
        assert address(pk) == reverse(name, kwargs={"council": slug, **more, "pk": pk})
