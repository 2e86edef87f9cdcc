# A household code is unique in its commune, no longer in the installation: the household keeps
# its block's commune on its row (filled here from the block), and (commune, code) is unique.

import django.db.models.deletion
from django.db import migrations, models

import caolocculture.fields


def fill_commune(apps, schema_editor):
    Household = apps.get_model("households", "Household")
    Block = apps.get_model("households", "Block")
    for block_id, commune_id in Block.objects.values_list("pk", "commune_id"):
        Household.objects.filter(block_id=block_id).update(commune_id=commune_id)


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0003_communes_and_province"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalhousehold",
            name="commune",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="households.commune",
                verbose_name="đơn vị",
            ),
        ),
        migrations.AddField(
            model_name="household",
            name="commune",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="households",
                to="households.commune",
                verbose_name="đơn vị",
            ),
        ),
        migrations.RunPython(fill_commune, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="household",
            name="commune",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="households",
                to="households.commune",
                verbose_name="đơn vị",
            ),
        ),
        migrations.AlterField(
            model_name="historicalhousehold",
            name="code",
            field=caolocculture.fields.LineField(max_length=30, verbose_name="mã hộ"),
        ),
        migrations.AlterField(
            model_name="household",
            name="code",
            field=caolocculture.fields.LineField(max_length=30, verbose_name="mã hộ"),
        ),
        migrations.AddConstraint(
            model_name="household",
            constraint=models.UniqueConstraint(fields=("commune", "code"), name="household_code_unique_in_commune"),
        ),
    ]
