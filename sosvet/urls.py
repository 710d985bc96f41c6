from django.contrib import admin
from django.urls import include, path

from meetings.views.dashboard import dashboard, home
from meetings.views.invitations import calendar_feed
from meetings.views.personal_data import personal_data
from meetings.views.reminder_settings import reminder_settings
from members.views_access import SetPasswordView
from reports.history_views import history
from reports.urls import public_urlpatterns

from .login_throttle import ThrottledPasswordResetView
from .views import accessibility_statement, healthz

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("dostopnost/", accessibility_statement, name="accessibility"),
    # The same statement with the council's own address, linked from that council's pages.
    path("dostopnost/<slug:council>/", accessibility_statement, name="council_accessibility"),
    path("admin/", admin.site.urls),
    path("racun/moji-podatki.json", personal_data, name="personal_data"),
    path("racun/opomniki/", reminder_settings, name="reminder_settings"),
    path("racun/dvostopenjska-prijava/", include("members.two_factor_urls")),
    # Django's own reset page, with a limit on how often (before the include, so it answers).
    path("racun/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    # The link in an invitation: Django's reset token, on the portal's own page.
    path("racun/nastavi-geslo/<uidb64>/<token>/", SetPasswordView.as_view(), name="set_password"),
    path("racun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # A calendar app has no session cookie: the private token in the address is the key.
    path("koledar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    # Published reports, for visitors without an account.
    path("javne/", include((public_urlpatterns, "public"))),
    # Council pages come last: their first segment is the council's slug (see RESERVED_SLUGS).
    path("<slug:council>/seje/", include("meetings.urls")),
    path("<slug:council>/porocila/", include("reports.urls")),
    path("<slug:council>/zgodovina/<slug:kind>/<int:pk>/", history, name="history"),
    path("<slug:council>/", dashboard, name="dashboard"),
    path("<slug:council>/", include("members.urls")),
]
