"""Numbers the Vietnamese way, everywhere: "1.000" người is a thousand in every form,
admin page and JSON endpoint; what cannot be read for sure is refused, naming what
was typed."""

import datetime
import importlib
import inspect
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from campaigns.forms import CulturalHouseForm, PlanForm
from campaigns.models import BudgetLine
from caolocculture import formatting
from caolocculture.forms import VietDecimalField, VietIntegerField, VietYearField
from caolocculture.numbers import decimal_max, parse_decimal, parse_integer
from recognition import services
from recognition.models import MeetingResult
from testing.factories import HouseholdFactory

ROOT = Path(__file__).resolve().parents[2]


def refusal(parse, text, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        parse(text, **kwargs)
    return " ".join(caught.value.messages)


# -- the reader -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234", 1234),
        ("1.234", 1234),
        ("1 234", 1234),
        ("1\u00a0234", 1234),  # the no-break space Excel and phones put between groups
        ("15.000.000", 15_000_000),
        ("15 000 000", 15_000_000),
        ("1.000", 1000),
        (" 1.000 ", 1000),
        ("0", 0),
        ("2024", 2024),
        (42, 42),  # a JSON number
        ("2.147.483.647", 2_147_483_647),
    ],
)
def test_integers_are_read_the_vietnamese_way(text, value):
    assert parse_integer(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12OO", '"12OO" không phải số nguyên. Viết số như 1.234 hoặc 1234.'),
        ("1,5", '"1,5" có dấu phẩy, mà ô này chỉ nhận số nguyên. Viết số như 1.234 hoặc 1234.'),
        ("1,234", '"1,234" có dấu phẩy, mà ô này chỉ nhận số nguyên.'),
        ("1.2.3", '"1.2.3" không rõ: dấu chấm hoặc dấu cách tách hàng nghìn phải đứng trước đúng ba chữ số'),
        ("97.5", '"97.5" không rõ'),
        ("1.23", '"1.23" không rõ'),
        ("12 34", '"12 34" không rõ'),
        ("1.234 567", '"1.234 567" không rõ'),  # one separator throughout
        ("0.500", '"0.500" không rõ'),
        ("12,5 triệu", '"12,5 triệu": hãy viết đủ bằng chữ số, không viết "triệu", "nghìn" (ví dụ 12.500.000).'),
        ("5k", '"5k": hãy viết đủ bằng chữ số'),
        ("-", '"-" không phải số nguyên.'),
        ("-5", '"-5" là số âm; ô này không nhận số âm.'),
        ("", "Chưa nhập số."),
        ("2.147.483.648", '"2.147.483.648" lớn quá: tối đa 2.147.483.647.'),
        ("9" * 5000, "lớn quá: tối đa 9.223.372.036.854.775.807."),  # never int() on it
        ("²", '"²" không phải số nguyên.'),
        ("١٢", '"١٢" không phải số nguyên.'),  # digits, but not the ones anyone here types
        (12.0, '"12.0" không phải số nguyên.'),  # a JSON float is not taken for a count
        (True, '"True" không phải số nguyên.'),
        (None, "Chưa nhập số."),
    ],
)
def test_integers_that_cannot_be_read_for_sure_are_refused_naming_what_was_typed(text, message):
    assert message in refusal(parse_integer, text)


def test_integer_bounds_are_the_fields():
    assert parse_integer("-5", min_value=None) == -5
    assert refusal(parse_integer, "100", min_value=1, max_value=99) == '"100" lớn quá: tối đa 99.'
    assert refusal(parse_integer, "1.999", min_value=2000, max_value=2100) == '"1.999" nhỏ quá: tối thiểu 2.000.'
    assert refusal(parse_integer, "1999", min_value=2000, grouped=False) == '"1999" nhỏ quá: tối thiểu 2000.'


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("97,5", Decimal("97.5")),
        ("97,25", Decimal("97.25")),
        ("97", Decimal("97")),
        ("0,5", Decimal("0.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1.000", Decimal("1000")),  # a dot before three digits is a thousand, in a decimal field too
        ("97,50", Decimal("97.50")),
        ("97,500", Decimal("97.50")),  # the same number, in the places the column keeps
        (Decimal("62.5"), Decimal("62.5")),
    ],
)
def test_decimals_take_a_comma(text, value):
    assert parse_decimal(text, 2) == value


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("97.5", {}, '"97.5" không rõ: phần thập phân viết sau dấu phẩy (97,5); dấu chấm chỉ tách hàng nghìn (1.234).'),
        ("0.500", {}, '"0.500" không rõ: phần thập phân viết sau dấu phẩy'),
        ("1.2.3", {}, '"1.2.3" không rõ: dấu chấm hoặc dấu cách tách hàng nghìn'),
        ("1.234.5", {}, '"1.234.5" không rõ: dấu chấm hoặc dấu cách tách hàng nghìn'),
        ("97,555", {}, '"97,555" có quá 2 chữ số sau dấu phẩy.'),  # refused, never rounded
        ("12,5 triệu", {}, '"12,5 triệu": hãy viết đủ bằng chữ số'),
        ("12OO", {}, '"12OO" không phải số. Viết số như 1.234 hoặc 97,5.'),
        (",5", {}, '",5" không phải số.'),
        ("97,", {}, '"97," không phải số.'),
        ("-1", {}, '"-1" là số âm; ô này không nhận số âm.'),
        ("100,01", {"max_value": 100}, '"100,01" lớn quá: tối đa 100.'),
        ("1.000", {"max_digits": 5}, '"1.000" lớn quá: tối đa 999,99.'),
        ("NaN", {}, '"NaN" không phải số.'),
    ],
)
def test_decimals_that_cannot_be_read_for_sure_are_refused(text, kwargs, message):
    assert message in refusal(parse_decimal, text, decimal_places=2, **kwargs)


