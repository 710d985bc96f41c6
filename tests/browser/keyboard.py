"""Driving the portal with the keyboard alone, as a person who uses no mouse does.

Only key presses reach the page: Tab and Shift+Tab to move, Enter and Space to act, arrow keys in
radio groups and lists, typed text. Locators only name the control a person is looking for; they
never click or fill. A control that Tab cannot reach, or a trap that holds the focus, fails the
test, and so does a stop on the way that does not show where the focus is.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

# More than any page of the journey has stops between two controls it uses (date and time fields
# take one stop per part), few enough that a trap fails quickly.
MAX_PRESSES = 60

SKIP_LINK = "Skoči na glavno vsebino"

# Where the focus is, and whether it shows: an outline or a box shadow (Bootstrap's focus rings
# are shadows) that is there once its transition has run, neither transparent nor of no size.
# The body holds the focus only between the last stop and the first, out of sight. A date or time
# field that holds the focus without matching :focus has it on its own picker button, inside the
# browser's part of the field, which draws that ring itself.
FOCUS_STOP = """(target) => {
  const el = document.activeElement;
  el.getAnimations().forEach((animation) => animation.finish());
  const style = getComputedStyle(el);
  const text = (el.getAttribute("aria-label") || el.labels?.[0]?.textContent || el.textContent
                || el.name || "").replace(/\\s+/g, " ").trim().slice(0, 50);
  const seen = (color) => !/^(transparent|rgba\\(.*, 0\\))$/.test(color);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
                  && seen(style.outlineColor);
  const shadows = style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\\))/);
  const shadow = shadows.some((one) => {
    const color = (one.match(/rgba?\\([^)]*\\)/) || ["rgb(0, 0, 0)"])[0];
    return seen(color) && /[1-9]/.test(one.replace(color, ""));
  });
  const picker = el.matches("input[type=date], input[type=month], input[type=time]")
                 && !el.matches(":focus");
  return {
    reached: el === target,
    body: el === document.body,
    label: `${el.tagName.toLowerCase()} "${text}"${picker ? " (picker)" : ""}`,
    ring: outline || shadow || picker,
  };
}"""


def tab_to(page, target, *, backwards=False, limit=MAX_PRESSES):
    """Press Tab (Shift+Tab with ``backwards``) until ``target``, a locator naming one control,
    has the focus. Fails after ``limit`` presses, and at any stop that shows no focus ring."""
    expect(target).to_have_count(1)  # waits for the page that has it
    handle = target.element_handle()
    if page.evaluate(FOCUS_STOP, handle)["reached"]:  # there already (autofocus)
        return
    key = "Shift+Tab" if backwards else "Tab"
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS_STOP, handle)
        if stop["body"]:
            stops.append("(page)")
            continue
        stops.append(stop["label"])
        assert stop["ring"], f"the focus on {stop['label']} does not show ({page.url})"
        if stop["reached"]:
            return
    pytest.fail(f"{limit} × {key} did not reach {target} on {page.url}: {' → '.join(stops)}")


def link(page, name):
    return page.get_by_role("link", name=name, exact=True)


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def field(page, label):
    """A form field by its label, whether or not crispy marks it required with "*"."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def nav_tab(page, name):
    return page.get_by_role("navigation", name="Sosvet").get_by_role("link", name=name, exact=True)


def press_and_wait_for_page(page, key="Enter"):
    """Follow a link or send a form with the focused control; returns once the next page is in."""
    with page.expect_navigation():
        page.keyboard.press(key)


def arrive(page, *, skip=False):
    """A page the journey reaches: axe finds nothing, and the first focus stop shows.

    That is the field a form puts the focus in (autofocus), else where the first Tab lands: the
    skip link, or with a fragment in the address (``#minutes``) the first stop after the part of
    the page it names. With ``skip`` the skip link is then followed, as a person who knows the
    page does to reach a form; a page reached from a form sent after following it is at
    ``#content`` already (a redirect keeps the fragment), the focus on the main content itself,
    which is no stop: the first Tab goes on from there."""
    assert_accessible(page)
    fragment = urlsplit(page.url).fragment
    if page.evaluate(AT_NO_STOP):
        page.keyboard.press("Tab")
        if not fragment:
            expect(page.get_by_role("link", name=SKIP_LINK)).to_be_focused()
    assert_focus_shows(page)
    if skip and not fragment:
        skip_to_content(page)


# The page itself, or the main content the skip link sends the focus to (tabindex="-1").
AT_NO_STOP = """() => document.activeElement === document.body
                     || document.activeElement.matches("main#content")"""


def assert_focus_shows(page):
    """The element that has the focus now shows it."""
    stop = page.evaluate(FOCUS_STOP, None)
    assert not stop["body"], f"nothing has the focus on {page.url}"
    assert stop["ring"], f"the focus on {stop['label']} does not show ({page.url})"


def skip_to_content(page):
    """The skip link (the first stop) takes the focus past the navigation to the page's content."""
    expect(page.get_by_role("link", name=SKIP_LINK)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()


def type_into(page, target, text):
    tab_to(page, target)
    page.keyboard.type(text)


def date_field_order(context):
    """The order a date field takes its parts in when typed. Chromium lays the field out for the
    locale it has data for: day, month, year in Slovenian; month, day, year in the US English that
    Debian's builds fall back to, whatever the page's language."""
    probe = context.new_page()
    try:
        probe.set_content("<input type=date>")
        probe.keyboard.press("Tab")
        probe.keyboard.type("13012000")  # 13 is a day only; as a month it becomes 12
        value = probe.locator("input").input_value()
    finally:
        probe.close()
    orders = {"2000-01-13": "dmy", "2000-12-01": "mdy"}
    assert value in orders, f"a date field typed as 13 01 2000 became {value!r}"
    return orders[value]


def type_date(page, target, day, order):
    """Type ``day`` into a date field, its parts in the field's ``order`` (date_field_order)."""
    tab_to(page, target)
    parts = {"d": f"{day:%d}", "m": f"{day:%m}", "y": f"{day:%Y}"}
    page.keyboard.type("".join(parts[part] for part in order))
    expect(target).to_have_value(day.isoformat())
