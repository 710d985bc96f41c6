"""The benchmark's dataset: councils with twenty years of history, written with bulk inserts.

Each council gets the same shape: six four-year mandates (the local elections of 2006 … 2026),
20 organizations with two seats each (about 40 members, a few replaced during a term), 4–6
sessions a year with 10–30 agenda items, materials (every row points at one of a handful of small
shared files), attendance and resolutions of the held sessions, one proposal a year by the member,
the next year's planned sessions, and a report for each year: adopted ones with a shared stored
PDF, the latest a draft written by the portal's own drafting code.

Every council draws from its own random generator seeded by its name, and Ptuj is built first, so
Ptuj's rows (and primary keys) are the same in the Ptuj-only dataset and in the 212-council one:
the benchmark compares the same pages over the same content, with more councils around them.
People and organizations are synthetic ("Ime 007 Priimek 007"): the benchmark invents no
real-looking people. Run by ``bench/run.py``; alone:

    DATABASE_URL=... SOSVET_MEDIA_ROOT=... python -m bench.dataset --councils 212
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 1000
YEARS = 20
# Slovenian local elections: November 2022 and every four years; a term starts on 1 December.
ELECTION_YEAR = 2022
PASSWORD = "sosvet-bench"
# The bench's personas for Ptuj, the council whose pages are loaded; other councils get
# "tajnik-<slug>" and so on. They have no use outside the throwaway benchmark databases.
PTUJ_USERS = {"secretary": "tajnik", "member": "clan", "mayors_office": "kabinet"}

ORGANIZATIONS = [
    "{municipality}",
    "Policijska postaja",
    "Občinska uprava",
    "Medobčinsko redarstvo",
    "Medobčinski inšpektorat",
    "Center za socialno delo",
    "Zdravstveni dom",
    "Osnovna šola",
    "Srednja šola",
    "Vrtec",
    "Gasilska zveza",
    "Civilna zaščita",
    "Krajevne skupnosti",
    "Svet za preventivo in vzgojo v cestnem prometu",
    "Mladinski center",
    "Društvo upokojencev",
    "Območno združenje Rdečega križa",
    "Karitas",
    "Turistično društvo",
    "Lokalna akcijska skupina za preprečevanje zasvojenosti",
]
SEATS_PER_ORGANIZATION = 2
PEOPLE = 64
TOPICS = [
    "Potrditev zapisnika prejšnje seje",
    "Informacija o varnostnih pojavih na območju občine",
    "Varnost v cestnem prometu",
    "Javni red in mir",
    "Aktualna varnostna problematika",
    "Varnost otrok na šolskih poteh",
    "Preprečevanje zasvojenosti",
    "Zagotavljanje varnosti v počitniškem času",
    "Varnostni ukrepi ob prireditvah",
    "Nasilje v družini",
    "Vandalizem in poškodovanje javne lastnine",
    "Zaščita in reševanje",
    "Varnost starejših občanov",
    "Preventivne akcije policije",
    "Poročilo medobčinskega redarstva",
    "Projekti deležnikov",
    "Sprejem načrta dela",
    "Potrditev poročila o delu",
    "Pobude in vprašanja članov",
    "Razno",
]
DESCRIPTION = (
    "Gradivo pripravi pristojna organizacija. Člani so naprošeni, da ga preberejo pred sejo in "
    "pripravijo predloge ukrepov."
)
MINUTES = (
    "Razprava je potekala o stanju na tem področju. Člani so podali pripombe in predloge, ki jih "
    "bo pristojna organizacija upoštevala pri nadaljnjem delu."
)
NARRATIVE = (
    "Varnostni sosvet je skupni organ občine in policije, ustanovljen z namenom koordinirati in "
    "pospeševati delo vseh služb, ki lahko prispevajo k večji varnosti.\n\n"
    "Člani varnostnega sosveta aktivno sodelujejo pri njegovem delu, dajejo pobude in predloge za "
    "reševanje varnostnih problemov in delajo v korist splošne varnosti."
)
# (stored name, original name, content type): the handful of files every material row shares.
MATERIAL_FILES = [
    ("materials/bench/gradivo.pdf", "Gradivo k točki.pdf", "application/pdf"),
    ("materials/bench/informacija.pdf", "Informacija o varnostnih pojavih.pdf", "application/pdf"),
    (
        "materials/bench/predlog.odt",
        "Predlog ukrepov.odt",
        "application/vnd.oasis.opendocument.text",
    ),
    ("materials/bench/zemljevid.png", "Zemljevid.png", "image/png"),
]
REPORT_FILES = ["reports/bench/porocilo-a.pdf", "reports/bench/porocilo-b.pdf"]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosvet.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def mandate_spans(today, years=YEARS):
    """(starts_on, ends_on) of the terms from before the first year to one after today."""
    first_year = today.year - years + 1
    election = ELECTION_YEAR
    while election > first_year - 1:
        election -= 4
    while election + 4 <= first_year - 1:
        election += 4
    spans = []
    horizon = today + datetime.timedelta(days=366)
    while datetime.date(election, 12, 1) <= horizon:
        spans.append((datetime.date(election, 12, 1), datetime.date(election + 4, 11, 30)))
        election += 4
    return spans


def shared_files():
    """Write the handful of small files the material and report rows share; report hashes.

    Through the storage API, so a dataset built against a bucket (SOSVET_S3_BUCKET) has them too.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from weasyprint import HTML

    pdf = HTML(string="<h1>Gradivo</h1><p>Gradivo za sejo varnostnega sosveta.</p>").write_pdf()
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    contents = {
        "materials/bench/gradivo.pdf": pdf,
        "materials/bench/informacija.pdf": pdf + b"\n%informacija\n",
        "materials/bench/predlog.odt": b"PK\x03\x04 predlog ukrepov (not a real ODT)",
        "materials/bench/zemljevid.png": png,
    }
    hashes = {}
    for number, name in enumerate(REPORT_FILES):
        data = pdf + f"\n%porocilo {number}\n".encode()
        contents[name] = data
        hashes[name] = hashlib.sha256(data).hexdigest()
    sizes = {}
    for name, data in contents.items():
        default_storage.delete(name)  # from an earlier build; the rows name exactly this file
        default_storage.save(name, ContentFile(data))
        sizes[name] = len(data)
    return sizes, hashes


