"""Sending one form every hostile value, one field at a time, and judging every answer.

Each case's request runs in a savepoint that is rolled back afterwards, so the cases do not
disturb each other and one world serves a whole test module. Inside the savepoint, when the
request wrote anything (PostgreSQL's own counters of the transaction say so), the other
council's rows are compared with how they were before and, for a value that could poison a
page once stored, the pages that show it are read back. Every answer is judged: no status of
500 or more, no raw markup of the payloads in an HTML page.
"""

from __future__ import annotations

import copy
import json
import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes, urlsplit

from django.core import mail
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.db import DatabaseError, connection, transaction
from django.test import Client

from .html_forms import MULTIPLE, SUBMIT, TIME, Form
from .values import BUTTON, INVALID_UTF8, MISSING, RAW_MARKUP, Upload, Value, values_for

BOUNDARY = "HostileBoundary7MA4YWxkTrZu0gW"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"
# The rows a request writes that are not content: sessions, login attempts, one-time keys.
WRITES_SQL = r"""
    SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables
    WHERE relname NOT IN ('django_session', 'idempotency_idempotencykey')
      AND relname NOT LIKE 'axes\_%'
"""
ERROR_MARKERS = ("is-invalid", "invalid-feedback", "alert-danger", "errorlist")
DYNAMIC_NAME = re.compile(r"^(?P<prefix>[a-z_]+_)(?P<id>\d+)$")


@dataclass(frozen=True)
class Problem:
    target: str
    case: str
    method: str
    url: str
    status: int
    detail: str

    def __str__(self) -> str:
        return (
            f"{self.target} [{self.case}] {self.method} {self.url} → {self.status}: {self.detail}"
        )


@dataclass
class Tally:
    requests: int = 0
    # Of those, pages read back after a request that wrote something.
    read_back: int = 0
    server_errors: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """One request: a label, the data (name → list of values) and how to send it."""

    label: str
    data: dict | None = None  # None: `body` is sent as it is
    body: bytes = b""
    content_type: str = ""
    encoding: str = ""  # "urlencoded" or "multipart" for `data`; "" follows the form
    htmx: bool = False
    read_back: bool = False  # read the pages that show what it stored, if it stored anything


def urlencoded(data: dict) -> bytes:
    parts = []
    for name, values in data.items():
        raw_name = name if isinstance(name, bytes) else name.encode()
        for value in values:
            if isinstance(value, Upload):
                value = value.name
            raw = value if isinstance(value, bytes) else value.encode()
            parts.append(f"{quote_from_bytes(raw_name, safe='')}={quote_from_bytes(raw, safe='')}")
    return "&".join(parts).encode()


def multipart(data: dict, boundary: str = BOUNDARY) -> bytes:
    chunks = []
    for name, values in data.items():
        raw_name = name if isinstance(name, bytes) else name.encode()
        for value in values:
            head = b'Content-Disposition: form-data; name="' + raw_name + b'"'
            if isinstance(value, Upload):
                head += f'; filename="{value.name}"\r\nContent-Type: {value.content_type}'.encode()
                content = value.content
            else:
                content = value if isinstance(value, bytes) else value.encode()
            chunks.append(
                b"--" + boundary.encode() + b"\r\n" + head + b"\r\n\r\n" + content + b"\r\n"
            )
    return b"".join(chunks) + b"--" + boundary.encode() + b"--\r\n"


def _with(data: dict, name: str, value: Value) -> dict:
    changed = dict(data)
    if value.data is MISSING:
        changed.pop(name, None)
    elif isinstance(value.data, Upload | bytes):
        changed[name] = [value.data]
    else:
        changed[name] = list(value.data)
    return changed


def field_cases(
    form: Form, baseline: dict, foreign_ids: list[Value], values=values_for
) -> Iterator[Case]:
    """Every control's hostile values (`values(kind, foreign_ids)`), each on top of an
    otherwise valid form."""
    table = values
    for control in form.controls.values():
        kind = BUTTON if control.kind == SUBMIT and len(control.options) == 1 else control.kind
        values = table(kind, foreign_ids)
        if control.kind == MULTIPLE and table is values_for:
            values = values + [Value("all-and-forged", control.options + ["999999999"])]
        for value in values:
            label = f"{control.name}={value.label}"
            data = _with(baseline, control.name, value)
            partner = _time_partner(form, control.name)
            if partner and not any(data.get(partner, [])):
                data[partner] = ["00:00"]
            if isinstance(value.data, bytes):
                # Raw bytes in both encodings a browser uses.
                yield Case(f"{label} urlencoded", data, encoding="urlencoded")
                yield Case(f"{label} multipart", data, encoding="multipart")
            else:
                yield Case(label, data, read_back=value.read_back)


