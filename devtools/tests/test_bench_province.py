"""`bench --province` builds a province inside PostgreSQL, measures its pages and leaves nothing."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from conftest import require_service
from households.models import Commune, Household
from reports.models import CommuneYearRollup

pytestmark = pytest.mark.django_db


def test_the_province_bench_reports_the_province_and_rolls_everything_back():
    require_service(connection.vendor == "postgresql", "PostgreSQL (the province's rows are made by generate_series)")
    out = io.StringIO()

    call_command("bench", "--only-province", "--communes", "3", "--households", "450", "--years", "2", stdout=out)

    province = json.loads(out.getvalue())["province"]
    assert (province["communes"], province["households"], province["rollups"]) == (3, 450, 3)
    assert province["years"] == [2023, 2024]
    assert province["province_dashboard"]["queries"] <= 15
    assert province["province_dashboard"]["queries"] == province["province_dashboard_after_a_change"]["queries"]
    assert province["commune_households"] == 150
    for figure in ("province_dashboard", "province_json"):
        assert province[figure]["floor_sql_ms"] > 0 and province[figure]["ratio_to_floor"] > 0
    assert province["province_dashboard"]["rollup_select_ms"] > 0
    assert not Commune.objects.exists() and not Household.objects.exists()
    assert not CommuneYearRollup.objects.exists()
