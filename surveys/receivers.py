"""A safety net for the remembered survey structure (surveys.selectors.structure).

The building services raise `Survey.structure_version` themselves, also where they write
with `bulk_create`, `.update()` or a queryset's `.delete()`. Any other `.save()` or
`.delete()` of a section, question, option, scale or scale step (the Django admin, a shell,
a loader) raises it here, in the writer's transaction, for every survey it shows in. A write
with `.update()` or `bulk_create` outside the services sends no signal: it must call
`services.building._structure_changed(survey_id)` itself.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

DISPATCH_UID = "surveys.structure_changed"


def _bump(surveys) -> None:
    surveys.update(structure_version=F("structure_version") + 1)


def _cascading_from_survey(kwargs) -> bool:
    """A post_delete sent because its survey is being deleted: nothing left to bump."""
    from .models import Survey

    origin = kwargs.get("origin")
    model = getattr(origin, "model", type(origin))
    return model is Survey


def section_changed(sender, instance, **kwargs) -> None:
    from .models import Survey

    if not _cascading_from_survey(kwargs):
        _bump(Survey.objects.filter(pk=instance.survey_id))


def question_changed(sender, instance, **kwargs) -> None:
    from .models import Survey

    if not _cascading_from_survey(kwargs):
        _bump(Survey.objects.filter(sections__id=instance.section_id))


def option_changed(sender, instance, **kwargs) -> None:
    from .models import Survey

    if not _cascading_from_survey(kwargs):
        _bump(Survey.objects.filter(sections__questions__id=instance.question_id))


def scale_changed(sender, instance, **kwargs) -> None:
    """A scale (or one of its steps): every survey with a question on it."""
    from .models import Scale, Survey

    scale_id = instance.pk if isinstance(instance, Scale) else instance.scale_id
    surveys = Survey.objects.filter(sections__questions__scale_id=scale_id)
    _bump(Survey.objects.filter(pk__in=surveys.values("pk")))


def connect() -> None:
    """Called from SurveysConfig.ready()."""
    from .models import Option, Question, Scale, ScaleStep, Section

    receivers = [
        (Section, section_changed),
        (Question, question_changed),
        (Option, option_changed),
        (Scale, scale_changed),
        (ScaleStep, scale_changed),
    ]
    for model, receiver in receivers:
        for signal in (post_save, post_delete):
            uid = f"{DISPATCH_UID}.{model.__name__}.{signal is post_save}"
            signal.connect(receiver, sender=model, dispatch_uid=uid)
