from django.contrib import admin
from django.urls import include, path

from meetings.views.dashboard import dashboard, home
from meetings.views.invitations import calendar_feed
from members.views import healthz
from reports.urls import public_urlpatterns

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("racun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # A calendar app has no session cookie: the private token in the address is the key.
    path("koledar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    # Published reports, for visitors without an account.
    path("javne/", include((public_urlpatterns, "public"))),
    # Council pages come last: their first segment is the council's slug (see RESERVED_SLUGS).
    path("<slug:council>/seje/", include("meetings.urls")),
    path("<slug:council>/porocila/", include("reports.urls")),
    path("<slug:council>/", dashboard, name="dashboard"),
    path("<slug:council>/", include("members.urls")),
]
