"""The Ptuj council's sessions as the seed document describes them: what ``seed_demo`` loads.

The 1st (constitutive) session on 7. 4. 2023 with its agenda and outcome, and the 2nd, 3rd and 4th
sessions planned for March, June and November 2024 with the topics of the 2024 content plan.
"""

import datetime

from members.models import Mandate, Person

from .models import AgendaItem, Resolution, Session

FIRST_SESSION = [
    # (agenda item, resolution)
    (
        "Konstituiranje varnostnega sosveta v mandatu 2022 – 2026",
        "Varnostni sosvet Mestne občine Ptuj se je konstituiral v mandatu 2022 – 2026.",
    ),
    (
        "Potrditev poročila o delu varnostnega sosveta v letu 2022",
        "Potrdi se poročilo o delu varnostnega sosveta v letu 2022.",
    ),
    ("Sprejem načrta dela za leto 2023", "Sprejme se Načrt dela za leto 2023."),
    (
        "Informacija o varnostnih pojavih na območju Mestne občine Ptuj v letu 2022",
        "Varnostni sosvet se je seznanil z Informacijo o varnostnih pojavih na območju "
        "Mestne občine Ptuj v letu 2022.",
    ),
]

# The secretary's summary of the session for the annual report (Session.report_summary).
FIRST_SESSION_SUMMARY = (
    "Potrdilo se je poročilo o delu varnostnega sosveta v letu 2022 in sprejelo Načrt dela za "
    "leto 2023. Načelnik PP Ptuj mag. Aleksander LUBEJ je predstavil Informacijo o varnostnih "
    "pojavih na območju Mestne občine Ptuj v letu 2022."
)

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
            "report_summary": FIRST_SESSION_SUMMARY,
        },
    )
    for position, (title, decision) in enumerate(FIRST_SESSION, start=1):
        item, _ = AgendaItem.objects.update_or_create(
            session=first,
            position=position,
            defaults={"title": title, "presenter_person": chief if position == 4 else None},
        )
        Resolution.objects.update_or_create(
            session=first, number=position, defaults={"item": item, "text": decision}
        )
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
