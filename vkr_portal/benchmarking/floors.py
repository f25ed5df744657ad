"""The fair floors: for each page the benchmark times, the same rows fetched with ONE query
and shown in a plain table by a minimal template (templates/benchmarks/, extending nothing).

Reachable only under the benchmark's URL configuration (vkr_portal/benchmark_urls.py), so
through the same request path as the pages: the test client, the whole middleware, the same
logged-in user. No access check, no form, no chart, no link: the least Django can do to show
that data, which is what the page's ratio to it is about. The queries a floor makes besides
its one are the middleware's (the session and its user), which the page makes too.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from activities.models import Activity, FocusArea, PlanFocusArea
from councils.models import Council, Organisation, User
from prioritisation.models import Decision, Mark, Round, Voter
from recommendations.models import Actor, FollowUp, Recommendation
from surveys.models import Answer, Invitation, Option, Question, Response, ScaleStep, Section


def _plain(template: str, context: dict) -> HttpResponse:
    """The template rendered with its context alone: no request, so no context processor
    (the portal's navigation is one of the page's features, not the floor's)."""
    return HttpResponse(render_to_string(template, context))


# The matrix's audience filter for the regions' recommendations (`?mottagare=regioner`).
REGIONS_ONLY = str(Actor.Code.REGIONS)


def plan_activities(slug: str, year: int):
    """A council's plan of the year: its activities with their focus area and responsible."""
    return (
        Activity.objects.filter(plan__council__slug=slug, plan__year=year)
        .select_related("focus_area", "responsible")
        .order_by("focus_area__order", "order", "pk")
    )


def plan_floor(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _plain("benchmarks/plan.html", {"activities": plan_activities(slug, year)})


ROLLUP_KINDS = (("priority", Activity.Priority.values), ("progress", Activity.Progress.values))


def rollup_counts(year: int) -> list[dict]:
    """The national roll-up's counts: per focus area and regional council, all activities and
    those of each priority and progress, in one aggregate query."""
    counts = {
        f"{kind}_{value}": Count("pk", filter=Q(**{kind: value}))
        for kind, values in ROLLUP_KINDS
        for value in values
    }
    return list(
        Activity.objects.filter(plan__year=year, plan__council__kind=Council.Kind.REGIONAL)
        .values("focus_area__name", "focus_area__order", "plan__council__short_name",
                "plan__council__order")
        .annotate(total=Count("pk"), **counts)
        .order_by("focus_area__order", "focus_area__name", "plan__council__order")
    )  # fmt: skip


def rollup_floor(request: HttpRequest) -> HttpResponse:
    year = int(request.GET.get("ar", "0") or 0)
    keys = [f"{kind}_{value}" for kind, values in ROLLUP_KINDS for value in values]
    rows = [
        (row["focus_area__name"], row["plan__council__short_name"], row["total"],
         [row[key] for key in keys])
        for row in rollup_counts(year)
    ]  # fmt: skip
    return _plain("benchmarks/rollup.html", {"keys": keys, "rows": rows})


def results_counts(survey_id: int, lan_code: str = "") -> list[dict]:
    """The submitted answers counted per (question, scale step) and per (question, option),
    in one query: counted by ids in a subquery, the texts joined to the counted groups only
    (the least the database can do; grouping by the texts would join every answer row)."""
    answer, response = Answer._meta.db_table, Response._meta.db_table
    question, organisation = Question._meta.db_table, Organisation._meta.db_table
    section, step, option = Section._meta.db_table, ScaleStep._meta.db_table, Option._meta.db_table
    lan_join = (
        f"JOIN {organisation} o ON o.id = r.organisation_id AND o.lan_code = %s" if lan_code else ""
    )
    sql = f"""
        SELECT c.question_id, q.text, s.label, op.label, c.n
        FROM (
            SELECT a.question_id, a.step_id, a.option_id, COUNT(*) AS n
            FROM {answer} a
            JOIN {response} r ON r.id = a.response_id AND r.survey_id = %s AND r.status = %s
            {lan_join}
            WHERE a.step_id IS NOT NULL OR a.option_id IS NOT NULL
            GROUP BY a.question_id, a.step_id, a.option_id
        ) c
        JOIN {question} q ON q.id = c.question_id
        JOIN {section} se ON se.id = q.section_id
        LEFT JOIN {step} s ON s.id = c.step_id
        LEFT JOIN {option} op ON op.id = c.option_id
        ORDER BY se."order", q."order", c.question_id, s."order", op."order", c.option_id
    """  # noqa: S608 (table names from the models, values as parameters)
    params = [survey_id, Response.Status.SUBMITTED] + ([lan_code] if lan_code else [])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        keys = ("question_id", "question__text", "step__label", "option__label", "n")
        return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def results_floor(request: HttpRequest, pk: int) -> HttpResponse:
    rows = results_counts(pk, request.GET.get("lan", ""))
    return _plain("benchmarks/results.html", {"rows": rows})


def round_counts(survey_id: int) -> dict[str, int]:
    """The round overview's response rate: the invitations, those mailed, and their
    responses submitted and in draft, in one aggregate query."""
    return Invitation.objects.filter(survey_id=survey_id).aggregate(
        invited=Count("pk"),
        mailed=Count("pk", filter=Q(sent_at__isnull=False)),
        submitted=Count("pk", filter=Q(response__status=Response.Status.SUBMITTED)),
        drafts=Count("pk", filter=Q(response__status=Response.Status.DRAFT)),
    )


def round_floor(request: HttpRequest, pk: int) -> HttpResponse:
    return _plain("benchmarks/round.html", {"counts": round_counts(pk)})


def matrix_follow_ups(publication_id: int, regions_only: bool = False):
    """The matrix's follow-ups: the regional councils' own and the regions', with their
    recommendation, council and region, in one query."""
    follow_ups = FollowUp.objects.filter(
        recommendation__area__publication_id=publication_id,
        council__kind=Council.Kind.REGIONAL,
    )
    if regions_only:
        follow_ups = follow_ups.filter(
            organisation__kind=Organisation.Kind.REGION,
            recommendation__addressees__code=Actor.Code.REGIONS,
        )
    else:
        follow_ups = follow_ups.filter(
            Q(organisation__isnull=True) | Q(organisation__kind=Organisation.Kind.REGION)
        )
    return follow_ups.select_related("recommendation__area", "council", "organisation").order_by(
        "recommendation__area__position", "recommendation__position", "council__order",
        "organisation__name",
    )  # fmt: skip


def matrix_floor(request: HttpRequest, pk: int) -> HttpResponse:
    regions_only = request.GET.get("mottagare") == REGIONS_ONLY
    follow_ups = matrix_follow_ups(pk, regions_only)
    return _plain("benchmarks/matrix.html", {"follow_ups": follow_ups})


def publication_recommendations(publication_id: int):
    """The report's recommendations with their area, in one query."""
    return (
        Recommendation.objects.filter(area__publication_id=publication_id)
        .select_related("area")
        .order_by("area__position", "position")
    )


def publication_floor(request: HttpRequest, pk: int) -> HttpResponse:
    recommendations = publication_recommendations(pk)
    return _plain("benchmarks/publication.html", {"recommendations": recommendations})


def prioritisation_rows(round_id: int, focus_area_id: int | None = None) -> list[dict]:
    """A prioritisation round's activities (of one focus area, for the meeting view) in the
    plan's order, each with its decision and its every mark (voter, colour, comment, suggested
    focus area), in one query: a row per mark, one for an activity that has none."""
    activity, area, plan_area = (
        Activity._meta.db_table,
        FocusArea._meta.db_table,
        PlanFocusArea._meta.db_table,
    )
    mark, voter, decision = Mark._meta.db_table, Voter._meta.db_table, Decision._meta.db_table
    user, round_, scope = (
        User._meta.db_table,
        Round._meta.db_table,
        Round.focus_areas.through._meta.db_table,
    )
    area_filter = "AND a.focus_area_id = %s" if focus_area_id is not None else ""
    sql = f"""
        SELECT a.id, a.title, fa.name, d.priority, du.full_name, d.decided_at,
               v.name, m.colour, m.comment, mt.name
        FROM {round_} r
        JOIN {activity} a ON a.plan_id = r.plan_id
        JOIN {area} fa ON fa.id = a.focus_area_id
        LEFT JOIN {plan_area} pfa ON pfa.plan_id = a.plan_id AND pfa.focus_area_id = fa.id
        LEFT JOIN {decision} d ON d.round_id = r.id AND d.activity_id = a.id
        LEFT JOIN {user} du ON du.id = d.decided_by_id
        LEFT JOIN ({mark} m JOIN {voter} v ON v.id = m.voter_id)
            ON m.activity_id = a.id AND v.round_id = r.id
        LEFT JOIN {area} mt ON mt.id = m.move_to_id
        WHERE r.id = %s {area_filter}
          AND (NOT EXISTS (SELECT 1 FROM {scope} s WHERE s.round_id = r.id)
               OR a.focus_area_id IN (SELECT s.focusarea_id FROM {scope} s
                                      WHERE s.round_id = r.id))
        ORDER BY pfa."order", pfa.id, a."order", a.id, v.name, v.id
    """  # noqa: S608 (table names from the models, values as parameters)
    params = [round_id] + ([focus_area_id] if focus_area_id is not None else [])
    keys = ("activity_id", "title", "area", "priority", "decided_by", "decided_at", "voter",
            "colour", "comment", "move_to")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def prioritisation_floor(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    area = request.GET.get("omrade", "")
    rows = prioritisation_rows(pk, int(area) if area.isdigit() else None)
    return _plain("benchmarks/prioritisation.html", {"rows": rows})


def background_floor(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The least Django can do for a logged-in request a page makes by itself: read the
    session and its user (the middleware's two queries), answer nothing. Like the live poll,
    it is no activity of the person (the idle timeout's stamp is not written)."""
    request.vkr_background = True
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    return HttpResponse(status=204)


def floor_url(name: str, *args, query: str = "", **kwargs) -> str:
    """A floor's URL (a name of benchmark_urls.floor_patterns), with `query` after a "?"."""
    from django.urls import reverse

    url = reverse(f"floors:{name}", args=args, kwargs=kwargs, urlconf="vkr_portal.benchmark_urls")
    return f"{url}?{query}" if query else url
