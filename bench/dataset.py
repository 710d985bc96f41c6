"""The benchmark's datasets: Ptuj alone, or Ptuj and the other councils, twenty years each.

Every council gets the same shape: six four-year mandates, 20 organizations with two seats each
(a few handed over mid-term), 4 – 6 sessions a year with 10 – 30 agenda items, materials,
attendance and resolutions, a proposal a year by the member, next year's planned sessions, a
report a year (the latest a draft written by the portal's own drafting code). Each council draws
from a random generator seeded by its name and Ptuj comes first, so Ptuj's rows and primary keys
are the same in both datasets: the same pages over the same content, with more councils around.
People are synthetic ("Ime 007 Priimek 007"); municipalities.txt names the 212 municipalities.
Migrates, builds and prints one JSON line (run by bench/run.py):

    DATABASE_URL=... python -m bench.dataset --councils 212
"""

import argparse
import datetime
import json
import os
import random
import time
from pathlib import Path

YEARS = 20
DAY = datetime.timedelta(days=1)
# The personas of Ptuj, whose pages are loaded; another council's are "clan-<slug>" and so on.
USERNAMES = {"secretary": "tajnik", "member": "clan", "mayors_office": "kabinet"}
ORGANIZATIONS = (  # noqa: SIM905 (one string a line would fill a screen)
    "Policijska postaja; Občinska uprava; Medobčinsko redarstvo; Medobčinski inšpektorat; "
    "Center za socialno delo; Zdravstveni dom; Osnovna šola; Srednja šola; Vrtec; "
    "Gasilska zveza; Civilna zaščita; Krajevne skupnosti; Svet za preventivo in vzgojo v cestnem "
    "prometu; Mladinski center; Društvo upokojencev; Območno združenje Rdečega križa; Karitas; "
    "Turistično društvo; Lokalna akcijska skupina za preprečevanje zasvojenosti"
).split("; ")
TOPICS = (  # noqa: SIM905
    "Potrditev zapisnika prejšnje seje; Informacija o varnostnih pojavih na območju občine; "
    "Varnost v cestnem prometu; Javni red in mir; Varnost otrok na šolskih poteh; "
    "Preprečevanje zasvojenosti; Varnostni ukrepi ob prireditvah; Nasilje v družini; "
    "Vandalizem in poškodovanje javne lastnine; Varnost starejših občanov; "
    "Poročilo medobčinskega redarstva; Sprejem načrta dela; Pobude in vprašanja članov; Razno"
).split("; ")
TEXT = (
    "Varnostni sosvet je skupni organ občine in policije, ustanovljen z namenom koordinirati in "
    "pospeševati delo vseh služb, ki lahko prispevajo k večji varnosti."
)
# Rows name files that are not written: the pages show names and sizes, no page opens them.
MATERIALS = [
    {"file": "materials/b/gradivo.pdf", "original_name": "Gradivo k točki.pdf", "size": 48_213},
    {"file": "materials/b/zemljevid.png", "original_name": "Zemljevid.png", "size": 912_044},
]


def municipalities(count):
    """The first ``count`` names in municipalities.txt, Ptuj first."""
    lines = (Path(__file__).parent / "municipalities.txt").read_text().splitlines()
    names = [line for line in lines if line and not line.startswith("#")]
    return sorted(names, key=lambda name: not name.endswith(" Ptuj"))[:count]