def test_djangos_own_field_is_why():
    """The bug this module exists for: Django's IntegerField drops a decimal part of zeros."""
    assert forms.IntegerField().clean("1.000") == 1
    assert VietIntegerField().clean("1.000") == 1000


def test_fields_show_numbers_back_the_vietnamese_way():
    assert VietIntegerField().prepare_value(15_000_000) == "15.000.000"
    assert VietIntegerField().prepare_value("15.000.000 as typed") == "15.000.000 as typed"
    assert VietYearField().prepare_value(2024) == "2024"
    assert VietDecimalField(decimal_places=2).prepare_value(Decimal("97.50")) == "97,5"
    assert VietDecimalField(decimal_places=2).prepare_value(Decimal("50.00")) == "50"
    html = str(VietIntegerField().widget.render("planned_vnd", VietIntegerField().prepare_value(15_000_000)))
    assert 'type="text"' in html and 'inputmode="numeric"' in html and 'value="15.000.000"' in html
    assert 'inputmode="decimal"' in VietDecimalField().widget.render("x", "97,5")


# -- every form of the project --------------------------------------------------------


def _form_classes():
    """Every form (and formset's form) defined in an app's forms.py."""
    for path in sorted(ROOT.glob("*/forms.py")):
        module = importlib.import_module(f"{path.parent.name}.forms")
        for name, value in vars(module).items():
            if not inspect.isclass(value):
                continue
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", value
            elif issubclass(value, forms.BaseFormSet) and hasattr(value, "form"):
                yield f"{module.__name__}.{name}", value.form


def _admin_form_classes(user):
    request = RequestFactory().get("/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        label = f"admin.{model.__name__}"
        yield label, model_admin.get_form(request, fields=None)
        for inline in model_admin.inlines:
            yield f"{label}.{inline.__name__}", inline(model, admin.site).get_formset(request, fields=None).form


NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)


def _number_fields(classes):
    for label, form_class in classes:
        for name, field in form_class.base_fields.items():
            if isinstance(field, NUMBER_FIELDS):
                yield pytest.param(field, id=f"{label}.{name}")


FORM_NUMBER_FIELDS = list(_number_fields(_form_classes()))


def test_every_form_was_found():
    """The discovery below is not vacuous: the fields the issue named are in it."""
    ids = {p.id for p in FORM_NUMBER_FIELDS}
    assert {
        "campaigns.forms.FiguresForm.population",
        "campaigns.forms.BudgetLineForm.planned_vnd",
        "campaigns.forms.ActivityForm.attendance",
        "campaigns.forms.TargetFormSet.value",
        "households.forms.HouseholdForm.members",
        "recognition.forms.MeetingForm.present",
        "recognition.forms.DecisionForm.number",
        "campaigns.forms.PlanForm.vote_threshold_percent",
    } <= ids


def _sample(field):
    """A value the field holds, 1000 where it can (the seen bug); else its nearest bound."""
    low = field.min_value if field.min_value is not None else 0
    high = field.max_value if field.max_value is not None else 10**9
    if isinstance(field, VietDecimalField) and field.max_digits is not None:
        high = min(high, decimal_max(field.max_digits, field.decimal_places))
    return min(max(Decimal(1000), Decimal(low)), Decimal(high))


