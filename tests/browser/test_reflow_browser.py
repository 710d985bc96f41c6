"""Every page the secretary may open reflows (WCAG 1.4.10): nothing scrolls sideways at 320 CSS
pixels width, nor at 640, what a 1280 px wide window shows at 200% zoom.

The pages come from the permission matrix, as in test_accessibility_walk.py, in one world: a page
walked later shows what the pages before it made (a session with its material, say).
"""

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility_walk import HTML_PAGES
from tests.security.test_permission_matrix import PERSONAS, ROWS, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 640)


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    return World(council, mandate, police, chief, member, settings, tmp_path)


def test_every_page_reflows_at_320_px_and_200_percent_zoom(page, live_server, world, secretary):
    """Each page is loaded once, at the narrowest width, and measured at each width in turn: the
    layout follows the window's width as it changes (CSS; no script of the portal reads it)."""
    sign_in(page, live_server, secretary)
    sideways = []
    for name in HTML_PAGES:
        arguments, _method, _data, expected = ROWS[name]
        if expected[PERSONAS.index("secretary")] != 200:
            continue
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(reverse(name, kwargs=arguments(world)))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                sideways.append(f"{name} scrolls sideways by {overflow}px at {width}px")
    assert sideways == []
