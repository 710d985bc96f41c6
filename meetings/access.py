"""Fetch-and-authorise for sessions and what hangs on them (see members/access.py for the rules).

Everything is reached through its session's mandate's council, so an object of another council
answers 404 whatever its kind.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from members.access import get_authorised
from members.permissions import may

from .models import AgendaItem, AgendaProposal, Material, Resolution, Session


def get_session_for(user, council, pk, *, edit=False):
    sessions = Session.objects.of_council(council).select_related("mandate__council")
    return get_authorised(user, sessions, pk, edit)


def get_item_for(user, council, pk, *, edit=False):
    queryset = AgendaItem.objects.filter(session__mandate__council=council).select_related(
        "session__mandate"
    )
    return get_authorised(user, queryset, pk, edit)


def get_material_for(user, council, pk, *, edit=False):
    queryset = Material.objects.filter(item__session__mandate__council=council).select_related(
        "item__session"
    )
    return get_authorised(user, queryset, pk, edit)


def get_resolution_for(user, council, pk, *, edit=False):
    queryset = Resolution.objects.filter(session__mandate__council=council).select_related(
        "session__mandate", "item"
    )
    return get_authorised(user, queryset, pk, edit)


def get_proposal_for(user, council, pk, *, decide=False):
    """A proposal: the secretary sees all of them, a member only their own (others answer 404)."""
    queryset = AgendaProposal.objects.filter(session__mandate__council=council).select_related(
        "session__mandate"
    )
    if not may(user, "meetings.change_agendaproposal"):
        if decide:
            get_object_or_404(queryset.filter(proposed_by=user), pk=pk)
            raise PermissionDenied
        queryset = queryset.filter(proposed_by=user)
    return get_object_or_404(queryset, pk=pk)