def check_number_field(field):
    assert isinstance(field, VietIntegerField | VietDecimalField), f"{type(field).__name__} reads '1.000' as 1"
    assert not isinstance(field.widget, forms.NumberInput), "type=number refuses '1.000' in the browser"
    value = _sample(field)
    if isinstance(field, VietIntegerField):
        value = int(value)
        if value == 1000:
            assert field.clean("1.000") == 1000
        typed = str(value) if isinstance(field, VietYearField) else formatting.number(value)
        assert field.clean(typed) == value
        assert field.clean(str(value)) == value
        assert "không phải số nguyên" in refusal(field.clean, "12OO")
    else:
        if value == 1000:
            assert field.clean("1.000") == 1000
        if field.decimal_places and Decimal("97.5") <= (field.max_value or Decimal(100)):
            assert field.clean("97,5") == Decimal("97.5")
            assert "không rõ" in refusal(field.clean, "97.5")
        assert field.clean(formatting.number(value)) == value


@pytest.mark.parametrize("field", FORM_NUMBER_FIELDS)
def test_every_form_number_field_reads_the_vietnamese_way(field):
    check_number_field(field)


def test_every_admin_number_field_reads_the_vietnamese_way(officer):
    fields = list(_number_fields(_admin_form_classes(officer)))
    assert {"admin.Funding.BudgetLineInline.planned_vnd", "admin.BlockFigures.population"} <= {p.id for p in fields}
    for param in fields:
        check_number_field(param.values[0])


def test_years_are_years():
    assert isinstance(CulturalHouseForm.base_fields["in_use_since"], VietYearField)
    assert isinstance(PlanForm.base_fields["phase_start"], VietYearField)
    assert not isinstance(PlanForm.base_fields["exemplary_years"], VietYearField)  # a count of years


# -- pages and JSON -------------------------------------------------------------------


@pytest.mark.django_db
def test_money_typed_with_dots_is_stored_whole_and_shown_back(plan, officer, login):
    client = login(officer)
    state = plan.fundings.get(source="state_budget")
    response = client.post(
        "/ke-hoach/2024/kinh-phi/them/",
        {"funding": state.pk, "name": "Hội nghị tổng kết", "planned_vnd": "15.000.000", "spent_vnd": "1 500 000"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.planned_vnd, line.spent_vnd) == (15_000_000, 1_500_000)
    assert "15.000.000" in client.get("/ke-hoach/2024/kinh-phi/").content.decode()
    form_page = client.get(f"/ke-hoach/2024/kinh-phi/{line.pk}/").content.decode()
    assert 'value="15.000.000"' in form_page and 'value="1.500.000"' in form_page

    refused = client.post(
        f"/ke-hoach/2024/kinh-phi/{line.pk}/",
        {"funding": state.pk, "name": "Hội nghị tổng kết", "planned_vnd": "12,5 triệu", "spent_vnd": "0"},
    )
    assert refused.status_code == 400
    assert "&quot;12,5 triệu&quot;: hãy viết đủ bằng chữ số" in refused.content.decode()
    assert 'value="12,5 triệu"' in refused.content.decode()  # what was typed stays for correcting
    line.refresh_from_db()
    assert line.planned_vnd == 15_000_000


@pytest.mark.django_db
def test_text_over_a_fields_length_is_refused_with_its_limit(plan, officer, login):
    state = plan.fundings.get(source="state_budget")
    response = login(officer).post(
        "/ke-hoach/2024/kinh-phi/them/", {"funding": state.pk, "name": "x" * 256, "planned_vnd": "0", "spent_vnd": "0"}
    )
    assert response.status_code == 400
    assert "tối đa 255 kí tự (hiện có 256)" in response.content.decode()
    assert not BudgetLine.objects.exists()


@pytest.fixture
def meeting(plan, blocks, khoi1):
    HouseholdFactory.create_batch(2, block=blocks[0])
    meeting, _ = services.meeting_open(
        block=blocks[0],
        year=2024,
        by=khoi1,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19)),
        place="Nhà văn hóa",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    return meeting


@pytest.mark.django_db
def test_meeting_results_read_votes_the_vietnamese_way(login, khoi1, meeting):
    client = login(khoi1)
    household = meeting.block.households.first()

    def post(agreed, **extra):
        return client.post(
            reverse("recognition:result", args=[meeting.pk]),
            json.dumps({"household": household.pk, "agreed": agreed, **extra}),
            content_type="application/json",
        )

    refused = post("12OO")
    assert refused.status_code == 400
    assert refused.json()["error"] == '"12OO" không phải số nguyên. Viết số như 1.234 hoặc 1234.'
    assert post(-1).json()["error"] == '"-1" là số âm; ô này không nhận số âm.'
    assert post(12.5).status_code == 400
    assert not MeetingResult.objects.exists()
    assert post(20, version=meeting.version).status_code == 200
    assert MeetingResult.objects.get().agreed == 20
    meeting.refresh_from_db()
    assert post("25", version=meeting.version).status_code == 200
    assert MeetingResult.objects.get().agreed == 25
