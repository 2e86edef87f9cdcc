"""Titles imported before this release had no decision: each gets the commune's
"hồ sơ trước khi dùng phần mềm" recorded decision of its title and year."""

from django.db import migrations, models
import django.db.models.deletion

BEFORE_APP = "Hồ sơ trước khi dùng phần mềm"


def attach(apps, schema_editor):
    Decision = apps.get_model("recognition", "Decision")
    Recognition = apps.get_model("recognition", "Recognition")
    orphans = Recognition.objects.filter(decision__isnull=True)
    # One UPDATE per commune, title and year, whatever the number of titles.
    for path in ("household__block__commune", "block__commune", "organisation__commune"):
        keys = orphans.filter(**{f"{path}__isnull": False}).values_list(path, "title", "year").distinct()
        for commune_id, title, year in list(keys):
            decision = Decision.objects.get_or_create(
                commune_id=commune_id,
                title=title,
                year=year,
                kind="recorded",
                number=None,
                defaults={"grounds": BEFORE_APP, "issuing_body": BEFORE_APP},
            )[0]
            orphans.filter(**{path: commune_id}, title=title, year=year).update(decision=decision, source="imported")


class Migration(migrations.Migration):
    dependencies = [("recognition", "0006_decisions_of_every_kind")]

    operations = [
        migrations.RunPython(attach, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="recognition",
            name="decision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="recognitions",
                to="recognition.decision",
                verbose_name="quyết định",
            ),
        ),
    ]
