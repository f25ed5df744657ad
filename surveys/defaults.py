"""The default answer scale: the four levels of the municipal competence-needs survey.

Loaded by a data migration; tests and demo data call the same loader, which is idempotent.
"""

DEFAULT_SCALE_NAME = "Kompetensutvecklingsbehov"
DEFAULT_SCALE_STEPS = ["Akut, vi satsar gärna", "Värdefullt", "Intressant, ej nödvändigt",
                       "Inte aktuellt"]  # fmt: skip


def default_scale_load(scale_model, step_model):
    """Create or update the default scale and its steps in place; return the scale."""
    scale, _ = scale_model.objects.get_or_create(name=DEFAULT_SCALE_NAME)
    for order, label in enumerate(DEFAULT_SCALE_STEPS, start=1):
        step_model.objects.update_or_create(scale=scale, order=order, defaults={"label": label})
    return scale
