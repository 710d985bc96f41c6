"""Lines of HTML made in Python, for the longest lists (the roster's seats, the reports' rows).

A template renders a value through a dozen calls (lookup, localisation, escaping), a few
microseconds each, and a list's row holds half a dozen values: the rows of the longest lists cost
more in their template than everything else on their pages. So those lists make each row's HTML
in their row builders, as one text the template writes out (``{{ row }}``), escaping each value
as a template would (``text``). ``format_html`` would do the same at twice the cost, asking of
each value whether it is lazy or already safe, which a row's plain texts never are.
"""

from html import escape


def text(value):
    """``{{ value }}`` of a plain value (a str, a number) in HTML: escaped as Django's templates
    escape it (``django.utils.html.escape`` is ``html.escape``, quotes included)."""
    return escape(str(value))
