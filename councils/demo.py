"""Demo councils and people: Mellansverige's members with the organisations and titles of its
2022 activity plan (the names are fictitious), and one login for every role.

Idempotent: people are found by e-mail, seats by person and council.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from . import services
from .models import Council, Membership, Organisation, User

DEMO_PASSWORD = "vkr-demo-2026"  # noqa: S105 - printed for the demo logins, development only

MELLANSVERIGE_MISSION = (
    "Regionalt vårdkompetensråd Mellansverige är ett samverkansforum mellan regioner, kommuner "
    "och lärosäten. Rådet omfattar verksamheterna i följande sju län: Dalarna, Gävleborg, "
    "Södermanland, Uppsala, Värmland, Västmanland och Örebro. Övergripande mål med rådets "
    "verksamhet är att effektivisera kompetensförsörjningen av hälso- och sjukvården och "
    "tandvården. Rådet ska initialt rikta sitt arbete mot de yrken som kräver "
    "högskoleutbildning. Vid förändring av uppdraget för det nationella vårdkompetensrådet "
    "anpassas uppdraget för det regionala vårdkompetensrådet.\n\n"
    "Utgångspunkter för rådets arbete är att en effektivare och bättre samordnad "
    "kompetensförsörjning inom hälso- och sjukvården kan bidra till en mer jämlik, säker, "
    "effektiv och hållbar hälso- och sjukvård."
)

MELLANSVERIGE_GOALS = [
    "främja dialog och samverkan mellan berörda aktörer på regional nivå",
    "samla och föra dialog om huvudmännens kompetensbehov och om kompetensförsörjning på både "
    "lång och kort sikt till lärosätena",
    "föra dialog om planerade förändringar av utbildningar",
    "samverka kring strategiska framtidsfrågor inom kompetensförsörjning",
    "samordna arbetet med det gemensamma utbildningsuppdraget (VFU) för alla relevanta "
    "utbildningar",
    "samverka och föra dialog med det nationella vårdkompetensrådet",
    "länka samman det nationella vårdkompetensrådet med arbetet på regional och lokal nivå",
    "främja att nationella förslag på åtgärder realiseras och att det skapas tryck i arbetet "
    "regionalt och lokalt",
    "samverka med övriga regionala vårdkompetensråd",
]

R, K, L, O = (Membership.Party.REGIONS, Membership.Party.MUNICIPALITIES,
              Membership.Party.UNIVERSITIES, Membership.Party.OTHER)  # fmt: skip
CHAIR, MEMBER, SECRETARIAT = (Membership.Role.CHAIR, Membership.Role.MEMBER,
                              Membership.Role.SECRETARIAT)  # fmt: skip
REGION, KOMMUN, UNI, OTHER = (Organisation.Kind.REGION, Organisation.Kind.MUNICIPALITY,
                              Organisation.Kind.UNIVERSITY, Organisation.Kind.OTHER)  # fmt: skip

# (fictitious name, e-mail local part, title, (kind, organisation name), party, role, represents)
# The organisations, titles and parties are those of the seat holders in the 2022 plan.
MELLANSVERIGE_MEMBERS = [
    ("Helena Lindqvist", "helena.lindqvist", "HR-direktör", (REGION, "Region Örebro län"), R, CHAIR, ""),
    ("Karin Sjöberg", "ledamot", "HR-direktör", (REGION, "Region Sörmland"), R, MEMBER, ""),
    ("Per Holmgren", "per.holmgren", "HR-direktör", (REGION, "Region Västmanland"), R, MEMBER, ""),
    ("Annika Berglund", "annika.berglund", "HR-direktör", (REGION, "Region Gävleborg"), R, MEMBER, ""),
    ("Lars Nyström", "lars.nystrom", "FoU-direktör", (REGION, "Region Dalarna"), R, MEMBER, ""),
    ("Cecilia Ekman", "cecilia.ekman", "Hälso- och sjukvårdsdirektör", (REGION, "Region Sörmland"), R, MEMBER, ""),
    ("Johan Falk", "johan.falk", "Verksamhetschef", (REGION, "Region Örebro län"), R, MEMBER,
     "Sjukvårdsregionerna i Nationella vårdkompetensrådet"),
    ("Mikael Strand", "mikael.strand", "Kommundirektör", (KOMMUN, "Arvika kommun"), K, MEMBER, "Värmlands kommuner"),
    ("Sofia Wallin", "sofia.wallin", "Stf kommunchef/HR-chef", (KOMMUN, "Vingåkers kommun"), K, MEMBER, "Södermanlands kommuner"),
    ("Eva Hedlund", "eva.hedlund", "Vård- och omsorgschef", (KOMMUN, "Örebro kommun"), K, MEMBER, "Örebros kommuner"),
    ("Maria Lundberg", "maria.lundberg", "Utvecklingsstrateg", None, K, MEMBER, "Västmanlands läns kommuner"),
    ("Ingrid Sandberg", "ingrid.sandberg", "Enhetschef för kompetensutveckling vård och omsorg", (KOMMUN, "Uppsala kommun"), K, MEMBER, "Uppsalas kommuner"),
    ("Anders Blom", "anders.blom", "Prefekt", (UNI, "Karlstads universitet"), L, MEMBER, ""),
    ("Birgitta Öberg", "birgitta.oberg", "Professor", (UNI, "Uppsala universitet"), L, MEMBER, ""),
    ("Thomas Engdahl", "thomas.engdahl", "Rektor", (UNI, "Högskolan Dalarna"), L, MEMBER, ""),
    ("Lena Forsberg", "lena.forsberg", "Akademichef", (UNI, "Mälardalens universitet"), L, MEMBER, ""),
    ("Kristina Dahl", "kristina.dahl", "Professor", (UNI, "Högskolan i Gävle"), L, MEMBER, ""),
    ("Olof Bergman", "olof.bergman", "Utredare", (OTHER, "Sjukvårdsregion Mellansverige"), O, MEMBER, ""),
    ("Ulrika Norén", "sekretariat", "Administrativ chef", (OTHER, "Sjukvårdsregion Mellansverige"), O, SECRETARIAT, ""),
]  # fmt: skip

NATIONAL_MEMBERS = [
    ("Susanne Ahlgren", "nationell", "Avdelningschef", ("myndighet", "Socialstyrelsen"), O, CHAIR, ""),
    ("Johan Falk", "johan.falk", "Verksamhetschef", (REGION, "Region Örebro län"), R, MEMBER,
     "Sjukvårdsregionernas representant"),
    ("Henrik Lund", "henrik.lund", "Sektionschef", (OTHER, "Sveriges Kommuner och Regioner"), O, MEMBER, ""),
    ("Malin Ek", "nationell.sekretariat", "Utredare", ("myndighet", "Socialstyrelsen"), O, SECRETARIAT, ""),
]  # fmt: skip

# One chair, one member and one secretariat per other regional council, so every council has
# people and the "member of another council" role can be tried.
OTHER_COUNCILS = {
    "norra": [("Robert Isaksson", "Region Västerbotten"), ("Elin Nordin", "Umeå universitet")],
    "stockholm-gotland": [("Camilla Hägg", "Region Stockholm"), ("David Roos", "Karolinska Institutet")],
    "sydostra": [("Fredrik Sund", "Region Östergötland"), ("Hanna Borg", "Linköpings universitet")],
    "vastra": [("Jenny Alm", "Västra Götalandsregionen"), ("Oskar Lind", "Göteborgs universitet")],
    "sodra": [("Petra Malm", "Region Skåne"), ("Nils Krook", "Lunds universitet")],
}  # fmt: skip


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str
    who: str


def _organisation(kind: str, name: str) -> Organisation:
    if kind == OTHER and name.startswith("Sjukvårdsregion"):
        org, _ = Organisation.objects.get_or_create(
            kind=OTHER, code="sjukvardsregion-mellansverige", defaults={"name": name}
        )
        return org
    return Organisation.objects.get(kind=kind, name=name)


def _seat(council: Council, row: tuple, domain: str) -> User:
    name, local, title, org_ref, party, role, represents = row
    organisation = _organisation(*org_ref) if org_ref else None
    person = services.person_get_or_create(
        email=f"{local}@{domain}", full_name=name, title=title, organisation=organisation
    )
    if not Membership.objects.filter(user=person, council=council, end_date__isnull=True).exists():
        services.membership_create(
            council=council,
            user=person,
            role=role,
            party=party,
            organisation=organisation,
            represents=represents,
        )
    return person


def _login(email: str, *, staff: bool = False) -> None:
    user = User.objects.get(email=email)
    user.set_password(DEMO_PASSWORD)
    user.is_staff = user.is_superuser = staff
    user.save()


def _other_council(slug: str, people: list[tuple[str, str]]) -> None:
    council = Council.objects.get(slug=slug)
    for index, (name, org_name) in enumerate(people):
        org = Organisation.objects.get(name=org_name)
        party = R if org.kind == REGION else L
        local = name.lower().replace(" ", ".").replace("ä", "a").replace("ö", "o").replace("å", "a")
        row = (
            name,
            local,
            "Ledamot",
            (org.kind, org_name),
            party,
            CHAIR if index == 0 else MEMBER,
            "",
        )
        _seat(council, row, f"{slug}.example.se")
    secretary = (f"Sekretariat {council.short_name}", "sekretariat", "Samordnare", None, O,
                 SECRETARIAT, "")  # fmt: skip
    _seat(council, secretary, f"{slug}.example.se")


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create the demo councils' people and return the printed logins."""
    mellansverige = Council.objects.get(slug="mellansverige")
    if not mellansverige.mission:
        services.council_settings_update(
            council=mellansverige, mission=MELLANSVERIGE_MISSION, goals=MELLANSVERIGE_GOALS
        )
    for row in MELLANSVERIGE_MEMBERS:
        _seat(mellansverige, row, "mellansverige.example.se")
    national = Council.objects.get(slug="nationella")
    for row in NATIONAL_MEMBERS:
        domain = "mellansverige.example.se" if row[1] == "johan.falk" else "nvkr.example.se"
        _seat(national, row, domain)
    for slug, people in OTHER_COUNCILS.items():
        _other_council(slug, people)

    respondent = services.person_get_or_create(
        email="respondent@arvika.example.se",
        full_name="Sara Holm",
        title="Medicinskt ansvarig sjuksköterska (MAS)",
        organisation=Organisation.objects.get(kind=KOMMUN, name="Arvika kommun"),
    )
    admin = services.person_get_or_create(
        email="admin@vkr.example.se", full_name="Portaladministratör"
    )
    logins = [
        DemoLogin("Sekretariat, Mellansverige", "sekretariat@mellansverige.example.se", DEMO_PASSWORD, "Ulrika Norén"),
        DemoLogin("Ordförande, Mellansverige", "helena.lindqvist@mellansverige.example.se", DEMO_PASSWORD, "Helena Lindqvist"),
        DemoLogin("Ledamot, Mellansverige", "ledamot@mellansverige.example.se", DEMO_PASSWORD, "Karin Sjöberg"),
        DemoLogin("Ledamot, Norra", "robert.isaksson@norra.example.se", DEMO_PASSWORD, "Robert Isaksson"),
        DemoLogin("Nationella rådet", "nationell@nvkr.example.se", DEMO_PASSWORD, "Susanne Ahlgren"),
        DemoLogin("Kommunal svarande", respondent.email, DEMO_PASSWORD, respondent.full_name),
        DemoLogin("Administratör", admin.email, DEMO_PASSWORD, admin.full_name),
    ]  # fmt: skip
    for login in logins:
        _login(login.email, staff=login.email == admin.email)
    return logins
