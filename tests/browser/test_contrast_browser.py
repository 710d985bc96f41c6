"""Non-text contrast (WCAG 1.4.11) of every form control style, as Chromium draws it.

For each visible control on pages that together show every control style the portal uses, the
test reads the colours Chromium computed and the background behind the control (the ancestors'
background colours, composited, down to the page), and requires 3:1 for
- the control's edge (its border, or its fill where that is what sets it apart) by default, under
  the mouse, focused, checked, and shown invalid;
- the focus ring (outline and any box-shadow) when the keyboard focuses it; there must be one.
Translucent colours are composited over what is behind them first, as the screen shows them.

Exempt, as WCAG 1.4.11 says: disabled controls (inactive components), and the edge of text-only
buttons (``btn-link``) and of a disclosure's summary: their text identifies them, and axe
checks its contrast under 1.4.3. Their focus ring is still checked.
"""

import re

import cssselect2
import lxml.html
import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.conftest import Client
from tests.crawl import crawl
from tests.security.test_permission_matrix import PERSONAS, ROWS, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINIMUM = 3.0
CONTROLS = "input:not([type=hidden]), select, textarea, button, a.btn, summary"
TEXT_ONLY = {"btn-link", "summary"}

# What the browser says of a control: its colours, and the background colours of its ancestors,
# nearest first. Colours come back as Chromium serialises them: rgb() or rgba(). Bootstrap fades
# borders and rings in (CSS transitions): the colours are read as the fade ends, each fade taken
# to its end at once rather than waited for (0.15 s for each state of each control).
LOOK = """element => {
  element.getAnimations().forEach((animation) => animation.finish());
  const style = getComputedStyle(element);
  const behind = [];
  for (let node = element.parentElement; node; node = node.parentElement) {
    behind.push(getComputedStyle(node).backgroundColor);
  }
  return {
    tag: element.localName,
    type: element.getAttribute("type") || "",
    classes: [...element.classList],
    border: style.borderTopStyle === "none" ? null : style.borderTopColor,
    borderWidth: parseFloat(style.borderTopWidth),
    fill: style.backgroundColor,
    outline: style.outlineStyle === "none" ? null : style.outlineColor,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
    behind,
    hovered: element.matches(":hover"),
    focusVisible: element.matches(":focus-visible"),
    invalid: element.classList.contains("is-invalid"),
    shown: element.checkVisibility({visibilityProperty: true}),
    disabled: element.matches(":disabled"),
    checked: element.checked === true,
  };
}"""

# Focus the control, read its look, and let the focus go again.
FOCUSED_LOOK = f"""element => {{
  element.focus();
  const look = ({LOOK})(element);
  element.blur();
  return look;
}}"""
# The look as it is (under the mouse), then focused: one call to the browser instead of two.
LOOK_THEN_FOCUSED = f"element => [({LOOK})(element), ({FOCUSED_LOOK})(element)]"

COLOUR = re.compile(r"rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)")


def rgba(css):
    match = COLOUR.fullmatch(css.strip())
    assert match, f"a colour this test cannot read: {css!r}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def over(colour, background):
    """``colour`` (r, g, b, a) composited over the opaque ``background`` (r, g, b)."""
    *rgb, alpha = colour
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(rgb, background, strict=True))


def backdrop(behind):
    """The opaque colour behind a control: its ancestors' backgrounds over the white canvas."""
    colour = (255.0, 255.0, 255.0)
    for layer in reversed(behind):
        colour = over(rgba(layer), colour)
    return colour


def luminance(rgb):
    """WCAG 2.1 relative luminance of an sRGB colour."""

    def linear(channel):
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def style_of(tag, type_, classes):
    """The control style a look belongs to: Bootstrap's field class, or the button variant."""
    for name in ("form-check-input", "form-control"):
        if name in classes:
            return f"{name}[{type_ or tag}]"
    if "form-select" in classes:
        return "form-select"
    if "btn" in classes:
        return next(
            (c for c in classes if c.startswith("btn-") and c not in ("btn-sm", "btn-lg")), "btn"
        )
    return f"{tag}[{type_}]" if tag == "input" else tag


def edge_ratio(look, background):
    """How well the control stands apart: by its border, or by its fill."""
    ratios = [contrast(over(rgba(look["fill"]), background), background)]
    if look["border"] and look["borderWidth"] > 0:
        ratios.append(contrast(over(rgba(look["border"]), background), background))
    return max(ratios)


def ring_ratios(look, background):
    """The contrast of each focus ring drawn: the outline, and every box-shadow with a spread."""
    rings = []
    if look["outline"] and look["outlineWidth"] > 0:
        rings.append(("outline", look["outline"]))
    if look["boxShadow"] != "none":
        for shadow in re.split(r",(?![^(]*\))", look["boxShadow"]):
            colour = COLOUR.search(shadow)
            lengths = [float(n) for n in re.findall(r"(-?[\d.]+)px", COLOUR.sub("", shadow))]
            if colour and any(lengths):
                rings.append(("box-shadow", colour.group(0)))
    return [(kind, contrast(over(rgba(c), background), background)) for kind, c in rings]


