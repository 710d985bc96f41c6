from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("novo/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/uredi/", views.report_edit, name="report_edit"),
    path("<int:pk>/predogled/", views.report_preview, name="report_preview"),
    path("<int:pk>/osnutek/", views.report_redraft, name="report_redraft"),
    path("<int:pk>/sprejem/", views.report_adopt, name="report_adopt"),
    path("<int:pk>/objava/", views.report_publish, name="report_publish"),
    path("<int:pk>/popravek/", views.report_correct, name="report_correct"),
    path("<int:pk>/porocilo.pdf", views.report_pdf, name="report_pdf"),
]

public_urlpatterns = [
    path("<slug:council>/porocila/", views.public_report_list, name="public_report_list"),
    path("<slug:council>/porocila/<int:pk>.pdf", views.public_report_pdf, name="public_report_pdf"),
    path("<slug:council>/odprti-podatki/porocila.<data:fmt>", views.reports_data,
         name="opendata_reports"),
]  # fmt: skip
