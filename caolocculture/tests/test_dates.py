"""Dates typed and shown dd/mm/yyyy whatever the browser's language (issue 14)."""

import datetime

import pytest

from campaigns.forms import ActivityForm
from campaigns.models import Activity
from caolocculture.forms import DateInput, VietDateField

MESSAGE = "Ngày phải viết theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 20/11/2024."


def test_a_date_is_read_dd_mm_yyyy_or_iso_and_nothing_else():
    field = VietDateField()
    assert field.clean("20/11/2024") == datetime.date(2024, 11, 20)
    assert field.clean("2024-11-20") == datetime.date(2024, 11, 20)  # what machines and older pages send
    assert field.clean(" 5/3/2024 ") == datetime.date(2024, 3, 5)
    for typed in ["11/20/2024", "20-11-2024", "20.11.2024", "2024/11/20", "20/11/24", "hôm nay", "31/02/2024"]:
        with pytest.raises(Exception) as refused:
            field.clean(typed)
        assert refused.value.messages == [MESSAGE], typed


def test_the_box_is_text_shown_dd_mm_yyyy_with_the_number_pad():
    html = DateInput().render("held_on", datetime.date(2024, 11, 20))
    assert html == (
        '<input type="text" name="held_on" value="20/11/2024" placeholder="dd/mm/yyyy" inputmode="numeric"'
        ' autocomplete="off" maxlength="10" data-date="">'
    )


@pytest.mark.django_db
def test_model_forms_take_the_vietnamese_date(plan, blocks, khoi1, login):
    assert isinstance(ActivityForm.base_fields["held_on"], VietDateField)
    client = login(khoi1)
    data = {"kind": "legal_education", "title": "Tuyên truyền", "organiser": "Chi hội", "attendance": "45"}
    response = client.post("/hoat-dong/2024/them/", {**data, "block": blocks[0].pk, "held_on": "11/20/2024"})
    assert MESSAGE in response.content.decode() and not Activity.objects.exists()
    client.post("/hoat-dong/2024/them/", {**data, "block": blocks[0].pk, "held_on": "20/11/2024"})
    client.post("/hoat-dong/2024/them/", {**data, "block": blocks[0].pk, "held_on": "2024-11-21"})
    assert sorted(Activity.objects.values_list("held_on", flat=True)) == [
        datetime.date(2024, 11, 20),
        datetime.date(2024, 11, 21),
    ]
    page = client.get(f"/hoat-dong/2024/{Activity.objects.order_by('held_on').first().pk}/sua/").content.decode()
    assert 'value="20/11/2024"' in page
