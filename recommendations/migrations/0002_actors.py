from django.db import migrations

ACTORS = ["regeringen", "regioner", "kommuner", "larosaten", "regionala_rad"]


def actors_load(apps, schema_editor):
    Actor = apps.get_model("recommendations", "Actor")
    for order, code in enumerate(ACTORS, start=1):
        Actor.objects.update_or_create(code=code, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(actors_load, migrations.RunPython.noop)]
