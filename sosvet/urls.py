from django.contrib import admin
from django.urls import include, path

from members.views import home

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("racun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Council pages come last: their first segment is the council's slug (see RESERVED_SLUGS).
    path("<slug:council>/", include("members.urls")),
]
