import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from members.models import Council

# The statement's dates (ZDSMA): first prepared, and last reviewed against the portal as it is.
# Review it, and change the second date, whenever the portal's accessibility changes.
STATEMENT_PREPARED = datetime.date(2026, 11, 24)
STATEMENT_REVIEWED = datetime.date(2026, 12, 1)


def healthz(request):
    """For load balancers: answers without touching the database or the session."""
    return HttpResponse("ok", content_type="text/plain")


def accessibility_statement(request, council=None):
    """The installation's one accessibility statement, open to everyone. Reached from a council's
    pages (``/dostopnost/<council>/``) it also gives that council's address, where its
    sessions, materials and reports can be asked for in another form."""
    if council is not None:
        council = get_object_or_404(Council.objects.only("name", "slug", "email"), slug=council)
    return render(
        request,
        "accessibility.html",
        {
            "council": council,
            "body": settings.SOSVET_ACCESSIBILITY_BODY,
            "contact_email": settings.SOSVET_ACCESSIBILITY_EMAIL,
            "contact_phone": settings.SOSVET_ACCESSIBILITY_PHONE,
            "prepared_on": STATEMENT_PREPARED,
            "reviewed_on": STATEMENT_REVIEWED,
            "portal_address": request.build_absolute_uri("/"),
        },
    )
