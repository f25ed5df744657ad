"""The header's search: activities, workgroups, surveys, organisations and people the user
may see, grouped by kind, each found through its own app's selector (one query a kind)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities import selectors as activity_selectors
from councils import access as council_access
from councils import selectors as council_selectors
from surveys import selectors as survey_selectors
from vkr_portal.search import cleaned
from workgroups import selectors as workgroup_selectors

LIMIT = 20


@dataclass
class Hit:
    title: str
    detail: str
    url: str


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)

    @property
    def more(self) -> bool:
        """More than LIMIT were found: the search should be narrower."""
        return len(self.hits) > LIMIT

    @property
    def shown(self) -> list[Hit]:
        return self.hits[:LIMIT]


def search_results(user, text: str) -> list[Group]:
    """The groups with hits, in a fixed order; nothing for an empty text."""
    text = cleaned(text)
    if not text or not user.is_authenticated:
        return []
    groups = []
    reader = council_access.can_read_councils(user)
    if reader:
        groups.append(Group("activities", _("Aktiviteter"), [
            Hit(a.title, f"{a.plan.council.short_name} · {a.plan.year}", a.get_absolute_url())
            for a in activity_selectors.activities_matching(text, limit=LIMIT + 1)
        ]))  # fmt: skip
    groups.append(Group("workgroups", _("Arbetsgrupper"), [
        Hit(g.name, g.council.short_name, g.get_absolute_url())
        for g in workgroup_selectors.workgroups_matching(user, text, limit=LIMIT + 1)
    ]))  # fmt: skip
    if reader:
        drafts_of = council_access.council_ids_managed_by(user)
        groups.append(Group("surveys", _("Enkäter"), [
            Hit(s.title, f"{s.council.short_name} · {s.get_status_display()}",
                s.get_absolute_url())
            for s in survey_selectors.surveys_matching(text, drafts_of=drafts_of,
                                                       limit=LIMIT + 1)
        ]))  # fmt: skip
        organisations = reverse("organisations")
        groups.append(Group("organisations", _("Organisationer"), [
            Hit(o.name, o.get_kind_display(), f"{organisations}?q={o.code}")
            for o in council_selectors.organisations_matching(text, limit=LIMIT + 1)
        ]))  # fmt: skip
        groups.append(Group("people", _("Personer"), [
            Hit(m.user.full_name,
                ", ".join(p for p in (m.get_role_display(), m.council.short_name, m.affiliation)
                          if p),
                reverse("councils:members", kwargs={"slug": m.council.slug}))
            for m in council_selectors.people_matching(text, limit=LIMIT + 1)
        ]))  # fmt: skip
    return [group for group in groups if group.hits]
