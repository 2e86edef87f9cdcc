"""Existing codes in the one spelling imports and forms now use (households.models.normalize_code).

Only where it is safe: a code whose normal form another household already holds (or that two
codes would share) is left as it is, for the officer to resolve; the migration prints them.
History rows are not written: the visible value does not change for anyone reading it."""

from django.db import migrations


def normalize_codes(apps, schema_editor):
    from households.models import normalize_code
    from caolocculture.text import fold

    Household = apps.get_model("households", "Household")
    codes = dict(Household.objects.values_list("code", "pk"))
    wanted: dict[str, list[int]] = {}
    for code, pk in codes.items():
        normal = normalize_code(code)
        if normal != code:
            wanted.setdefault(normal, []).append(pk)
    skipped = []
    for normal, pks in wanted.items():
        if len(pks) > 1 or normal in codes:
            skipped.extend(pks)
            continue
        household = Household.objects.get(pk=pks[0])
        household.code = normal
        household.search_text = fold(f"{normal} {household.head_name} {household.address}")
        household.save(update_fields=["code", "search_text"])
    if skipped:
        kept = sorted(Household.objects.filter(pk__in=skipped).values_list("code", flat=True))
        print(f"\n  Mã hộ trùng sau khi chuẩn hóa, giữ nguyên: {kept}")


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0007_import_touched_at"),
    ]

    operations = [
        migrations.RunPython(normalize_codes, migrations.RunPython.noop),
    ]