def problems_of(look, name, state):
    """The kind of look (style, invalid, background) and what in it is below 3:1."""
    background = backdrop(look["behind"])
    style = style_of(look["tag"], look["type"], look["classes"])
    where = f"{name} {style} {state}{' (invalid)' if look['invalid'] else ''}"
    found = []
    if style not in TEXT_ONLY and (ratio := edge_ratio(look, background)) < MINIMUM:
        found.append(f"{where}: edge {ratio:.2f}:1 (border {look['border']}, fill {look['fill']})")
    if state == "hovered" and not look["hovered"]:
        found.append(f"{where}: the mouse over it does not reach it (:hover)")
    if state == "focused":
        rings = ring_ratios(look, background)
        if not look["focusVisible"]:
            found.append(f"{where}: the keyboard focus is not :focus-visible")
        if not rings:
            found.append(f"{where}: no focus ring")
        for kind, ratio in rings:
            if ratio < MINIMUM:
                found.append(f"{where}: {kind} {ratio:.2f}:1 against {background}")
    return (style, look["invalid"], background), found


def measure_every_control(page, name):
    """Each visible, enabled control of the page: by default, hovered, checked, focused; once
    for each kind of look (style, invalid or not, background), as the rest look the same."""
    page.mouse.move(0, 0)
    controls = page.locator(CONTROLS)
    looks = controls.evaluate_all(f"elements => elements.map({LOOK})")
    kinds, found = set(), []
    for index, look in enumerate(looks):
        if not look["shown"] or look["disabled"]:
            continue  # hidden: not drawn; disabled: exempt (WCAG 1.4.11)
        kind, problems = problems_of(look, name, "default")
        if kind in kinds:
            continue
        kinds.add(kind)
        found += problems
        control = controls.nth(index)
        # Straight to it, without Playwright's checks that it is steady and uncovered (they took
        # most of this test's time): the look read under the mouse says whether it is hovered.
        control.hover(force=True)
        state = "hovered"
        if look["type"] in ("checkbox", "radio"):
            found += problems_of(control.evaluate(LOOK), name, state)[1]
            control.check()
            state = "checked"
        page.keyboard.press("Shift")  # the next focus counts as the keyboard's (:focus-visible)
        now, focused = control.evaluate(LOOK_THEN_FOCUSED)
        found += problems_of(now, name, state)[1] + problems_of(focused, name, "focused")[1]
    return {style for style, _invalid, _background in kinds}, found


@pytest.fixture
def world(council, mandate, police, chief, member, settings, tmp_path):
    return World(council, mandate, police, chief, member, settings, tmp_path)


def pages_to_measure(world):
    """(name, address, persona, send the form empty first): every control style is on one."""
    w = world
    pages = [
        ("login", reverse("login"), None, True),
        ("members:person_create", reverse("members:person_create", kwargs={"council": "ptuj"}),
         "secretary", True),
        ("meetings:session_create", reverse("meetings:session_create", kwargs={"council": "ptuj"}),
         "secretary", True),
    ]  # fmt: skip
    for name in ("meetings:session", "meetings:material_upload", "meetings:attendance_record",
                 "members:mandate_rollover", "members:membership_create", "members:access_list",
                 "members:person_erase", "meetings:resolution_create", "reports:report_edit",
                 "meetings:session_list", "meetings:resolution_register"):  # fmt: skip
        pages.append((name, reverse(name, kwargs=ROWS[name][0](w)), "secretary", False))
    session = reverse("meetings:session", kwargs=ROWS["meetings:session"][0](w))
    pages.append(("meetings:session", session, "member", False))
    return pages


def styles_on_the_portal(world, secretary):
    """The control styles on every page the permission matrix lists, and pages linked from them,
    as the secretary and a member see them (read from the HTML, without a browser)."""
    styles = set()
    for persona, user in (("secretary", secretary), ("member", world.member)):
        client = Client()
        client.force_login(user)
        column = PERSONAS.index(persona)
        starts = [
            reverse(name, kwargs=arguments(world))
            for name, (arguments, method, _data, expected) in sorted(ROWS.items())
            if method == "get" and expected[column] == 200 and not name.endswith(("pdf", "ics"))
        ]
        for page in crawl(client, *starts, per_name=1):
            # libxml2's parser (lxml) finds the same controls as an HTML5 one on the portal's
            # pages, which are valid HTML (tests/test_html_valid.py), in a tenth of the time.
            tree = lxml.html.document_fromstring(page.html)
            root = cssselect2.ElementWrapper.from_html_root(tree)
            for control in root.query_all(CONTROLS):
                element = control.etree_element
                styles.add(style_of(control.local_name, element.get("type", ""),
                                    (element.get("class") or "").split()))  # fmt: skip
    return styles


def test_every_control_style_keeps_3_to_1_in_every_state(page, live_server, world, secretary):
    measured, found = set(), []
    for name, address, persona, send_empty in pages_to_measure(world):
        sign_in(page, live_server, {"secretary": secretary, "member": world.member}.get(persona))
        page.goto(address)
        for summary in page.locator("summary").all():
            summary.click()  # folded forms (a member's proposal) show their fields
        if send_empty:
            for suggested in page.locator("main form input[type=number]").all():
                suggested.fill("")  # the suggested number would make an empty form valid
            page.locator("main form[method=post] button[type=submit]").last.click()
            page.locator(".is-invalid").first.wait_for()
        styles, problems = measure_every_control(page, name)
        measured |= styles
        found += problems
    assert found == []
    assert "form-control[text]" in measured and "btn-primary" in measured
    # Every style some page of the portal uses was measured on one of the pages above.
    assert styles_on_the_portal(world, secretary) - measured == set()
