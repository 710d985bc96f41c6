"""``html_format`` and ``line_breaks`` (members/html.py), which make the long lists' lines,
escape as Django's ``format_html`` and ``linebreaksbr`` do: what a person typed is shown as text,
never as markup, its line breaks kept."""

import pytest
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from members.html import html_format, joined, line_breaks

TYPED = [
    '<script>alert("x")</script>',
    'Tom & Jerry\'s "bar"',
    "<b>krepko</b>",
    "Čačić Šuštar Žiga",
    "",
    0,
    12.5,
    None,
]


@pytest.mark.parametrize("value", TYPED)
def test_each_value_is_escaped_as_format_html_escapes_it(value):
    template = '<a href="{}" title="{}">{}</a>'
    made = html_format(template, value, value, value)

    assert made == format_html(template, value, value, value)
    assert isinstance(made, SafeString)


def test_named_values_too():
    made = html_format("<td>{name}</td><td>{name}</td>", name="<i>x</i>")
    assert made == "<td>&lt;i&gt;x&lt;/i&gt;</td><td>&lt;i&gt;x&lt;/i&gt;</td>"


def test_safe_pieces_are_kept_as_they_are_and_lazy_text_is_translated():
    line = html_format("<li>{}</li>", "<b>")
    with override("sl"):
        made = html_format("<ul>{}</ul><p>{}</p>", joined([line, line]), gettext_lazy("Edit"))
    assert made == "<ul><li>&lt;b&gt;</li><li>&lt;b&gt;</li></ul><p>Uredi</p>"
    assert html_format("{}", mark_safe("<br>")) == "<br>"


TEXTS = [
    "Prva vrstica\nDruga <b>vrstica</b>",
    "Windows\r\nMac\rUnix\n\nkonec",
    'Tom & Jerry\'s "bar"\r\n<script>alert(1)</script>',
    "",
    mark_safe("<em>že varno</em>\nnaprej"),
]


@pytest.mark.parametrize("text", TEXTS)
def test_line_breaks_are_kept_and_the_text_escaped_as_linebreaksbr_does(text):
    made = line_breaks(text)

    assert made == linebreaksbr(text)
    assert isinstance(made, SafeString)
    assert "\n" not in made and "\r" not in made
