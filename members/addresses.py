"""Addresses of many rows of one kind, reversed once (shared by the lists of every app).

``reverse()`` costs 15-25 us a call, and a list shows a link or three on each of its dozens of
rows; so an address is reversed once with a placeholder key, and each row's is that address with
the row's key in the placeholder's place. Tests check the result against ``reverse()``.
"""

from django.urls import reverse

# A key no row has; what comes before it in an address (a council's slug) may hold any digits,
# as only its last occurrence is replaced.
PLACEHOLDER_PK = 9_876_543_210


def address_for_key(name, key="pk", **kwargs):
    """``value -> reverse(name, kwargs={**kwargs, key: value})``, reversing once. For URL
    patterns whose ``key`` (an int) is their last argument, so its number comes last."""
    head, _, tail = reverse(name, kwargs={**kwargs, key: PLACEHOLDER_PK}).rpartition(
        str(PLACEHOLDER_PK)
    )
    return lambda value: f"{head}{int(value)}{tail}"
