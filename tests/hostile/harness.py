"""What the hostile tests share: clients per role, the other council's ids, finding a form on
its page, the untouched form as a person would send it, and the report file."""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import replace
from urllib.parse import urlsplit

from django.test import Client
from django.urls import resolve, reverse

from tests.world import World

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
    SUBMIT,
    TIME,
    Form,
    forms_of,
)
from .sweep import URLENCODED, Case, body_cases, field_cases
from .targets import LINK, Target
from .values import Value

GENERIC_FILL = {
    EMAIL: "fientlig@example.test",
    NUMBER: "1",
    DATE: "2024-05-01",
    DATETIME: "2024-05-01T10:00",
    TIME: "10:00",
}
TEXT_FILL = "Fientligt test"


class Clients:
    """One test client per role, logged in once; LINK opened the hostile survey's link."""

    def __init__(self, world: World):
        self.world = world
        self.by_role: dict[str, Client] = {}

    def __call__(self, role: str) -> Client:
        if role not in self.by_role:
            client = Client(raise_request_exception=False)
            if role == LINK:
                token = self.world.extra["hostile_token"]
                assert client.get(reverse("surveys:link", args=[token])).status_code == 302
            elif self.world.users[role] is not None:
                # A copy: logging in sets last_login on the object, and the world is shared.
                user = copy.copy(self.world.users[role])
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            self.by_role[role] = client
        return self.by_role[role]

    def get(self, role: str, url: str) -> bytes:
        response = self(role).get(url)
        assert response.status_code == 200, f"{role} GET {url}: {response.status_code}"
        return response.content


def foreign_ids(world: World) -> list[Value]:
    """Ids of the other council's objects, to put where an own object's id belongs (one
    value per distinct id)."""
    extra = world.extra
    survey = extra["other_survey"]
    objects = {
        "plan": extra["other_plan"],
        "activity": extra["other_activity"],
        "focus-area": extra["other_focus_area"],
        "raise": extra["other_raise"],
        "survey": survey,
        "section": survey.sections.first(),
        "question": extra["other_scale_item"],
        "option": survey.sections.first().questions.filter(options__isnull=False).first()
        .options.first(),
        "invitation": extra["other_invitation"],
        "membership": world.memberships["other_member"],
        "user": world.users["other_member"],
        "organisation": world.organisations["umea"],
        "priority-round": extra["other_priority_round"],
        "mark": extra["other_mark"],
        "voter": extra["other_mark"].voter,
        "discussion-group": extra["other_discussion_group"],
    }  # fmt: skip
    labels: dict[int, list[str]] = {}
    for label, obj in objects.items():
        labels.setdefault(obj.pk, []).append(label)
    return [
        Value(f"foreign-{'/'.join(names)}", [str(pk)], read_back=True)
        for pk, names in labels.items()
    ]


ROW = re.compile(
    r'<tr id="activity-(?P<pk>\d+)" class="activity-row" data-version="(?P<version>\d+)" '
    r'data-order="(?P<order>\d+)">\s*<th scope="row"><a id="title-(?P=pk)" href="(?P<url>[^"]+)"'
)
ROW_MENUS = re.compile(r'<template id="row-menus">(?P<menus>.*?)</template>', re.S)


def row_menu_forms(html: str, page_url: str, action_url: str) -> list[Form]:
    """The plan table's row menus as static/js/plan.js makes them for the row whose URL the
    action is under: the page's one <template id="row-menus"> with the row's URL plus each
    form's data-suffix as its action, and the row's version and order filled in."""
    menus = ROW_MENUS.search(html)
    rows = [row for row in ROW.finditer(html) if action_url.startswith(row["url"])]
    if menus is None or not rows:
        return []
    row = rows[0]
    filled = re.sub(
        r'<form\b([^>]*?)data-suffix="([^"]*)"',
        lambda m: f'<form action="{row["url"]}{m[2]}"{m[1]}data-suffix="{m[2]}"',
        menus["menus"],
    )
    filled = filled.replace('name="version" value=""', f'name="version" value="{row["version"]}"')
    filled = filled.replace('name="order" value=""', f'name="order" value="{row["order"]}"')
    return forms_of(filled, page_url)


def find_form(target: Target, world: World, clients: Clients) -> Form:
    page = target.page(world) if target.page else target.url(world)
    response = clients(target.role).get(page, follow=True)
    assert response.status_code == 200, f"{target.role} GET {page}: {response.status_code}"
    page_url = response.request["PATH_INFO"]
    html = response.content.decode()
    found = forms_of(html, page_url) + row_menu_forms(html, page_url, target.url(world))
    forms = [
        form for form in found if resolve(urlsplit(form.action).path).view_name == target.url_name
    ]
    assert forms, f"no form for {target.url_name} on {page_url}"
    own = [form for form in forms if urlsplit(form.action).path == target.url(world)]
    return (own or forms)[0]


def baseline_of(form: Form, target: Target, world: World, clients: Clients) -> dict:
    """The form as a person would send it: the page's values, the required ones filled in."""
    data = form.current()
    for control in form.controls.values():
        if not control.required or any(data.get(control.name, [])):
            continue
        if control.kind in (CHOICE, MULTIPLE):
            chosen = [option for option in control.options if option]
            data[control.name] = chosen[:1]
        elif control.kind not in (FILE, HIDDEN, SUBMIT, CHECKBOX):
            data[control.name] = [GENERIC_FILL.get(control.kind, TEXT_FILL)]
    for name, value in target.fill.items():
        value = value(world, clients.get) if callable(value) else value
        data[name] = [value]
    return data


def cases_for(form: Form, baseline: dict, world: World, htmx: bool = False) -> list[Case]:
    """The body cases and every control's values; for a form htmx sends, all of them again
    as htmx sends them, and with `htmx` the baseline and the values that may be stored."""
    ids = foreign_ids(world)
    cases = list(body_cases(form, baseline, ids)) + list(field_cases(form, baseline, ids))
    if form.method == "GET":
        # A GET form's data goes in the query string: only what urlencodes can be sent.
        return [c for c in cases if (c.data is not None and c.encoding != "multipart")
                or c.content_type == URLENCODED]  # fmt: skip
    if form.htmx or htmx:
        again = [c for c in cases if form.htmx or c.read_back and c.data is not None]
        cases += [replace(c, label=f"{c.label} (htmx)", htmx=True) for c in again]
    return cases


def report(lines: list[dict]) -> None:
    path = os.environ.get("HOSTILE_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as report:
            for line in lines:
                report.write(json.dumps(line, ensure_ascii=False) + "\n")