def _time_partner(form: Form, name: str) -> str | None:
    """The time half of the admin's split date and time ("opens_at_0", "opens_at_1"): a date
    sent alone is refused before it could be stored."""
    if name.endswith("_0"):
        partner = name[:-2] + "_1"
        if form.controls.get(partner) and form.controls[partner].kind == TIME:
            return partner
    return None


def body_cases(form: Form, baseline: dict, foreign_ids: list[Value]) -> Iterator[Case]:
    """Whole requests gone wrong: other encodings, broken bodies, forged and extra fields."""
    flat = {name: values[0] if len(values) == 1 else values for name, values in baseline.items()
            if not any(isinstance(v, Upload) for v in values)}  # fmt: skip
    encoded = multipart(baseline)
    yield Case("baseline", baseline, read_back=True)
    yield Case("json", body=json.dumps(flat).encode(), content_type="application/json")
    yield Case("json-garbage", body=b'{"title": [1, {', content_type="application/json")
    yield Case("empty-body", body=b"", content_type=URLENCODED)
    yield Case("text-plain", body=urlencoded(baseline), content_type="text/plain")
    yield Case("as-urlencoded", baseline, encoding="urlencoded")
    yield Case("as-multipart", baseline, encoding="multipart")
    yield Case("multipart-wrong-boundary", body=encoded,
               content_type="multipart/form-data; boundary=SomethingElse")  # fmt: skip
    yield Case("multipart-no-boundary", body=encoded, content_type="multipart/form-data")
    yield Case("multipart-truncated", body=encoded[: len(encoded) // 2], content_type=MULTIPART)
    yield Case("multipart-garbage", body=bytes(range(256)) * 4, content_type=MULTIPART)
    yield Case(
        "multipart-headless-part",
        body=f"--{BOUNDARY}\r\n\r\nno headers\r\n--{BOUNDARY}--\r\n".encode(),
        content_type=MULTIPART,
    )
    yield Case("multipart-invalid-utf8-name", {**baseline, INVALID_UTF8: ["x"]},
               encoding="multipart")  # fmt: skip
    yield Case("urlencoded-invalid-utf8-name", {**baseline, INVALID_UTF8: ["x"]},
               encoding="urlencoded")  # fmt: skip
    yield Case("urlencoded-garbage", body=b"%%%&&==&%zz=%c3", content_type=URLENCODED)
    yield Case("all-duplicated", {name: values * 2 for name, values in baseline.items()},
               read_back=True)  # fmt: skip
    yield Case("too-many-fields", {f"f{i}": ["x"] for i in range(1500)}, encoding="urlencoded")
    yield Case("too-large", {**baseline, "big": ["x" * 3_000_000]}, encoding="urlencoded")
    yield Case("all-10k", {name: ["x" * 10_000] for name in baseline}, read_back=True)
    forged = {name: [value.data[0]] for name, value in _extra_names(foreign_ids)}
    yield Case("extra-fields", {**baseline, **forged}, read_back=True)
    for control in form.controls.values():
        match = DYNAMIC_NAME.match(control.name)
        if match:
            for value in foreign_ids:
                name = match["prefix"] + value.data[0]
                if name not in form.controls:
                    yield Case(f"forged-name {name} ({value.label})", {**baseline, name: ["1"]},
                               read_back=True)  # fmt: skip
            break


def _extra_names(foreign_ids: list[Value]) -> Iterator[tuple[str, Value]]:
    """Fields a form does not have but a model does: mass assignment attempts."""
    if not foreign_ids:
        return
    first = foreign_ids[0]
    names = ["council", "council_id", "plan", "plan_id", "survey", "survey_id", "user", "user_id",
             "organisation_id", "author", "is_staff", "is_superuser", "pk", "id"]  # fmt: skip
    for name in names:
        yield name, first


@dataclass
class Sweep:
    """One target form: its clients, what it is judged against, and the tally."""

    name: str
    form: Form
    sender: Client
    shows: list[tuple[Client, str]]
    fingerprint: Callable[[], list[tuple[str, str]]]
    tally: Tally = field(default_factory=Tally)
    clients: list[Client] = field(default_factory=list)
    # Whether the case labelled "baseline" (the untouched form) went through.
    baseline_accepted: bool | None = None
    _exceptions: list[str] = field(default_factory=list)

    def run(self, cases: list[Case]) -> Tally:
        before = self.fingerprint()
        got_request_exception.connect(self._record_exception)
        try:
            for case in cases:
                self._run_case(case, before)
        finally:
            got_request_exception.disconnect(self._record_exception)
        return self.tally

    def _record_exception(self, sender, request=None, **kwargs) -> None:
        lines = traceback.format_exc().strip().splitlines()
        self._exceptions.append(" | ".join(line.strip() for line in lines[-4:]))

    def _run_case(self, case: Case, before: list) -> None:
        cookies = [copy.deepcopy(client.cookies) for client in self.clients]
        cache.clear()
        mail.outbox = []
        with transaction.atomic():
            response = None
            try:
                writes = _writes()
                response = self._send(case)
                if _writes() != writes:
                    if case.read_back:
                        self._read_back(case, response)
                    self._compare(case, response, before)
            except DatabaseError as error:
                # A request that answered 500 may leave the transaction aborted (counted
                # already); one that answered anything else must not.
                if response is not None and response.status_code < 500:
                    self._problem(case, self.form.method, self.form.action,
                                  response.status_code,
                                  f"the request left the transaction aborted: {error}")  # fmt: skip
            transaction.set_rollback(True)
        for client, saved in zip(self.clients, cookies, strict=True):
            client.cookies = saved

    def _send(self, case: Case):
        body, content_type = case.body, case.content_type
        if case.data is not None:
            encoding = case.encoding or ("multipart" if self.form.multipart else "urlencoded")
            if encoding == "multipart":
                body, content_type = multipart(case.data), MULTIPART
            else:
                body, content_type = urlencoded(case.data), URLENCODED
        headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
        path = self.form.action
        if self.form.method == "GET":
            query = body.decode("ascii") if content_type == URLENCODED else ""
            separator = "&" if "?" in path else "?"
            response = self.sender.generic("GET", f"{path}{separator}{query}", **headers)
        else:
            response = self.sender.generic(
                "POST", path, data=body, content_type=content_type, **headers
            )
        self._judge(case, self.form.method, path, response)
        if case.label == "baseline":
            self.baseline_accepted = accepted(response)
        return response

    def _read_back(self, case: Case, response) -> None:
        urls = []
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        if location and not urlsplit(location).netloc:
            urls.append((self.sender, location))
        shows = [(client, url) for client, url in self.shows if (self.sender, url) not in urls]
        for client, url in urls + shows:
            self.tally.read_back += 1
            self._judge(case, "GET", url, client.get(url), shown=True)

    def _compare(self, case: Case, response, before: list) -> None:
        after = self.fingerprint()
        if after != before:
            changed = [label for (label, h), (_, h2) in zip(before, after, strict=True) if h != h2]
            self._problem(case, self.form.method, self.form.action, response.status_code,
                          f"the other council's rows changed: {changed}")  # fmt: skip

    def _judge(self, case: Case, method: str, url: str, response, shown: bool = False) -> None:
        self.tally.requests += 1
        where = f"{'shown after ' if shown else ''}{case.label}"
        if response.status_code >= 500:
            self.tally.server_errors += 1
            detail = self._exceptions[-1] if self._exceptions else "no traceback"
            self._problem(case, method, url, response.status_code, detail, where)
        content_type = response.get("Content-Type", "")
        if "html" in content_type and not getattr(response, "streaming", False):
            text = response.content.decode("utf-8", "replace")
            for markup in RAW_MARKUP:
                if markup in text:
                    self._problem(case, method, url, response.status_code,
                                  f"unescaped {markup!r} in the page", where)  # fmt: skip
        self._exceptions.clear()

    def _problem(self, case, method, url, status, detail, where: str = "") -> None:
        self.tally.problems.append(
            Problem(self.name, where or case.label, method, url, status, detail)
        )


def _writes() -> int:
    with connection.cursor() as cursor:
        cursor.execute(WRITES_SQL)
        return cursor.fetchone()[0]


def accepted(response) -> bool:
    """Did the form go through (a redirect, or a page without error markers)?"""
    if 300 <= response.status_code < 400:
        return True
    text = response.content.decode("utf-8", "replace")
    return response.status_code < 300 and not any(marker in text for marker in ERROR_MARKERS)
