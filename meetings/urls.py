from django.urls import path

from .views import agenda, invitations, outcome, sessions, statistics

app_name = "meetings"

urlpatterns = [
    # Sessions
    path("", sessions.session_list, name="session_list"),
    path("nova/", sessions.session_edit, name="session_create"),
    path("<int:pk>/", sessions.session_detail, name="session"),
    path("<int:pk>/uredi/", sessions.session_edit, name="session_edit"),
    path("<int:pk>/status/", sessions.session_set_status, name="session_set_status"),
    # Agenda, materials and members' proposals
    path("<int:session>/tocke/nova/", agenda.item_edit, name="item_create"),
    path("tocke/<int:pk>/uredi/", agenda.item_edit, name="item_edit"),
    path("tocke/<int:pk>/umakni/", agenda.item_withdraw, name="item_withdraw"),
    path("tocke/<int:pk>/premakni/", agenda.item_move, name="item_move"),
    path("tocke/<int:pk>/gradivo/", agenda.material_upload, name="material_upload"),
    path("gradivo/<int:pk>/", agenda.material_download, name="material_download"),
    path("gradivo/<int:pk>/izbrisi/", agenda.material_delete, name="material_delete"),
    path("<int:session>/predlogi/nov/", agenda.proposal_create, name="proposal_create"),
    path("predlogi/<int:pk>/odlocitev/", agenda.proposal_decide, name="proposal_decide"),
    # Invitation, notices and calendars
    path("<int:pk>/sklic/", invitations.session_convene, name="session_convene"),
    path("<int:pk>/obvestilo/", invitations.session_notify_changes, name="session_notify"),
    path("<int:pk>/vabila/", invitations.session_deliveries, name="session_deliveries"),
    path("<int:pk>/vabilo.pdf", invitations.invitation_pdf, name="invitation_pdf"),
    path("<int:pk>/seja.ics", invitations.session_ics, name="session_ics"),
    path("koledar/", invitations.calendar_page, name="calendar"),
    # Attendance, minutes and resolutions
    path("<int:pk>/udelezba/", outcome.attendance_respond, name="attendance_respond"),
    path("<int:pk>/prisotnost/", outcome.attendance_record, name="attendance_record"),
    path("<int:pk>/zapisnik/", outcome.minutes_edit, name="minutes_edit"),
    path("<int:pk>/zapisnik/potrditev/", outcome.minutes_approve, name="minutes_approve"),
    path("<int:pk>/zapisnik.pdf", outcome.minutes_pdf, name="minutes_pdf"),
    path("tocke/<int:item>/sklepi/nov/", outcome.resolution_edit, name="resolution_create"),
    path("sklepi/<int:pk>/uredi/", outcome.resolution_edit, name="resolution_edit"),
    path("sklepi/", outcome.resolution_register, name="resolution_register"),
    # The year at a glance
    path("statistika/", statistics.statistics_page, name="statistics"),
]
