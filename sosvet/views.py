from django.http import HttpResponse


def healthz(request):
    """For load balancers: answers without touching the database or the session."""
    return HttpResponse("ok", content_type="text/plain")
