"""Swedish first, English complete: every string in the catalogue is translated and compiled."""

import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if "msgid" in block]


def test_every_english_entry_is_translated_and_none_is_fuzzy():
    text = PO.read_text(encoding="utf-8")
    untranslated = []
    for block in _entries(text)[1:]:  # the first entry is the header
        if re.search(r'^msgstr(\[\d\])? ""\n(?!")', block + "\n", re.MULTILINE):
            untranslated.append(block.splitlines()[-2] if len(block.splitlines()) > 1 else block)
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert "#, fuzzy" not in text


def test_the_compiled_catalogue_matches_the_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == MO.read_bytes(), "run `make messages` and commit the .mo file"


def test_swedish_is_the_default_and_english_is_served():
    assert settings.LANGUAGE_CODE == "sv"
    with translation.override("en"):
        assert translation.gettext("Logga in") == "Log in"
    with translation.override("sv"):
        assert translation.gettext("Logga in") == "Logga in"


def _msgids(po_text: str) -> set[str]:
    ids = set()
    for block in _entries(po_text):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block + "\n", re.MULTILINE)
        if match:
            ids.add("".join(re.findall(r'"(.*)"', match.group(1))))
    ids.discard("")
    return ids


def test_the_catalogue_holds_every_marked_string_of_the_source(tmp_path):
    """makemessages run on a copy of the source finds no string that the catalogue lacks."""
    import shutil

    base = Path(settings.BASE_DIR)
    for name in ["manage.py", "vkr_portal", "templates", "councils", "activities", "surveys",
                 "workgroups", "prioritisation", "recommendations", "reports", "search",
                 "idempotency", "contacts", "notifications"]:  # fmt: skip
        source = base / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        ["django-admin", "makemessages", "-l", "en", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": f"{Path(__import__('sys').executable).parent}:/usr/bin:/bin"},
    )
    fresh = _msgids((tmp_path / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8"))
    missing = fresh - _msgids(PO.read_text(encoding="utf-8"))
    assert not missing, f"run `make messages`: strings not in the catalogue: {sorted(missing)[:10]}"
