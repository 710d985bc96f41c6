"""Everything the portal holds about the person asking, as one JSON file (GDPR art. 15 and 20)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone

from members.models import Membership

from ..models import (
    AgendaProposal,
    Attendance,
    CalendarFeed,
    InvitationDelivery,
    ReminderPreference,
)


@login_required
def personal_data(request):
    user = request.user
    data = {
        "exported": timezone.now(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "roles": list(user.council_accesses.values("council__name", "role", "granted_at")),
            "has_calendar_address": CalendarFeed.objects.filter(user=user).exists(),
            "reminders_turned_off": list(
                ReminderPreference.objects.filter(user=user, enabled=False).values_list(
                    "kind", flat=True
                )
            ),
        },
        "agenda_proposals": list(
            AgendaProposal.objects.filter(proposed_by=user).values(
                "session__number", "title", "description", "status", "proposed_at",
                "decision_note",
            )
        ),
    }  # fmt: skip
    data["people"] = [_person_data(person) for person in user.people.select_related("council")]
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="moji-podatki.json"'
    return response


def _person_data(person):
    """What one council holds about the login as its person there."""
    return {
        "honorific": person.honorific,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "gender": person.gender,
        "email": person.email,
        "phone": person.phone,
        "council": person.council.name,
        "memberships": list(
            Membership.objects.filter(person=person).values(
                "mandate__label", "organization__name", "role", "function_title",
                "starts_on", "ends_on",
            )
        ),
        "attendance": list(
            Attendance.objects.filter(person=person).values(
                "session__number", "session__date", "response", "responded_at", "presence"
            )
        ),
        "invitations": list(
            InvitationDelivery.objects.filter(person=person).values(
                "session__number", "kind", "email", "status", "sent_at"
            )
        ),
    }  # fmt: skip
