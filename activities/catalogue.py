"""The national catalogue of focus areas, the ones every council chooses from.

Loaded by a data migration and by the reference-data command; names are the national
council's own. A council may add focus areas of its own besides these.
"""

# (order, name, short name, description)
NATIONAL_FOCUS_AREAS = [
    (1, "Verksamhetsförlagd utbildning (VFU)", "VFU",
     "Verksamhetsförlagd utbildning: studenternas kliniska placeringar hos huvudmännen."),
    (2, "Fortbildning", "Fortbildning",
     "Fortbildning och kompetensutveckling för yrkesverksamma."),
    (3, "Stimulera och integrera klinisk forskning", "Klinisk forskning",
     "Klinisk forskning, förenade anställningar och forskarskolor."),
    (4, "God och nära vård", "God och nära vård",
     "Omställningen till en god och nära vård med primärvården som nav."),
    (5, "AT/BT", "AT/BT",
     "Allmäntjänstgöring och bastjänstgöring för läkare."),
]  # fmt: skip


def national_focus_areas_load(focus_area_model) -> int:
    """Create or update the catalogue's focus areas in place; return how many were created."""
    created = 0
    for order, name, short_name, description in NATIONAL_FOCUS_AREAS:
        _, was_created = focus_area_model.objects.update_or_create(
            council=None,
            name=name,
            defaults={"short_name": short_name, "description": description, "order": order},
        )
        created += was_created
    return created
