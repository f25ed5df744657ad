"""The peer's side of the load scenario: its database (its own, on the benchmark's server), its
survey of the same items, one respondent's requests, and the count of its answers.

The peer's models load only with its own settings, so its database work runs in a process of
its own (vkr_portal/benchmarking/peer/peer_build.py) and answers in JSON.
"""

from __future__ import annotations

import json
import logging
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from psycopg import sql

from .database import LOCALHOST, PostgresServer
from .load_http import Browser, ClientRun, LoadError, StepTimer, csrf_token
from .load_survey import Item, Verification, chosen
from .registry import BenchmarkError

logger = logging.getLogger(__name__)

PEER = "django-survey-and-report"
# The peer's project: run from its directory, its modules top-level there.
PEER_DIR = Path(__file__).resolve().parent / "peer"
PEER_SETTINGS = "peer_settings"
PEER_WSGI = "peer_wsgi:application"
# The peer's steps: it has no link and no drafts; "completed" is the page its post leads to.
PEER_STEPS = ("form", "submit", "completed")


def peer_version() -> str:
    """The installed version of the peer, or why it cannot run."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PEER)
    except PackageNotFoundError as error:
        raise BenchmarkError(
            f"{PEER} is not installed: .venv/bin/pip install -r requirements-dev.lock"
        ) from error


def django_server() -> PostgresServer:
    """The PostgreSQL server of Django's database, reached through that database."""
    current = settings.DATABASES["default"]
    return PostgresServer(
        host=current["HOST"] or LOCALHOST, port=int(current["PORT"] or 5432),
        user=current["USER"], password=current["PASSWORD"] or "", maintenance_db=current["NAME"],
    )  # fmt: skip


@contextmanager
def peer_database() -> Iterator[str]:
    """A new, empty database for the peer on the server of Django's; dropped afterwards."""
    server = django_server()
    name = f"vkr_benchmark_peer_{secrets.token_hex(4)}"
    server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        try:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        except Exception:
            logger.warning("Could not drop the peer's database %s", name, exc_info=True)


def _peer_command(env: Mapping[str, str], *args: str, stdin: str | None = None) -> dict:
    done = subprocess.run(  # noqa: S603 — our own interpreter and module
        [sys.executable, "peer_build.py", *args],
        cwd=PEER_DIR, env=peer_env_of(env),
        input=stdin, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchmarkError(f"The peer's {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def peer_env_of(env: Mapping[str, str]) -> dict[str, str]:
    """The environment with the peer's settings, and nothing of the portal on the path."""
    env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    return {**env, "DJANGO_SETTINGS_MODULE": PEER_SETTINGS}


@dataclass(frozen=True)
class PeerSurvey:
    survey_pk: int
    # Per question, in the items' order: its id and what each of its choices posts.
    questions: list[tuple[int, list[str]]]


def peer_survey_build(env: Mapping[str, str], items: Sequence[Item]) -> PeerSurvey:
    """Migrate the peer's database and create its survey of the items."""
    payload = json.dumps([{**asdict(item), "kind": str(item.kind)} for item in items])
    built = _peer_command(env, "build", stdin=payload)
    return PeerSurvey(built["survey"], [(pk, values) for pk, values in built["questions"]])


def peer_verify(env: Mapping[str, str], survey: PeerSurvey, respondents: int) -> Verification:
    """Count the peer's responses to its survey and the questions each one answers."""
    found = _peer_command(env, "verify", str(survey.survey_pk))
    return Verification(
        expected=respondents,
        responses=found["responses"],
        # The peer has no drafts: every response it keeps is a submitted one.
        submitted=found["responses"],
        duplicates=found["duplicates"],
        complete=found["complete"],
        items=found["items"],
    )


def peer_flow(
    browser: Browser, survey: PeerSurvey, items: Sequence[Item], number: int
) -> Callable[[ClientRun], None]:
    """One respondent of the peer: get the form, post every answer, see the page it leads to."""
    form_path = f"/survey/{survey.survey_pk}/"
    answers = []
    for position, (item, (pk, values)) in enumerate(zip(items, survey.questions, strict=True)):
        answer = chosen(item, position, number)
        if isinstance(answer, str):
            answers.append((f"question_{pk}", answer))
        else:
            answers += [(f"question_{pk}", values[index]) for index in answer]

    def flow(run: ClientRun) -> None:
        timer = StepTimer()
        run.steps = timer.steps
        form = timer.step("form", lambda: browser.expect("GET", form_path, 200))
        csrf = [("csrfmiddlewaretoken", csrf_token(form))]
        sent = timer.step(
            "submit", lambda: browser.expect("POST", form_path, 302, [*csrf, *answers])
        )
        if "/survey/confirm/" not in sent.location:
            raise LoadError(f"The peer's submit led to {sent.location}, not its confirmation")
        timer.step("completed", lambda: browser.follow(sent))

    return flow
