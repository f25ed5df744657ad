"""The admin's forms of every registered model, fed a short table of hostile values as a staff
admin: the change form of one object and the changelist's forms (actions and search).

The admin's add form shows the same model form as its change form; its delete and history
pages have no fields. The values are fewer than for the portal's own forms (the admin is
Django's, its pages are slow, and the models carry the limits): one a kind, for what the
models must refuse (overlong text, a date in year 1, a number beyond any integer) and an id
that is no number. After a date is stored the model's changelist is read back.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import resolve, reverse

from tests.test_permission_matrix import READ_ONLY_ADMIN_MODELS, _admin_urls
from tests.world import World

from .harness import Clients, baseline_of, foreign_ids, report
from .html_forms import (
    CHECKBOX,
    CHOICE,
    DATE,
    DATETIME,
    EMAIL,
    FILE,
    HIDDEN,
    MULTIPLE,
    NUMBER,
    PASSWORD,
    SUBMIT,
    TEXT,
    TIME,
    Form,
    forms_of,
)
from .summary import REQUESTS, SERVER_ERRORS
from .sweep import Sweep, body_cases, field_cases
from .targets import Target
from .values import BUTTON, DATES, DATETIMES, FILES, IDS, NUMBERS, STRINGS, Value

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
# An inline's row: "answers-3-text"; the empty row the page copies from is "answers-__prefix__-…".
INLINE_ROW = re.compile(r"^[\w]+-(?P<row>\d+|__prefix__)-")


def _pick(values: list[Value], *labels: str) -> list[Value]:
    return [value for value in values if value.label in labels]


def admin_values(kind: str, foreign: list[Value]) -> list[Value]:
    """One value a kind: what the model's limits must refuse, and an id of no kind (the
    portal's own forms get the whole table; these pages are Django's, and slow)."""
    ids = _pick(IDS, "non-numeric")
    table = {
        TEXT: _pick(STRINGS, "10k"),
        PASSWORD: _pick(STRINGS, "10k"),
        EMAIL: [Value("email-259", ["a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".se"])],
        NUMBER: _pick(NUMBERS, "beyond-bigint"),
        # A stored date out of range is what breaks the admin's own lists: read them back.
        DATE: [replace(v, read_back=True) for v in _pick(DATES, "year-1")],
        DATETIME: [replace(v, read_back=True) for v in _pick(DATETIMES, "year-1")],
        TIME: [Value("hour-25", ["25:61"])],
        CHOICE: ids,
        MULTIPLE: ids,
        HIDDEN: ids,
        SUBMIT: ids,
        CHECKBOX: [],
        FILE: _pick(FILES, "file-garbage-xlsx"),
        BUTTON: [],
    }
    # The admin escapes what it shows: nothing else needs its pages read back.
    return [v if kind in (DATE, DATETIME) else replace(v, read_back=False) for v in table[kind]]


def _first_inline_row(form: Form) -> Form:
    """The form with only the first row of each inline (the others take the same values)."""

    def kept(name: str) -> bool:
        match = INLINE_ROW.match(name)
        return match is None or match["row"] == "0"

    return replace(form, controls={n: c for n, c in form.controls.items() if kept(n)})


ADMIN_BODIES = {"baseline"}


def _sweep_admin_pages(world: World, pages: list[tuple[str, dict]], shows: list[str],
                       record_property) -> tuple[list, list]:  # fmt: skip
    """Sweep every form on each (URL name, kwargs) page that posts back to it; returns
    whether each form's untouched baseline went through, and the problems."""
    clients = Clients(world)
    ids = foreign_ids(world)
    requests = errors = 0
    problems, accepted = [], []
    for url_name, kwargs in pages:
        target = Target(url_name, "admin", lambda w, kwargs=kwargs: kwargs)
        page = target.url(world)
        response = clients("admin").get(page)
        assert response.status_code == 200, f"GET {page}: {response.status_code}"
        forms = [
            form for form in forms_of(response.content.decode(), page)
            if resolve(urlsplit(form.action).path).view_name == url_name
        ]  # fmt: skip
        assert forms, f"no form for {url_name} on {page}"
        for form in forms:
            baseline = baseline_of(form, target, world, clients)
            cases = [c for c in body_cases(form, baseline, ids) if c.label in ADMIN_BODIES]
            cases += list(field_cases(_first_inline_row(form), baseline, ids, values=admin_values))
            sweep = Sweep(
                name=f"{url_name} {form.method}",
                form=form,
                sender=clients("admin"),
                shows=[(clients("admin"), url) for url in shows],
                # An admin may change every council's rows: nothing to compare.
                fingerprint=list,
                clients=list(clients.by_role.values()),
            )
            tally = sweep.run(cases)
            requests += tally.requests
            errors += tally.server_errors
            problems += tally.problems
            accepted.append(sweep.baseline_accepted)
    record_property(REQUESTS, requests)
    record_property(SERVER_ERRORS, errors)
    print(f"hostile {pages[0][0]}: {requests} requests, {errors} server errors")
    report(
        [{"target": pages[0][0], "requests": requests, "server_errors": errors}]
        + [{"problem": str(problem), **problem.__dict__} for problem in problems]
    )
    return accepted, problems


@pytest.fixture(scope="module")
def admin_world(hostile_world: World, django_db_blocker) -> World:
    # The permission matrix's own list of the objects every admin page needs, made in the
    # module's transaction.
    with django_db_blocker.unblock():
        _admin_urls(hostile_world)
    return hostile_world


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_admin_forms(model, admin_world: World, record_property):
    """The change form of the model's first object, then its changelist's forms."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    obj = model._default_manager.order_by("pk").first()
    changelist = reverse(f"{prefix}_changelist")
    pages = [(f"{prefix}_change", {"object_id": obj.pk}), (f"{prefix}_changelist", {})]
    accepted, problems = _sweep_admin_pages(admin_world, pages, [changelist], record_property)
    listed = "\n".join(str(problem)[:400] for problem in problems[:40])
    assert not problems, f"{len(problems)} problems:\n{listed}"
    if model not in READ_ONLY_ADMIN_MODELS:
        assert accepted[0], "the untouched change form was not saved"
