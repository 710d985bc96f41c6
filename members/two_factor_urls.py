"""The login's own two-factor pages, under racun/ beside Django's other account pages."""

from django.urls import path

from . import two_factor_views as views

app_name = "two_factor"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("nastavitev/", views.setup, name="setup"),
    path("rezervne-kode/", views.recovery_codes, name="recovery_codes"),
    path("koda/", views.verify, name="verify"),
    path("izklop/", views.disable, name="disable"),
]
