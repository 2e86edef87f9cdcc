"""Spreadsheets leaving the app carry no live formula: text a spreadsheet would run
(=HYPERLINK(…), a DDE call =cmd|…, +, -, @) goes out as text in the app's own Excel files and
in every format of the admin's export."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from import_export.admin import ExportMixin
from openpyxl import load_workbook

from campaigns.models import Activity
from caolocculture.admin_site import SafeExportMixin
from caolocculture.spreadsheets import formula_escaped, looks_like_formula
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, OrganisationFactory

PAYLOADS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(1)"]


def test_the_rule():
    assert all(looks_like_formula(p) for p in PAYLOADS)
    assert looks_like_formula("\t=1+1") and looks_like_formula("\r=1")
    assert not looks_like_formula("Hội nghị 18/11") and not looks_like_formula(12) and not looks_like_formula("")
    assert formula_escaped("=1+1") == "'=1+1" and formula_escaped("Khối 1") == "Khối 1" and formula_escaped(5) == 5


def _cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_all_text(content: bytes, payloads=PAYLOADS):
    """Every payload is in the file, as a text cell; no cell anywhere is a formula."""
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    found = {c.value: c.data_type for c in cells if c.value in payloads}
    assert sorted(found) == sorted(payloads)
    assert set(found.values()) == {"s"}


@pytest.fixture
def activities(plan, blocks):
    return [
        Activity.objects.create(
            plan=plan,
            kind=Activity.Kind.PROPAGANDA,
            held_on=datetime.date(2024, 3, n + 1),
            title=p,
            organiser=p,
            block=blocks[0],
        )
        for n, p in enumerate(PAYLOADS)
    ]


def test_households_export(officer, login, blocks):
    for p in PAYLOADS:
        HouseholdFactory(block=blocks[0], head_name=p, address=p, note=p)
    assert_all_text(login(officer).get(reverse("households:export")).content)


def test_activities_export(officer, login, activities):
    assert_all_text(login(officer).get(reverse("campaigns:activities_export", args=[2024])).content)


def test_organisations_export(officer, login, plan):
    for p in PAYLOADS:
        OrganisationFactory(commune=plan.commune, name=p, address=p)
    assert_all_text(login(officer).get(reverse("campaigns:organisations_export")).content)


def test_figures_template(officer, login, blocks):
    for block, p in zip(blocks, PAYLOADS, strict=False):
        block.name = p
        block.save()
    assert_all_text(login(officer).get(reverse("campaigns:figures_template", args=[2024])).content)


def test_statistics(officer, login, blocks):
    for block, p in zip(blocks, PAYLOADS, strict=False):
        block.name = p
        block.save()
        FamilyRecognitionFactory(household=HouseholdFactory(block=block, head_name=p, address=p))
    assert_all_text(login(officer).get(reverse("reports:statistics", args=[2024])).content)


def _admin_export(client, model: str, fmt: str, fields: list[str]):
    """The admin's export page, as a person fills it in: a format, the resource, its fields."""
    url = reverse(f"admin:campaigns_{model}_export")
    formats = [f.__name__ for f in admin.site.get_model_admin(apps.get_model("campaigns", model)).get_export_formats()]
    data = {"format": str(formats.index(fmt)), "resource": "0", **{f"{model}resource_{f}": "on" for f in fields}}
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response


def test_the_admins_csv_export_escapes_formulae(officer, login, activities):
    response = _admin_export(login(officer), "activity", "CSV", ["title", "organiser", "attendance"])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = [row[0] for row in rows[1:]]
    assert sorted(titles) == sorted("'" + p for p in PAYLOADS)
    assert all(row[1] == row[0] for row in rows[1:])  # the organiser too
    assert {row[2] for row in rows[1:]} == {"0"}  # numbers are left as they are


def test_the_admins_xlsx_export_escapes_formulae(officer, login, activities):
    response = _admin_export(login(officer), "activity", "XLSX", ["title", "attendance", "held_on"])
    assert_all_text(response.content, ["'" + p for p in PAYLOADS])
    cells = _cells(response.content)
    values = [c.value for c in cells]
    assert values.count(0) == len(PAYLOADS)  # numbers and dates are left as they are
    assert sum(isinstance(v, datetime.date) for v in values) == len(PAYLOADS)
    assert None not in values and "None" not in values


def test_the_organisations_admin_export_escapes_formulae(officer, login, plan):
    OrganisationFactory(commune=plan.commune, name="=1+1")
    response = _admin_export(login(officer), "organisation", "CSV", ["name"])
    assert "'=1+1" in response.content.decode()


def test_every_admin_export_escapes_formulae():
    """A new admin with an export uses the escaping one, not django-import-export's bare mixin."""
    exporting = [type(a).__name__ for a in admin.site._registry.values() if isinstance(a, ExportMixin)]
    assert exporting and all(
        isinstance(a, SafeExportMixin) for a in admin.site._registry.values() if isinstance(a, ExportMixin)
    )
