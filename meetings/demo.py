"""The Ptuj council's sessions as the seed document describes them: what ``seed_demo`` loads.

The 1st (constitutive) session on 7. 4. 2023 with its agenda, presenter and resolution, and the
2nd, 3rd and 4th sessions planned for March, June and November 2024 with the topics of the 2024
content plan.
"""

import datetime

from django.utils import timezone

from members.models import Mandate, Person

from .models import AgendaItem, Resolution, Session

# The 1st session's agenda, with what the record says of each item: whether the police chief
# presented it, and the resolution adopted. The seed's 1.3 is written from them
# (reports/drafting_sessions.py); it tells what was decided in the past tense, and the resolution
# is recorded in those words, so the drafted text reads as the council's own.
FIRST_SESSION = [
    # (agenda item, presented by the police chief, resolution adopted)
    (
        "Poročilo o delu varnostnega sosveta v letu 2022 in načrt dela za leto 2023",
        False,
        "Potrdilo se je poročilo o delu varnostnega sosveta v letu 2022 in sprejelo Načrt dela "
        "za leto 2023.",
    ),
    (
        "Informacija o varnostnih pojavih na območju Mestne občine Ptuj v letu 2022",
        True,
        None,
    ),
]

CURRENT_ISSUES = "Aktualna varnostna problematika"
PLANNED_2024 = [
    (
        2,
        datetime.date(2024, 3, 1),
        ["Informacije o varnostnih pojavih na območju Mestne občine Ptuj"],
    ),
    (
        3,
        datetime.date(2024, 6, 1),
        [
            "Varnostni ukrepi ob zaključku šolskega leta",
            "Zagotavljanje varnosti v počitniškem času",
            "Priprave na novo šolsko leto",
        ],
    ),
    (4, datetime.date(2024, 11, 1), ["Zagotavljanje varnosti v času decembrskih praznikov"]),
]


def load_ptuj_sessions(council):
    """Create or update the seed's sessions of the 2022 – 2026 mandate. Idempotent."""
    mandate = Mandate.objects.get(council=council, label="2022 – 2026")
    chief = Person.objects.get(council=council, last_name="LUBEJ")
    first, _ = Session.objects.update_or_create(
        mandate=mandate,
        number=1,
        defaults={
            "kind": Session.Kind.CONSTITUTIVE,
            "status": Session.Status.HELD,
            "date": datetime.date(2023, 4, 7),
            # The record says all the seed says of this session: nothing to add.
            "report_summary": "",
        },
    )
    number = 0
    for position, (title, by_chief, decision) in enumerate(FIRST_SESSION, start=1):
        item, _ = AgendaItem.objects.update_or_create(
            session=first,
            position=position,
            defaults={"title": title, "presenter_person": chief if by_chief else None},
        )
        if decision:
            number += 1
            Resolution.objects.update_or_create(
                session=first, number=number, defaults={"item": item, "text": decision}
            )
    withdraw_earlier_demo_agenda(first, items=len(FIRST_SESSION), resolutions=number)
    for number, month, topics in PLANNED_2024:
        session, _ = Session.objects.update_or_create(
            mandate=mandate,
            number=number,
            defaults={
                "kind": Session.Kind.REGULAR,
                "status": Session.Status.PLANNED,
                "planned_month": month,
            },
        )
        for position, title in enumerate([CURRENT_ISSUES, *topics], start=1):
            AgendaItem.objects.update_or_create(
                session=session, position=position, defaults={"title": title}
            )


def withdraw_earlier_demo_agenda(session, *, items, resolutions):
    """A database seeded before the 1st session's agenda took its present shape holds more items
    and resolutions than the demo has now. Nothing of a held session is deleted, so they are kept,
    withdrawn, and the resolutions left over go with them: the annual report leaves them out."""
    extra = session.items.filter(position__gt=items).order_by("position")
    first_extra = extra.first()
    if first_extra is None:
        return
    session.resolutions.filter(number__gt=resolutions).update(item=first_extra)
    extra.filter(withdrawn=False).update(withdrawn=True, withdrawn_at=timezone.now())
