import datetime
from decimal import Decimal

from django.template import Context, Template

from caolocculture import formatting
from caolocculture.text import clean_line, fold


def test_numbers_are_written_the_vietnamese_way():
    assert formatting.number(2950) == "2.950"
    assert formatting.number(1234567) == "1.234.567"
    assert formatting.percent(Decimal("97.29")) == "97,29\u00a0%"
    assert formatting.percent(None) == "–"
    assert formatting.target_percent(Decimal("97.00")) == "97\u00a0%"
    assert formatting.target_percent(Decimal("62.50")) == "62,5\u00a0%"


def test_dates_are_written_the_vietnamese_way():
    assert formatting.date(datetime.date(2024, 11, 25)) == "25/11/2024"
    assert formatting.long_date("Cao Lộc", datetime.date(2024, 12, 20)) == "Cao Lộc, ngày 20 tháng 12 năm 2024"
    # Nghị định 30/2020: days under 10 and the months 1 and 2 take a leading zero, no other month.
    assert formatting.long_date("Cao Lộc", datetime.date(2024, 3, 5)) == "Cao Lộc, ngày 05 tháng 3 năm 2024"
    assert formatting.long_date("Cao Lộc", datetime.date(2025, 1, 9)) == "Cao Lộc, ngày 09 tháng 01 năm 2025"


def test_templates_write_dates_decimals_and_counts_the_vietnamese_way():
    html = Template("{% load vn %}{{ d }} {{ year }} {{ x }} {{ n|vn_number }} {{ x|vn_percent }}").render(
        Context({"d": datetime.date(2024, 11, 25), "year": 2024, "n": 2950, "x": Decimal("97.29")})
    )
    # A bare number (a year, an id) is never grouped: "2024", not "2.024".
    assert html == "25/11/2024 2024 97,29 2.950 97,29\u00a0%"


def test_text_is_cleaned_and_folded():
    assert clean_line("  Nguye\u0302\u0303n   Văn\tA ") == "Nguyễn Văn A"
    assert fold("KHỐI Phố  1") == "khoi pho 1"
    assert fold("Đặng") == "dang"
