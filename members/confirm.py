"""Irreversible steps ask first: one confirmation page shared by every app.

An irreversible step (adopt, publish, approve minutes, convene, send a notice, cancel, withdraw,
end a membership) runs only on a POST that carries ``confirmed=1``. Anything else (a GET, or a
POST from a button or a form elsewhere) shows what will happen and asks. The page is a plain
form, so it works without JavaScript; values the user already chose ride along as hidden fields.
"""

from django.shortcuts import render

CONFIRM_FIELD = "confirmed"


def is_confirmed(request):
    """Whether this request is the answer "yes" from a confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def confirm_page(
    request,
    council,
    *,
    title,
    consequences,
    confirm_label,
    cancel_url,
    carry=None,
    danger=False,
    details_template=None,
    extra_context=None,
):
    """Render the question.

    ``consequences`` are sentences saying what will happen, with the real numbers ("Vabilo bo
    poslano 18 članom."); ``carry`` maps field names to the values to post back with the answer;
    ``details_template`` (optional) is included under the consequences, with ``extra_context``.
    """
    context = {
        "council": council,
        "title": title,
        "consequences": consequences,
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "carry": sorted((carry or {}).items()),
        "danger": danger,
        "details_template": details_template,
        "confirm_field": CONFIRM_FIELD,
        **(extra_context or {}),
    }
    return render(request, "members/confirm_page.html", context)
