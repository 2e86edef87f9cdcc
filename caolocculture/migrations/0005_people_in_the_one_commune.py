"""An installation that served one commune: its officers, chairmen, steering members and khối
trưởng work in that commune (before issue 16 nobody had one). With several communes, or none,
nobody is guessed: an admin sets each person's commune."""

from django.db import migrations

COMMUNE_ROLES = ["officer", "block_leader", "steering", "chairman"]


def give_the_only_commune(apps, schema_editor):
    Commune = apps.get_model("households", "Commune")
    User = apps.get_model("caolocculture", "User")
    communes = list(Commune.objects.order_by("pk").values_list("pk", flat=True)[:2])
    if len(communes) == 1:
        User.objects.filter(role__in=COMMUNE_ROLES, commune__isnull=True).update(commune_id=communes[0])


class Migration(migrations.Migration):
    dependencies = [
        ("caolocculture", "0004_communes_and_province"),
        ("households", "0003_communes_and_province"),
    ]

    operations = [migrations.RunPython(give_the_only_commune, migrations.RunPython.noop)]
