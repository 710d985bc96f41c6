"""Plain text as the secretary types it, laid out as HTML: nothing typed becomes markup.

A blank line starts a paragraph; a line beginning with "- " is a bullet. Lines of one paragraph
are joined with a space, so text pasted from a wrapped document reads as it should.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def plain_text(text):
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        paragraph, bullets = [], []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    html.append(_paragraph(paragraph))
                    paragraph = []
                bullets.append(line[2:].strip())
            else:
                if bullets:
                    html.append(_bullets(bullets))
                    bullets = []
                paragraph.append(line)
        if paragraph:
            html.append(_paragraph(paragraph))
        if bullets:
            html.append(_bullets(bullets))
    return mark_safe("\n".join(html))


def _paragraph(lines):
    return f"<p>{escape(' '.join(lines))}</p>"


def _bullets(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