class Builder:
    """Writes one council at a time, in its own transaction, each model in bulk."""

    def __init__(self, today):
        self.today, self.rows = today, {}
        # Terms start on 1 December after the local elections (2022 and every four years).
        first = 2022 - 4 * -(-(2022 - today.year + YEARS) // 4)
        years = range(first, today.year + 2, 4)
        self.terms = [(datetime.date(y, 12, 1), datetime.date(y + 4, 11, 30)) for y in years]

    def insert(self, objects):
        if objects:
            name = type(objects[0]).__name__
            self.rows[name] = self.rows.get(name, 0) + len(objects)
            type(objects[0]).objects.bulk_create(objects, batch_size=1000)
        return objects

    def council(self, municipality):
        from django.contrib.auth import get_user_model
        from django.db import transaction
        from django.utils.text import slugify

        from members.models import Council, CouncilAccess, Mandate, Organization, Person

        name = municipality.removeprefix("Mestna občina ").removeprefix("Občina ")
        of = municipality.replace("Mestna občina", "Mestne občine").replace("Občina", "Občine")
        slug = slugify(name)
        rng = random.Random(f"sosvet-bench:{slug}")
        with transaction.atomic():
            council = Council(name=f"Varnostni sosvet {of}", slug=slug, municipality=municipality)
            council.name_genitive, council.email = f"Varnostnega sosveta {of}", f"vs@{slug}.si"
            council.founded_year, council.purpose = rng.randint(1999, 2006), TEXT
            self.insert([council])
            # No passwords: bench/run.py logs its personas in by writing their sessions.
            users = {
                role: get_user_model()(
                    username=user if slug == "ptuj" else f"{user}-{slug}", password="!"
                )
                for role, user in USERNAMES.items()
            }
            self.insert(list(users.values()))
            self.insert([CouncilAccess(council=council, user=u, role=r) for r, u in users.items()])
            organizations = self.insert(
                [Organization(council=council, name=municipality, short_name="ORG 1")]
                + [
                    Organization(council=council, name=f"{org} {name}", short_name=f"ORG {n}")
                    for n, org in enumerate(ORGANIZATIONS, start=2)
                ]
            )
            people = [
                Person(council=council, first_name=f"Ime {n:03d}", last_name=f"Priimek {n:03d}")
                for n in range(1, 65)
            ]
            for person in people:
                person.gender = rng.choice(Person.Gender.values)
            people[5].user = users["member"]  # the member persona holds seat 6 in every term
            self.insert(people)
            mandates = self.insert(
                [
                    Mandate(council=council, label=f"{s.year} – {e.year}", starts_on=s, ends_on=e)
                    for s, e in self.terms
                ]
            )
            seats = {m.pk: self.seats(rng, m, organizations, people) for m in mandates}
            sessions = self.insert(self.sessions(rng, mandates))
            self.agendas(rng, sessions, seats, organizations, users)
            self.reports(rng, council, sessions, people)

    def seats(self, rng, mandate, organizations, people):
        """Two seats per organization; in each term a few are handed to someone new."""
        from members.models import Membership

        pool = [people[(i + mandate.starts_on.year * 7) % len(people)] for i in range(64)]
        pool.remove(people[5])
        pool.insert(5, people[5])
        spare = iter(pool[2 * len(organizations) :])
        middle = mandate.starts_on + (mandate.ends_on - mandate.starts_on) / 2
        seats = []
        for index in range(2 * len(organizations)):
            role = {0: "chair", 1: "deputy", 2: "secretary"}.get(index, "member")
            seat = Membership(mandate=mandate, person=pool[index], role=role)
            seat.organization, seat.starts_on = organizations[index // 2], mandate.starts_on
            seat.function_title = "župan" if role == "chair" else ""
            seats.append(seat)
            if index > 5 and rng.random() < 0.08:
                seat.ends_on = middle
                successor = Membership(mandate=mandate, person=next(spare), starts_on=middle + DAY)
                successor.organization = seat.organization
                seats.append(successor)
        return self.insert(seats)

    def sessions(self, rng, mandates):
        """4 – 6 sessions a year, numbered within their term; next year's planned by month."""
        from meetings.models import Session

        sessions, numbers = [], {m.pk: 0 for m in mandates}
        for year in range(self.today.year - YEARS + 1, self.today.year + 2):
            for month in sorted(rng.sample([2, 3, 4, 5, 6, 9, 10, 11, 12], rng.randint(4, 6))):
                day = datetime.date(year, month, rng.randint(2, 27))
                mandate = [m for m in mandates if m.starts_on <= day][-1]
                numbers[mandate.pk] += 1
                session = Session(mandate=mandate, number=numbers[mandate.pk], date=day)
                session.kind = "constitutive" if session.number == 1 else "regular"
                session.place, session.time = (
                    "Sejna soba občine",
                    datetime.time(rng.choice([9, 17])),
                )
                if year > self.today.year:
                    session.date = session.time = None
                    session.planned_month = day.replace(day=1)
                elif day < self.today:
                    session.status = "cancelled" if rng.random() < 0.03 else "held"
                else:
                    soon = day <= self.today + 14 * DAY
                    session.status = "convened" if soon else "planned"
                if session.status in ("held", "convened"):
                    eight_days_before = datetime.datetime.combine(day - 8 * DAY, datetime.time(9))
                    session.convened_at = eight_days_before.replace(tzinfo=datetime.UTC)
                if session.status == "held":
                    session.minutes_introduction = "Seja je bila sklepčna."
                    session.report_summary = "Sosvet se je seznanil z razmerami in sprejel sklepe."
                sessions.append(session)
        return sessions

    def agendas(self, rng, sessions, seats, organizations, users):
        """Items, materials, attendance and resolutions; the member's proposal a year."""
        from meetings.models import AgendaItem, AgendaProposal, Attendance, Material, Resolution

        items, attendances, materials, resolutions, proposals = [], [], [], [], {}
        for session in sessions:
            day = session.date or session.planned_month
            term = seats[session.mandate_id]
            invited = [s.person for s in term if s.starts_on <= day <= (s.ends_on or day)]
            held = session.status == "held"
            for position in range(1, rng.randint(10, 30) + 1):
                item = AgendaItem(session=session, position=position, title=rng.choice(TOPICS))
                item.description = TEXT if rng.random() < 0.3 else ""
                item.withdrawn, item.minutes = rng.random() < 0.02, TEXT if held else ""
                if rng.random() < 0.4:
                    item.presenter_organization = rng.choice(organizations)
                elif rng.random() < 0.3:
                    item.presenter_person = rng.choice(invited)
                items.append(item)
            for person in invited:
                answer = Attendance(session=session, person=person, response="yes")
                if held:
                    answer.presence = rng.choices(["present", "excused", "absent"], [16, 3, 1])[0]
                    attendances.append(answer)
                elif session.status == "convened" and rng.random() < 0.5:
                    answer.response, answer.responded_at = (
                        rng.choice(["yes", "no"]),
                        session.convened_at,
                    )
                    attendances.append(answer)
            status = "pending" if session.status in ("planned", "convened") else "accepted"
            proposal = AgendaProposal(session=session, proposed_by=users["member"], status=status)
            proposal.title = proposal.description = "Predlog za dopolnitev dnevnega reda"
            proposals.setdefault(day.year, proposal)
        self.insert(items)
        self.insert(attendances)
        self.insert(list(proposals.values()))
        numbers = {}
        for item in items:
            for material in rng.choices(MATERIALS, k=rng.randint(0, 2)):
                materials.append(Material(item=item, uploaded_by=users["secretary"], **material))
            session = item.session
            if session.status == "held" and not item.withdrawn and rng.random() < 0.6:
                numbers[session.pk] = numbers.get(session.pk, 0) + 1
                resolution = Resolution(session=session, item=item, number=numbers[session.pk])
                resolution.text = f"Varnostni sosvet se je seznanil s točko »{item.title}«."
                resolution.outcome = "adopted" if rng.random() < 0.95 else "rejected"
                if rng.random() < 0.3:  # a task for an organization, mostly done after a year
                    resolution.responsible = rng.choice(organizations)
                    resolution.deadline = session.date + 60 * DAY
                    if session.date < self.today - 365 * DAY or rng.random() < 0.5:
                        resolution.done_on = session.date + 45 * DAY
                resolutions.append(resolution)
        self.insert(materials)
        self.insert(resolutions)

    def reports(self, rng, council, sessions, people):
        """An adopted report for each year (a stored PDF, not written); last year's a draft."""
        from reports.drafting import report_start
        from reports.models import AnnualReport

        last_year, reports = self.today.year - 1, []
        for year in range(last_year - YEARS + 1, last_year):
            report = AnnualReport(council=council, report_year=year, plan_year=year + 1)
            report.subject = f"Poročilo o delu v letu {year} in plan dela za leto {year + 1}"
            report.status = "published" if rng.random() < 0.5 else "adopted"
            report.preparer, report.signatory = people[2], people[0]
            report.adopted_at = next(
                (s for s in sessions if s.status == "held" and s.date.year == year + 1), None
            )
            report.adopted_on = datetime.date(year + 1, 3, 1)
            report.pdf, report.pdf_sha256 = f"reports/b/porocilo-{year}.pdf", "0" * 64
            reports.append(report)
        draft = report_start(council, last_year)
        draft.conclusion, draft.preparer = TEXT, people[2]
        draft.projects = "- Predstavitev projektov policijske postaje.\n- Projekti CSD."
        self.insert([*reports, draft])


def build(councils):
    """Write the first ``councils`` municipalities, Ptuj first; the rows written per model."""
    from django.db import connection
    from django.utils import timezone

    if connection.vendor == "sqlite":
        connection.cursor().execute("PRAGMA synchronous = OFF")  # a throwaway database
    builder = Builder(timezone.localdate())
    for municipality in municipalities(councils):
        builder.council(municipality)
    if connection.vendor == "postgresql":
        # A database grown over twenty years has long been vacuumed and checkpointed; a fresh
        # bulk load has not, and autovacuum would do it in the middle of the load (p99 spikes).
        connection.ensure_connection()
        connection.connection.autocommit = True
        connection.cursor().execute("VACUUM (ANALYZE)")
        connection.cursor().execute("CHECKPOINT")
    return builder.rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=212)
    councils = parser.parse_args().councils
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosvet.settings")
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rows = build(councils)
    print("BENCH-BUILD " + json.dumps({"rows": rows, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
