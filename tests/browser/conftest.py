"""Real Chromium through Playwright, against the live test server.

Debian's Chromium is used (`playwright install` cannot download here). Without it the browser tests
skip with the reason, unless SOSVET_E2E_REQUIRED=1 (as in CI) makes a missing browser a failure.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright

from tests.conftest import PASSWORD, Client, current_code

# The headless shell (Debian's chromium-headless-shell, what Playwright itself runs headless) is
# the same engine without the desktop browser around it: the browser tests take half the CPU.
CHROMIUM = (
    os.environ.get("SOSVET_CHROMIUM")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium-headless-shell"
)
# As root and on a closed network Chromium needs these to start quickly and quietly.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
    # Before each run axe would copy every style sheet into a document of its own (its "cssom"
    # asset; Bootstrap alone is 230 kB): about 19 of a run's 66 ms in the page on our pages. Only
    # css-orientation-lock reads that copy, an experimental rule these tags leave out. The media
    # (no-autoplay-audio) is still loaded; the rules run and what they find are the same.
    "preload": {"assets": ["media"]},
}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium-headless-shell"
        if os.environ.get("SOSVET_E2E_REQUIRED") == "1":
            pytest.fail(reason + " (SOSVET_E2E_REQUIRED=1)")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser, live_server, *, axe=False, **options):
    """A browser context on the live server, in Slovenian.

    With ``axe`` each document its pages open has axe-core from the start (an init script, run by
    Chromium itself), where nearly every page is checked: handing the 570 kB script over at each
    check (assert_accessible) takes longer than the check. On a page left unchecked it is work for
    nothing, and it makes each new page dearer: reuse one page where the tests allow."""
    context = browser.new_context(base_url=live_server.url, locale="sl-SI", **options)
    context.set_default_timeout(10_000)
    if axe:
        context.add_init_script(script=AXE_SCRIPT)
    return context


@pytest.fixture
def page(browser, live_server):
    context = new_context(browser, live_server)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server):
    """A page with axe-core in every page it opens, for a walk that checks nearly every page."""
    context = new_context(browser, live_server, axe=True)
    page = context.new_page()
    yield page
    context.close()


def field(page, label):
    """A form field by its visible label, whether or not crispy marks it required with "*"."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def open_tab(page, name):
    """Follow a link in the council's navigation tabs."""
    page.get_by_role("navigation", name="Sosvet").get_by_role("link", name=name, exact=True).click()


def log_in(page, username, password=PASSWORD):
    """The password, then the code the login's authenticator app shows, if it has one: through
    the login form, as the tests of signing in do. The others sign in with sign_in."""
    page.goto("/racun/login/")
    page.get_by_label("Uporabniško ime").fill(username)
    page.get_by_label("Geslo").fill(password)
    page.get_by_role("button", name="Prijava").click()
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        field(page, "Koda").fill(current_code(device.user))
        page.get_by_role("button", name="Potrdi").click()


def sign_in(page, live_server, user):
    """Give the browser the session of ``user`` (a login, or its username) signed in on the server,
    its second factor passed if it has one (tests.conftest.Client), or with None no session: one
    request instead of the login form's two or three pages."""
    page.context.clear_cookies()
    if user is None:
        return
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


# Only the violations come back: the rest of axe's results (every rule it ran, and the elements
# each one passed) is what the check does not read.
RUN_AXE = """options => typeof axe === "undefined" ? null
  : axe.run(document, options).then((results) => ({violations: results.violations}))"""


def assert_accessible(page):
    """axe-core with the WCAG 2.1 A and AA rules finds nothing on the page as it is now."""
    response = page.evaluate(RUN_AXE, AXE_OPTIONS)
    if response is None:  # a context opened without axe (the usual): hand the script over now
        page.evaluate(AXE_SCRIPT)
        response = page.evaluate(RUN_AXE, AXE_OPTIONS)
    results = AxeResults(response)
    assert results.violations_count == 0, results.generate_report()
