from django.db import migrations


def load(apps, schema_editor):
    from surveys.defaults import default_scale_load

    default_scale_load(apps.get_model("surveys", "Scale"), apps.get_model("surveys", "ScaleStep"))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
