"""The annual report's sections: which exist, in which order they come by default, and the
options of a build (which sections, in which order) as a canonical key."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext_lazy as _

# Key, label. The cover and the table of contents always come first and are not options.
SECTIONS: list[tuple[str, object]] = [
    ("foreword", _("Ordföranden har ordet")),
    ("summary", _("Sammanfattning")),
    ("council", _("Rådet")),
    ("key_figures", _("Nyckeltal")),
    ("plan", _("Aktivitetsplanen")),
    ("workgroups", _("Arbetsgrupper")),
    ("surveys", _("Årets enkäter")),
    ("recommendations", _("Nationella rekommendationer")),
    ("reflections", _("Reflektioner")),
    ("year_ahead", _("Året som kommer")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
LABELS = dict(SECTIONS)
# The sections whose text the secretariat writes in the portal.
TEXT_SECTIONS = ["foreword", "summary", "reflections", "year_ahead"]


def label(key: str) -> str:
    return str(LABELS[key])


def normalized(sections: list[str] | None) -> list[str]:
    """Known keys, each once, in the given order; None means every section in default order."""
    if sections is None:
        return list(SECTION_KEYS)
    seen: list[str] = []
    for key in sections:
        if key in LABELS and key not in seen:
            seen.append(key)
    return seen


def options_key(sections: list[str], survey_ids: list[int]) -> str:
    """The same sections in the same order, with the same surveys, give the same key: such
    builds are one build."""
    canonical = json.dumps(
        {"sections": normalized(sections), "surveys": sorted(set(survey_ids))},
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]
