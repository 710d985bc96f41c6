"""The session page's rows made in Python (meetings/session_rows.py) escape what people typed,
as the template engine did, and keep its line breaks, for the secretary's controls too; the
proposals and changes read beside the session (meetings/session_page.py) come in order."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaChange,
    AgendaProposal,
    Attendance,
    Material,
    Resolution,
    Session,
)
from tests.meetings.factories import make_items, make_session, seat_member

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'
SHOWN = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def hostile_session(mandate, police):
    """A held session whose every typed value is markup: the items (title, presenter,
    description, minutes), a material's name, a resolution and a member's name."""
    session = make_session(mandate, 1, days_ahead=-1, status=Session.Status.HELD)
    first, second = make_items(session, f"Prva {HOSTILE}", f"Druga {HOSTILE}")
    first.presenter_text = f"Poročevalec {HOSTILE}"
    first.description = f"Vrstica ena\n{HOSTILE}"
    first.minutes = f"Zapisnik ena\n{HOSTILE}"
    first.save()
    Material.objects.create(
        item=first, file="materials/x.pdf", original_name=f"{HOSTILE}.pdf", content_type="x",
        size=2048, public=True,
    )  # fmt: skip
    Resolution.objects.create(
        session=session, item=first, number=1, text=f"Sklep\n{HOSTILE}", responsible=police
    )
    person = seat_member(mandate, police, f"Ana{HOSTILE}")
    Attendance.objects.create(session=session, person=person, presence="present")
    return session


@pytest.mark.parametrize("who", ["member", "secretary"])
def test_typed_markup_is_shown_as_text_on_the_session_page(client, request, hostile_session, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("meetings:session", kwargs={"council": "ptuj", "pk": hostile_session.pk})
    page = client.get(url).content.decode()

    assert HOSTILE not in page
    for shown in (
        f"<strong>Prva {SHOWN}</strong>",  # the item's title
        f"Poročevalec {SHOWN}</div>",  # its presenter
        f"Vrstica ena<br>{SHOWN}</div>",  # its description, line break kept
        f">{SHOWN}.pdf</a>",  # the material's name
        f"Sklep<br>{SHOWN}",  # the resolution's text
        f"<td>Ana{SHOWN} Članica</td>",  # the member in the attendance table
        f"Zapisnik ena<br>{SHOWN}</p>",  # the item's minutes
    ):
        assert shown in page, shown
    if who == "secretary":  # the controls name what they act on, for a screen reader
        assert f'<span class="visually-hidden"> {SHOWN}.pdf</span>' in page
        assert f'<span class="visually-hidden"> Prva {SHOWN}</span>' in page


def test_the_first_item_moves_only_down_and_the_last_only_up(client, secretary, mandate):
    session = make_session(mandate, 1, days_ahead=10)
    first, middle, last = make_items(session, "Prva", "Srednja", "Zadnja")
    client.force_login(secretary)
    url = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    page = client.get(url).content.decode()

    assert f'id="move-up-{first.pk}"' not in page
    assert f'id="move-down-{first.pk}"' in page
    assert f'id="move-up-{middle.pk}"' in page and f'id="move-down-{middle.pk}"' in page
    assert f'id="move-up-{last.pk}"' in page
    assert f'id="move-down-{last.pk}"' not in page


def test_proposals_and_changes_are_listed_in_the_order_they_came(client, secretary, mandate):
    """Read in the session's statement, in no order of the database's, they are shown oldest
    first, each kept apart from the others though several share a moment."""
    session = make_session(mandate, 1, days_ahead=10, status=Session.Status.CONVENED,
                           convened_at=timezone.now())  # fmt: skip
    now = timezone.now()
    # Stored newest first, and two of each at one moment: the order is the time's, then the key's.
    moments = [now, now - datetime.timedelta(hours=1), now - datetime.timedelta(hours=1)]
    for number, moment in enumerate(moments, start=1):
        AgendaChange.objects.create(
            session=session, changed_at=moment, summary=f"Sprememba {number}"
        )
        proposal = AgendaProposal.objects.create(
            session=session, proposed_by=secretary, title=f"Predlog {number}"
        )
        AgendaProposal.objects.filter(pk=proposal.pk).update(proposed_at=moment)
    client.force_login(secretary)
    url = reverse("meetings:session", kwargs={"council": "ptuj", "pk": session.pk})
    page = client.get(url).content.decode()

    for kind in ("Sprememba", "Predlog"):
        shown = sorted((page.index(f"{kind} {number}"), number) for number in (1, 2, 3))
        assert [number for _place, number in shown] == [2, 3, 1], kind
