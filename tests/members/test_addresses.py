"""Row addresses reversed once (members/addresses.py) are exactly what ``reverse()`` gives."""

import pytest
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
