"""The rows made in Python (members/html.py) escape each value exactly as a template's
``{{ value }}`` does, so a name with markup or quotes shows as text, never as HTML."""

import pytest
from django.template import Context, Template

from members.html import text


@pytest.mark.parametrize("value", ["O'Brien <b>&", 'vodja "A"', "1. 3. 2025 – 2. 4. 2026", 7])
def test_text_is_escaped_as_a_template_escapes_it(value):
    assert text(value) == Template("{{ value }}").render(Context({"value": value}))
