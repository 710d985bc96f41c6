"""The portal's URLs plus one that fails, to see what a visitor is shown on a server error."""

from django.urls import path

from sosvet.urls import urlpatterns as portal_urlpatterns


def fail(request):
    raise RuntimeError("SELECT secret FROM settings -- a failure with details nobody may see")


urlpatterns = [path("test-failure/", fail), *portal_urlpatterns]
