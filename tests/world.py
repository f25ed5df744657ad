"""A small world for tests: three councils, a few organisations and one user per role.

Built through the services, as the portal itself builds things. Every user's password is
PASSWORD. Later apps add their objects to `World` through their own builders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from councils import services
from councils.models import Council, HealthcareRegion, Membership, Organisation, User

PASSWORD = "test-pass-4711"

# The roles of the permission matrix, in the order the matrix lists them.
ROLES = ["anonymous", "respondent", "member", "other_member", "secretariat", "national", "admin"]


@dataclass
class World:
    councils: dict[str, Council]
    organisations: dict[str, Organisation]
    users: dict[str, User | None]
    memberships: dict[str, Membership]
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def own(self) -> Council:
        return self.councils["mellansverige"]

    @property
    def other(self) -> Council:
        return self.councils["norra"]


def _org(kind: str, code: str, name: str, region: HealthcareRegion, **extra) -> Organisation:
    org = Organisation.objects.create(kind=kind, code=code, name=name, **extra)
    org.healthcare_regions.add(region)
    return org


def _user(email: str, name: str, organisation: Organisation | None = None, **extra) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, organisation=organisation, **extra
    )
    return user


def build_world() -> World:
    mellan = HealthcareRegion.objects.create(code="MELLANSVERIGE", name="Mellansverige", order=2)
    norra = HealthcareRegion.objects.create(code="NORRA", name="Norra", order=1)
    K, R, L = Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION, Organisation.Kind.UNIVERSITY
    orgs = {
        "region_orebro": _org(R, "18", "Region Örebro län", mellan, lan_code="18"),
        "arvika": _org(K, "1784", "Arvika kommun", mellan, lan_code="17"),
        "orebro": _org(K, "1880", "Örebro kommun", mellan, lan_code="18"),
        "uu": _org(L, "uppsala-universitet", "Uppsala universitet", mellan, lan_code="03"),
        "region_vb": _org(R, "24", "Region Västerbotten", norra, lan_code="24"),
        "umea": _org(K, "2480", "Umeå kommun", norra, lan_code="24"),
    }
    councils = {
        "nationella": Council.objects.create(
            kind=Council.Kind.NATIONAL, name="Nationella vårdkompetensrådet",
            short_name="Nationella", slug="nationella", order=0,
        ),
        "mellansverige": Council.objects.create(
            kind=Council.Kind.REGIONAL, name="Regionalt vårdkompetensråd Mellansverige",
            short_name="Mellansverige", slug="mellansverige", healthcare_region=mellan, order=2,
        ),
        "norra": Council.objects.create(
            kind=Council.Kind.REGIONAL, name="Regionalt vårdkompetensråd Norra",
            short_name="Norra", slug="norra", healthcare_region=norra, order=1,
        ),
    }  # fmt: skip
    users = {
        "anonymous": None,
        "respondent": _user("svarande@arvika.test", "Sara Svarande", orgs["arvika"]),
        "member": _user("ledamot@mellan.test", "Maja Ledamot", orgs["region_orebro"]),
        "other_member": _user("ledamot@norra.test", "Nils Norra", orgs["region_vb"]),
        "secretariat": _user("sekretariat@mellan.test", "Stina Sekretariat"),
        "national": _user("nationell@nvkr.test", "Nora Nationell"),
        "admin": _user("admin@vkr.test", "Ada Admin", is_staff=True, is_superuser=True),
    }
    M = Membership
    seats = {
        "member": (users["member"], councils["mellansverige"], M.Role.MEMBER, M.Party.REGIONS),
        "other_member": (users["other_member"], councils["norra"], M.Role.MEMBER, M.Party.REGIONS),
        "secretariat": (
            users["secretariat"], councils["mellansverige"], M.Role.SECRETARIAT, M.Party.OTHER
        ),
        "national": (users["national"], councils["nationella"], M.Role.MEMBER, M.Party.OTHER),
        "other_secretariat": (
            _user("sekretariat@norra.test", "Siv Norra"), councils["norra"],
            M.Role.SECRETARIAT, M.Party.OTHER,
        ),
    }  # fmt: skip
    memberships = {
        key: services.membership_create(council=council, user=user, role=role, party=party)
        for key, (user, council, role, party) in seats.items()
    }
    world = World(councils=councils, organisations=orgs, users=users, memberships=memberships)
    _build_activities(world)
    return world


def _build_activities(world: World) -> None:
    """A 2022 plan for the own and the other council, each with a raised activity and a note."""
    from activities import services as plans
    from activities.catalogue import national_focus_areas_load
    from activities.models import FocusArea

    national_focus_areas_load(FocusArea)
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    for key, council in (("own", world.own), ("other", world.other)):
        plan = plans.plan_create(council=council, year=2022, focus_areas=[vfu, fortbildning])
        activity = plans.activity_create(
            plan=plan, focus_area=vfu, title=f"Handledarutbildning {council.short_name}",
            priority="green", implementation="Arbetsgrupp",
        )  # fmt: skip
        plans.activity_note_add(activity=activity, text="Risk att vi konstlar till det",
                                group_name="Grupp Maria")  # fmt: skip
        raised = plans.activity_raise_to_national(
            activity=activity, motivation="Behöver lösas nationellt", user=None
        )
        world.extra[f"{key}_plan"] = plan
        world.extra[f"{key}_activity"] = activity
        world.extra[f"{key}_raise"] = raised
