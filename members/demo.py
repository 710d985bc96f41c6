"""The Ptuj council as the seed document describes it: what ``seed_demo`` loads for members.

Only what the seed names is used: the council, its mandate, the organizations represented and the
three office holders it names. Seats whose holder the seed does not name are held by their
organization with no person recorded.
"""

import datetime

from django.contrib.auth import get_user_model

from . import roles
from .models import Council, CouncilAccess, Mandate, Membership, Organization, Person

PTUJ_PURPOSE = (
    "Varnostni sosvet je ustanovljen z namenom, da Mestna občina Ptuj skupaj s Policijsko postajo "
    "Ptuj preprečuje nastanek različnih negativnih pojavov in s tem zagotovi večjo varnost "
    "občanov. Varnostni sosvet daje pobude in predloge za reševanje varnostnih problemov."
)
PTUJ_LEGAL_BASIS = "35. člen Zakona o organiziranosti in delu v policiji (ZODPol)"

# (name, short name)
PTUJ_ORGANIZATIONS = [
    ("Mestna občina Ptuj", "MO Ptuj"),
    ("Policijska postaja Ptuj", "PP Ptuj"),
    ("Mestna uprava Mestne občine Ptuj", "Mestna uprava"),
    ("Medobčinsko redarstvo", "Redarstvo"),
    ("Četrtne skupnosti Mestne občine Ptuj", "Četrtne skupnosti"),
    ("ARS VITAE društvo za razvoj in izvajanje programov pomoči", "ARS VITAE"),
    ("CSD Spodnje Podravje", "CSD"),
    ("Lokalna akcijska skupina za preprečevanje zasvojenosti v Mestni občini Ptuj", "LAS"),
    ("CID Ptuj", "CID"),
]

# (honorific, first name, last name as the seed writes it, gender, organization, role, function)
PTUJ_OFFICE_HOLDERS = [
    (
        "",
        "Nuška",
        "Gajšek",
        Person.Gender.FEMALE,
        "Mestna občina Ptuj",
        Membership.Role.CHAIR,
        "županja Mestne občine Ptuj",
    ),
    (
        "mag.",
        "Aleksander",
        "LUBEJ",
        Person.Gender.MALE,
        "Policijska postaja Ptuj",
        Membership.Role.MEMBER,
        "načelnik PP Ptuj",
    ),
    (
        "",
        "Primož",
        "KOROŠAK",
        Person.Gender.MALE,
        "Mestna uprava Mestne občine Ptuj",
        Membership.Role.SECRETARY,
        "",
    ),
]

# The 2022 – 2026 term follows the municipal council's, from the local elections of November 2022.
PTUJ_MANDATE = (datetime.date(2022, 12, 1), datetime.date(2026, 11, 30))

DEMO_PASSWORD = "sosvet-demo"
# (username, role, last name of the seed's person the account belongs to)
DEMO_USERS = [
    ("tajnik", roles.SECRETARY, "KOROŠAK"),
    ("clan", roles.MEMBER, "LUBEJ"),
    ("kabinet", roles.MAYORS_OFFICE, None),
]


def load_ptuj_members():
    """Create or update the Ptuj council, its mandate, organizations and seats. Idempotent."""
    council, _ = Council.objects.update_or_create(
        slug="ptuj",
        defaults={
            "name": "Varnostni sosvet Mestne občine Ptuj",
            "name_genitive": "Varnostnega sosveta Mestne občine Ptuj",
            "municipality": "Mestna občina Ptuj",
            "email": "varnostni.sosvet@ptuj.si",
            "founded_year": 2003,
            "legal_basis": PTUJ_LEGAL_BASIS,
            "purpose": PTUJ_PURPOSE,
        },
    )
    starts_on, ends_on = PTUJ_MANDATE
    mandate, _ = Mandate.objects.update_or_create(
        council=council, label="2022 – 2026", defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    organizations = {}
    for name, short_name in PTUJ_ORGANIZATIONS:
        organizations[name], _ = Organization.objects.update_or_create(
            council=council, name=name, defaults={"short_name": short_name}
        )
    held = set()
    for honorific, first, last, gender, org_name, role, function in PTUJ_OFFICE_HOLDERS:
        person, _ = Person.objects.update_or_create(
            council=council,
            first_name=first,
            last_name=last,
            defaults={"honorific": honorific, "gender": gender},
        )
        Membership.objects.update_or_create(
            mandate=mandate,
            person=person,
            defaults={
                "organization": organizations[org_name],
                "role": role,
                "function_title": function,
                "starts_on": starts_on,
            },
        )
        held.add(org_name)
    for name, organization in organizations.items():
        if name not in held:
            Membership.objects.get_or_create(
                mandate=mandate,
                organization=organization,
                person=None,
                defaults={"starts_on": starts_on},
            )
    return council


def create_demo_users(council):
    """One demo account per role, all with the same published password. Only for debug mode."""
    User = get_user_model()
    created = []
    for username, role, last_name in DEMO_USERS:
        user, was_created = User.objects.get_or_create(username=username)
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        CouncilAccess.objects.update_or_create(council=council, user=user, defaults={"role": role})
        if last_name:
            # The demo member answers invitations as a person who sits on the council.
            for person in council.people.filter(last_name=last_name):
                person.user = user
                person.save(update_fields=["user"])
        created.append((username, role, last_name))
    return created
