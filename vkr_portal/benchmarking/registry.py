"""The scenarios and their registry: a scenario registers itself with `@registry.scenario(...)`
(a setup that builds its data and says which requests to time) or `@registry.figures(...)`
(a function that measures on its own and returns the Markdown of its figures)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

from councils.models import User


class BenchmarkError(Exception):
    """The benchmark cannot run or a timed request did not answer 200."""


Hook = Callable[[], None]
# HTTP headers sent with a request, as (name, value) pairs: a conditional GET's If-None-Match.
Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Baseline:
    """A request timed in the same rounds as a page (ABAB), for the ratio page ÷ baseline:
    the page's fair floor (the same rows in one query, in a plain table), another
    implementation of the same page (the Django admin), or the page itself warm.

    `user`: who asks, None for the page's own user. `before`: run untimed before each of
    its GETs. `goal`: the page's ratio to it should be at most this. `headers`: sent with each
    GET; `status`: what it must answer."""

    label: str
    url: str
    user: User | None = None
    before: Hook | None = None
    goal: float | None = None
    # The page's fair floor (the same rows, one query, a plain table), not another page.
    is_floor: bool = False
    headers: Headers = ()
    status: int = 200


@dataclass(frozen=True)
class TimedRequest:
    """One GET to time: a label for the table, the URL, and who asks (None: anonymous); the
    baselines timed interleaved with it, the first normally its fair floor.

    `prepare`: run once, untimed, before its warm-ups (e.g. open the survey). `before`: run
    untimed before each of its GETs (clear the caches, submit one more response).
    `goal_ms`: its median should be at most this many milliseconds; `goal_queries`: it should
    run at most this many SQL queries. `headers`: sent with each GET (a conditional request's
    If-None-Match); `status`: what it must answer (304 for one that finds nothing changed)."""

    label: str
    url: str
    user: User | None = None
    baselines: tuple[Baseline, ...] = ()
    prepare: Hook | None = None
    before: Hook | None = None
    goal_ms: float | None = None
    goal_queries: int | None = None
    headers: Headers = ()
    status: int = 200

    @property
    def floor(self) -> str | None:
        """The URL of the page's fair floor, if it has one."""
        return next((b.url for b in self.baselines if b.is_floor), None)


SetupFunction = Callable[[], list[TimedRequest]]
# Builds its data, measures, and returns the Markdown of its figures; reports progress.
FiguresFunction = Callable[[Callable[[str], None]], str]


@dataclass(frozen=True)
class Scenario:
    """A name, a description of its data, and either a setup that builds the data and says
    which requests to time, or (`figures`) a function that measures on its own."""

    name: str
    title: str
    description: str
    setup: SetupFunction | None = None
    figures: FiguresFunction | None = None
    # Whether this process's memory says something of the scenario (not of the load
    # scenario, whose server is other processes: it reports its workers' own).
    process_memory: bool = True


class ScenarioRegistry:
    """The scenarios by name, in the order they were registered."""

    def __init__(self) -> None:
        self._scenarios: dict[str, Scenario] = {}

    def register(self, scenario: Scenario) -> Scenario:
        """Add a scenario; a second one of the same name is a mistake, not an override."""
        if scenario.name in self._scenarios:
            raise ValueError(f"A benchmark scenario named {scenario.name!r} is registered already")
        self._scenarios[scenario.name] = scenario
        return scenario

    def scenario(
        self, name: str, *, title: str, description: str
    ) -> Callable[[SetupFunction], SetupFunction]:
        """Decorator: register the decorated function as the setup of a new scenario."""

        def decorate(setup: SetupFunction) -> SetupFunction:
            self.register(Scenario(name=name, title=title, description=description, setup=setup))
            return setup

        return decorate

    def figures(
        self, name: str, *, title: str, description: str
    ) -> Callable[[FiguresFunction], FiguresFunction]:
        """Decorator: register the decorated function as a scenario that measures on its own
        and returns the Markdown of its figures."""

        def decorate(measure: FiguresFunction) -> FiguresFunction:
            self.register(
                Scenario(name=name, title=title, description=description, figures=measure)
            )
            return measure

        return decorate

    def names(self) -> list[str]:
        return list(self._scenarios)

    def select(self, only: str | None = None) -> list[Scenario]:
        """Every scenario, or the one named `only`."""
        if only is None:
            return list(self._scenarios.values())
        if only not in self._scenarios:
            known = ", ".join(self._scenarios) or "none"
            raise BenchmarkError(f"No benchmark scenario named {only!r} (known: {known})")
        return [self._scenarios[only]]


registry = ScenarioRegistry()


def scenarios_discover() -> None:
    """Import every installed app's `benchmarks` module, where apps register their scenarios."""
    autodiscover_modules("benchmarks")