class Builder:
    """Writes councils one at a time; each in its own transaction, each model in batches."""

    def __init__(self, today):
        from django.contrib.auth.hashers import make_password

        self.today = today
        self.now = datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC)
        self.spans = mandate_spans(today)
        self.sizes, self.report_hashes = shared_files()
        self.password = make_password(PASSWORD)
        self.rows = {}

    def insert(self, model, objects):
        self.rows[model.__name__] = self.rows.get(model.__name__, 0) + len(objects)
        return model.objects.bulk_create(objects, batch_size=BATCH)

    def council(self, name, urban):
        from django.db import transaction
        from django.utils.text import slugify

        slug = slugify(name.split("/")[0])
        rng = random.Random(f"sosvet-bench:{slug}")
        with transaction.atomic():
            return self._council(rng, name, urban, slug)

    def _council(self, rng, name, urban, slug):
        from django.contrib.auth import get_user_model

        from meetings.models import Session
        from members.models import Council, CouncilAccess, Mandate, Organization, Person

        User = get_user_model()
        municipality = f"Mestna občina {name}" if urban else f"Občina {name}"
        genitive = f"Mestne občine {name}" if urban else f"Občine {name}"
        council = self.insert(
            Council,
            [
                Council(
                    name=f"Varnostni sosvet {genitive}",
                    name_genitive=f"Varnostnega sosveta {genitive}",
                    slug=slug,
                    municipality=municipality,
                    email=f"sosvet@{slug}.example.org",
                    founded_year=rng.randint(1999, 2006),
                    legal_basis="35. člen Zakona o organiziranosti in delu v policiji (ZODPol)",
                    purpose=NARRATIVE,
                )
            ],
        )[0]
        users = {
            role: User(
                username=PTUJ_USERS[role] if slug == "ptuj" else f"{PTUJ_USERS[role]}-{slug}",
                email=f"{PTUJ_USERS[role]}@{slug}.example.org",
                password=self.password,
            )
            for role in PTUJ_USERS
        }
        self.insert(User, list(users.values()))
        self.insert(
            CouncilAccess,
            [CouncilAccess(council=council, user=user, role=role) for role, user in users.items()],
        )
        organizations = self.insert(
            Organization,
            [
                Organization(
                    council=council,
                    name=pattern.format(municipality=municipality)
                    if "{" in pattern
                    else f"{pattern} {name}",
                    short_name=f"ORG {number}",
                )
                for number, pattern in enumerate(ORGANIZATIONS, start=1)
            ],
        )
        people = [
            Person(
                council=council,
                first_name=f"Ime {number:03d}",
                last_name=f"Priimek {number:03d}",
                gender=rng.choice(Person.Gender.values),
                email=f"oseba{number}@{slug}.example.org",
            )
            for number in range(1, PEOPLE + 1)
        ]
        # The member persona answers invitations as a person seated in every term (seat 6).
        people[5].user = users["member"]
        self.insert(Person, people)
        mandates = self.insert(
            Mandate,
            [
                Mandate(
                    council=council,
                    label=f"{start.year} – {end.year}",
                    starts_on=start,
                    ends_on=end,
                )
                for start, end in self.spans
            ],
        )
        seats = {
            mandate.pk: self._seats(rng, mandate, organizations, people) for mandate in mandates
        }
        sessions = self._sessions(rng, mandates)
        self.insert(Session, sessions)
        self._agendas(rng, sessions, seats, organizations, users)
        self._proposals(rng, sessions, users["member"])
        self._reports(rng, council, sessions, people)
        return council

    def _seats(self, rng, mandate, organizations, people):
        """40 seats, two per organization; in each term a few are handed to someone new."""
        from members.models import Membership

        shift = (mandate.starts_on.year * 7) % len(people)
        pool = [people[(index + shift) % len(people)] for index in range(len(people))]
        pool.remove(people[5])
        pool.insert(5, people[5])
        seats = []
        middle = mandate.starts_on + (mandate.ends_on - mandate.starts_on) / 2
        spare = iter(pool[len(organizations) * SEATS_PER_ORGANIZATION :])
        for index in range(len(organizations) * SEATS_PER_ORGANIZATION):
            role = {0: "chair", 1: "deputy", 2: "secretary"}.get(index, "member")
            seat = Membership(
                mandate=mandate,
                person=pool[index],
                organization=organizations[index // SEATS_PER_ORGANIZATION],
                role=role,
                function_title="župan" if role == "chair" else "",
                starts_on=mandate.starts_on,
            )
            seats.append(seat)
            if index > 5 and rng.random() < 0.08:
                seat.ends_on = middle
                successor = next(spare, None)
                seats.append(
                    Membership(
                        mandate=mandate,
                        person=successor,
                        organization=seat.organization,
                        role="member",
                        starts_on=middle + datetime.timedelta(days=1),
                    )
                )
        self.insert(Membership, seats)
        return seats

    def _sessions(self, rng, mandates):
        """4–6 sessions a year, numbered within their term; next year's planned by month."""
        from meetings.models import Session

        sessions = []
        numbers = {mandate.pk: 0 for mandate in mandates}

        def mandate_on(day):
            return next(m for m in mandates if m.starts_on.replace(day=1) <= day <= m.ends_on)

        for year in range(self.today.year - YEARS + 1, self.today.year + 2):
            months = sorted(rng.sample([2, 3, 4, 5, 6, 9, 10, 11, 12], rng.randint(4, 6)))
            for month in months:
                day = datetime.date(year, month, rng.randint(2, 27))
                mandate = mandate_on(day)
                numbers[mandate.pk] += 1
                session = Session(
                    mandate=mandate,
                    number=numbers[mandate.pk],
                    kind="constitutive" if numbers[mandate.pk] == 1 else "regular",
                    place="Sejna soba občine",
                    time=datetime.time(rng.choice([9, 13, 17])),
                )
                if year > self.today.year:
                    session.planned_month = day.replace(day=1)
                    session.time = None
                elif day < self.today:
                    session.date = day
                    session.status = "cancelled" if rng.random() < 0.03 else "held"
                else:
                    session.date = day
                    soon = day <= self.today + datetime.timedelta(days=14)
                    session.status = "convened" if soon else "planned"
                if session.status in ("held", "convened"):
                    session.convened_at = datetime.datetime.combine(
                        day - datetime.timedelta(days=8), datetime.time(9), tzinfo=datetime.UTC
                    )
                if session.status == "held":
                    session.minutes_introduction = "Seja je bila sklepčna."
                    session.report_summary = (
                        "Varnostni sosvet se je seznanil z varnostnimi razmerami in sprejel sklepe "
                        "k obravnavanim točkam."
                    )
                sessions.append(session)
        return sessions

    def _agendas(self, rng, sessions, seats, organizations, users):
        from meetings.models import AgendaItem, Attendance, Material, Resolution

        items, materials, resolutions, attendances = [], [], [], []
        for session in sessions:
            day = session.date or session.planned_month
            invited = [
                seat.person
                for seat in seats[session.mandate_id]
                if seat.person and seat.starts_on <= day <= (seat.ends_on or day)
            ]
            held = session.status == "held"
            session_items = []
            for position in range(1, rng.randint(10, 30) + 1):
                item = AgendaItem(
                    session=session,
                    position=position,
                    title=TOPICS[rng.randrange(len(TOPICS))],
                    description=DESCRIPTION if rng.random() < 0.3 else "",
                    withdrawn=rng.random() < 0.02,
                    minutes=MINUTES if held else "",
                )
                if rng.random() < 0.4:
                    item.presenter_organization = rng.choice(organizations)
                elif rng.random() < 0.3:
                    item.presenter_person = rng.choice(invited)
                session_items.append(item)
            items.extend(session_items)
            if held:
                attendances.extend(
                    Attendance(
                        session=session,
                        person=person,
                        response="yes",
                        presence=rng.choices(["present", "excused", "absent"], [8, 1.5, 0.5])[0],
                    )
                    for person in invited
                )
            elif session.status == "convened":
                attendances.extend(
                    Attendance(
                        session=session,
                        person=person,
                        response=rng.choice(["yes", "no"]),
                        responded_at=self.now,
                    )
                    for person in invited
                    if rng.random() < 0.5
                )
        self.insert(AgendaItem, items)
        self.insert(Attendance, attendances)
        numbers = {}
        for item in items:
            session = item.session
            for _ in range(rng.choice([0, 1, 1, 2])):
                name, original, content_type = rng.choice(MATERIAL_FILES)
                materials.append(
                    Material(
                        item=item,
                        file=name,
                        original_name=original,
                        content_type=content_type,
                        size=self.sizes[name],
                        uploaded_by=users["secretary"],
                    )
                )
            if session.status == "held" and not item.withdrawn and rng.random() < 0.6:
                numbers[session.pk] = numbers.get(session.pk, 0) + 1
                old = session.date < self.today - datetime.timedelta(days=365)
                responsible = rng.choice(organizations) if rng.random() < 0.3 else None
                resolutions.append(
                    Resolution(
                        session=session,
                        item=item,
                        number=numbers[session.pk],
                        text=f"Varnostni sosvet se je seznanil s točko »{item.title}«.",
                        outcome="adopted" if rng.random() < 0.95 else "rejected",
                        responsible=responsible,
                        deadline=session.date + datetime.timedelta(days=60)
                        if responsible
                        else None,
                        done_on=session.date + datetime.timedelta(days=45)
                        if responsible and (old or rng.random() < 0.5)
                        else None,
                    )
                )
        self.insert(Material, materials)
        self.insert(Resolution, resolutions)

    def _proposals(self, rng, sessions, member):
        from meetings.models import AgendaProposal

        proposals = []
        for year in sorted({(s.date or s.planned_month).year for s in sessions}):
            session = next(s for s in sessions if (s.date or s.planned_month).year == year)
            pending = session.status in ("planned", "convened")
            proposals.append(
                AgendaProposal(
                    session=session,
                    proposed_by=member,
                    title="Predlog za dopolnitev dnevnega reda",
                    description="Predlagam obravnavo varnosti na šolskih poteh.",
                    status="pending" if pending else rng.choice(["accepted", "declined"]),
                )
            )
        self.insert(AgendaProposal, proposals)

    def _reports(self, rng, council, sessions, people):
        """An adopted report (with a shared stored PDF) for each year; the latest a draft."""
        from reports.drafting import report_start
        from reports.models import AnnualReport

        last_year = self.today.year - 1
        reports = []
        for year in range(last_year - YEARS + 1, last_year):
            pdf = REPORT_FILES[year % len(REPORT_FILES)]
            adopted_at = next(
                (s for s in sessions if s.status == "held" and s.date.year == year + 1), None
            )
            reports.append(
                AnnualReport(
                    council=council,
                    report_year=year,
                    plan_year=year + 1,
                    status="published" if rng.random() < 0.5 else "adopted",
                    subject=f"Poročilo o delu v letu {year} in plan dela za leto {year + 1}",
                    introduction=NARRATIVE,
                    report_heading=f"POROČILO O DELU V LETU {year}",
                    background=NARRATIVE,
                    conclusion=NARRATIVE,
                    plan_heading=f"PLAN DELA V LETU {year + 1}",
                    preparer=people[2],
                    signatory=people[0],
                    adopted_at=adopted_at,
                    adopted_on=adopted_at.date if adopted_at else datetime.date(year + 1, 3, 1),
                    pdf=pdf,
                    pdf_sha256=self.report_hashes[pdf],
                )
            )
        draft = report_start(council, last_year)
        draft.conclusion = NARRATIVE
        draft.projects = (
            "- Predstavitev projektov policijske postaje.\n- Predstavitev projektov CSD."
        )
        draft.preparer = people[2]
        reports.append(draft)
        self.insert(AnnualReport, reports)


def build(councils, today=None):
    """Write the first ``councils`` municipalities (Ptuj first); return row counts and time."""
    from django.db import connection
    from django.utils import timezone

    from bench.municipalities import MUNICIPALITIES

    ordered = sorted(MUNICIPALITIES, key=lambda entry: entry[0] != "Ptuj")[:councils]
    start = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Only while building: a crash would merely lose a throwaway database.
            cursor.execute("PRAGMA synchronous = OFF")
    builder = Builder(today or timezone.localdate())
    for name, urban in ordered:
        builder.council(name, urban)
    if connection.vendor == "postgresql":
        # A database that grew over twenty years has long been vacuumed, analysed and
        # checkpointed; a fresh bulk load has not, and autovacuum and the checkpointer would
        # otherwise do it in the middle of the measurement (seen as p99 spikes).
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
            cursor.execute("CHECKPOINT")
    return {"seconds": time.perf_counter() - start, "rows": builder.rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=212)
    args = parser.parse_args()
    setup_django()
    result = build(args.councils)
    print("BENCH-BUILD " + json.dumps(result))


if __name__ == "__main__":
    main()
