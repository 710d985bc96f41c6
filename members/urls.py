from django.urls import path

from . import exports, two_factor_views, views, views_access  # noqa: F401  (exports: <export:fmt>)

app_name = "members"

urlpatterns = [
    path("clani/", views.roster, name="roster"),
    path("clani/izvoz.<export:fmt>", views.roster_export, name="roster_export"),
    path("mandati/", views.mandate_list, name="mandate_list"),
    path("mandati/nov/", views.mandate_edit, name="mandate_create"),
    path("mandati/naslednji/", views.mandate_rollover, name="mandate_rollover"),
    path("mandati/<int:pk>/", views.mandate_detail, name="mandate"),
    path("mandati/<int:pk>/uredi/", views.mandate_edit, name="mandate_edit"),
    path("mandati/<int:mandate>/clanstva/novo/", views.membership_create, name="membership_create"),
    path("clanstva/<int:pk>/uredi/", views.membership_edit, name="membership_edit"),
    path("clanstva/<int:pk>/konec/", views.membership_end, name="membership_end"),
    path("organizacije/", views.organization_list, name="organization_list"),
    path("organizacije/nova/", views.organization_edit, name="organization_create"),
    path("organizacije/<int:pk>/uredi/", views.organization_edit, name="organization_edit"),
    path("osebe/", views.person_list, name="person_list"),
    path("osebe/nova/", views.person_edit, name="person_create"),
    path("osebe/<int:pk>/uredi/", views.person_edit, name="person_edit"),
    path("osebe/<int:pk>/izbris/", views_access.person_erase, name="person_erase"),
    path("dostopi/", views_access.access_list, name="access_list"),
    path("dostopi/osebe/<int:pk>/povabi/", views_access.access_invite, name="access_invite"),
    path("dostopi/<int:pk>/ponovno/", views_access.access_resend, name="access_resend"),
    path("dostopi/<int:pk>/vloga/", views_access.access_change_role, name="access_change_role"),
    path("dostopi/<int:pk>/odvzem/", views_access.access_revoke, name="access_revoke"),
    path(
        "osebe/<int:pk>/ponastavi-drugi-faktor/",
        two_factor_views.person_second_factor_reset,
        name="person_second_factor_reset",
    ),
    path(
        "osebe/ponastavitve-drugega-faktorja/",
        two_factor_views.second_factor_reset_list,
        name="second_factor_resets",
    ),
]
