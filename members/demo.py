"""The Ptuj council as the seed document describes it: what ``seed_demo`` loads for members.

Only what the seed names is used: the council, its mandate, the organizations represented and the
three office holders it names. Seats whose holder the seed does not name are held by their
organization with no person recorded.
"""

import datetime

from django.contrib.auth import get_user_model

from . import roles
from .models import Council, CouncilAccess, Mandate, Membership, Organization, Person
from .roles import Role

PTUJ_PURPOSE = (
    "Varnostni sosvet je ustanovljen z namenom, da Mestna občina Ptuj skupaj s Policijsko postajo "
    "Ptuj preprečuje nastanek različnih negativnih pojavov in s tem zagotovi večjo varnost "
    "občanov. Varnostni sosvet daje pobude in predloge za reševanje varnostnih problemov."
)
PTUJ_LEGAL_BASIS = "35. člen Zakona o organiziranosti in delu v policiji (ZODPol)"

# The seed's 1.2 names the members' groups, not each organization; the mayor's own organization
# is not among them, since she chairs the council and is named on her own.
OTHER_BODIES = (
    "tistih organov, služb, organizacij in društev, ki lahko prispevajo k večji varnosti v občini"
)
# (name, short name, group as the report names it), in the order the report names them
PTUJ_ORGANIZATIONS = [
    ("Mestna občina Ptuj", "MO Ptuj", ""),
    ("Policijska postaja Ptuj", "PP Ptuj", "policije"),
    ("Mestna uprava Mestne občine Ptuj", "Mestna uprava", "mestne uprave"),
    ("Medobčinsko redarstvo", "Redarstvo", "medobčinskega redarstva"),
    ("Četrtne skupnosti Mestne občine Ptuj", "Četrtne skupnosti", "četrtnih skupnosti"),
    ("ARS VITAE društvo za razvoj in izvajanje programov pomoči", "ARS VITAE", OTHER_BODIES),
    ("CSD Spodnje Podravje", "CSD", OTHER_BODIES),
    (
        "Lokalna akcijska skupina za preprečevanje zasvojenosti v Mestni občini Ptuj",
        "LAS",
        OTHER_BODIES,
    ),
    ("CID Ptuj", "CID", OTHER_BODIES),
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
# (username, role in Ptuj, last name of the seed's person the account belongs to)
DEMO_USERS = [
    ("tajnik", roles.SECRETARY, "KOROŠAK"),
    ("clan", roles.MEMBER, "LUBEJ"),
    ("kabinet", roles.MAYORS_OFFICE, None),
]

# A second, small council, invented (no such municipality exists), so that one installation
# with two councils can be tried: what one council's logins may not see of the other.
SECOND_COUNCIL = {
    "slug": "vzorcje",
    "name": "Varnostni sosvet Občine Vzorčje",
    "name_genitive": "Varnostnega sosveta Občine Vzorčje",
    "municipality": "Občina Vzorčje",
    "email": "sosvet@vzorcje.example",
}
SECOND_MANDATE = (datetime.date(2023, 1, 1), datetime.date(2026, 12, 31))
# (first name, last name, gender, organization, seat role, function)
SECOND_SEATS = [
    ("Marta", "Novak", Person.Gender.FEMALE, "Občina Vzorčje", Membership.Role.CHAIR, "županja"),
    ("Janez", "Kovač", Person.Gender.MALE, "Policijska postaja Vzorčje", Membership.Role.MEMBER,
     "komandir PP Vzorčje"),
    ("Petra", "Horvat", Person.Gender.FEMALE, "Občinska uprava Občine Vzorčje",
     Membership.Role.SECRETARY, "svetovalka za varnost"),
]  # fmt: skip
# How the annual report groups Vzorčje's organizations (the chair's is named on its own).
SECOND_GROUPS = {
    "Policijska postaja Vzorčje": ("policije", 1),
    "Občinska uprava Občine Vzorčje": ("občinske uprave", 2),
}
# (username, {council slug: role}, last name of the person it is in the second council)
SECOND_USERS = [
    ("tajnica-vzorcje", {"vzorcje": roles.SECRETARY}, "Horvat"),
    # One login, two roles: a member in Ptuj and the secretary of Vzorčje.
    ("dvojna", {"ptuj": roles.MEMBER, "vzorcje": roles.SECRETARY}, None),
]


def demo_address(person, domain):
    """first.last@<council>.example: a reserved domain (RFC 2606), so no mail leaves by mistake."""
    local = f"{person.first_name}.{person.last_name}".lower()
    return f"{local.translate(ASCII)}@{domain}"


ASCII = str.maketrans("čćšžđ", "ccszd")


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
    for order, (name, short_name, group) in enumerate(PTUJ_ORGANIZATIONS, start=1):
        organizations[name], _ = Organization.objects.update_or_create(
            council=council,
            name=name,
            defaults={"short_name": short_name, "report_group": group, "report_order": order},
        )
    held = set()
    for honorific, first, last, gender, org_name, role, function in PTUJ_OFFICE_HOLDERS:
        person, _ = Person.objects.update_or_create(
            council=council,
            first_name=first,
            last_name=last,
            defaults={"honorific": honorific, "gender": gender},
        )
        person.email = demo_address(person, "ptuj.example")
        person.save(update_fields=["email"])
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


def load_second_council():
    """The invented council of Vzorčje: three seats, three people. Idempotent."""
    council, _ = Council.objects.update_or_create(
        slug=SECOND_COUNCIL["slug"], defaults=SECOND_COUNCIL
    )
    starts_on, ends_on = SECOND_MANDATE
    mandate, _ = Mandate.objects.update_or_create(
        council=council, label="2023 – 2026", defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    for first, last, gender, org_name, role, function in SECOND_SEATS:
        group, order = SECOND_GROUPS.get(org_name, ("", 0))
        organization, _ = Organization.objects.update_or_create(
            council=council,
            name=org_name,
            defaults={"report_group": group, "report_order": order},
        )
        person, _ = Person.objects.update_or_create(
            council=council, first_name=first, last_name=last, defaults={"gender": gender}
        )
        person.email = demo_address(person, "vzorcje.example")
        person.save(update_fields=["email"])
        Membership.objects.update_or_create(
            mandate=mandate,
            person=person,
            defaults={"organization": organization, "role": role, "function_title": function,
                      "starts_on": starts_on},
        )  # fmt: skip
    return council


def create_demo_users(council):
    """Demo logins with the same published password: Ptuj's secretary, a member and the mayor's
    office, the second council's secretary, and one login with a role in each council. Only for
    debug mode. Returns (username, roles) pairs for the command to print."""
    second = load_second_council()
    councils = {council.slug: council, second.slug: second}
    created = []
    for username, role, last_name in DEMO_USERS:
        person = council.people.filter(last_name=last_name).first() if last_name else None
        email = person.email if person else f"{username}@ptuj.example"
        created.append(_demo_login(username, email, {council: role}, person))
    for username, roles_by_slug, last_name in SECOND_USERS:
        person = second.people.filter(last_name=last_name).first() if last_name else None
        email = person.email if person else f"{username}@vzorcje.example"
        grants = {councils[slug]: role for slug, role in roles_by_slug.items()}
        created.append(_demo_login(username, email, grants, person))
    return created


def _demo_login(username, email, grants, person):
    user, was_created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email}
    )
    if was_created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    for council, role in grants.items():
        CouncilAccess.objects.update_or_create(council=council, user=user, defaults={"role": role})
    if person:
        # The demo login answers invitations as a person who sits on the council.
        person.user = user
        person.save(update_fields=["user"])
    described = ", ".join(f"{Role(role).label} – {c.name}" for c, role in grants.items())
    return username, described
