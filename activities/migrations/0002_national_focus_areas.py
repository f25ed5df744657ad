from django.db import migrations


def load(apps, schema_editor):
    from activities.catalogue import national_focus_areas_load

    national_focus_areas_load(apps.get_model("activities", "FocusArea"))


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
