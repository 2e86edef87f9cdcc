import datetime
from decimal import Decimal

from django.template import Context, Template

from caolocculture import formatting
from caolocculture.text import clean_line, fold, vietnamese_key


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


class TestRatioPercent:
    """A value printed beside a verdict is never rounded across the target (issue 14)."""

    def test_a_ratio_short_of_the_target_is_cut_not_rounded_up_to_it(self):
        # 2873/2962 = 96,9953… %: rounded it reads 97,00 % beside "≥ 97 % — chưa đạt".
        assert formatting.percent(formatting.ratio_percent(2873, 2962, Decimal(97))) == "96,99\u00a0%"
        assert formatting.percent(formatting.ratio_percent(96997, 100000, Decimal(97))) == "96,99\u00a0%"
        assert formatting.percent(formatting.ratio_percent(99999, 100000, Decimal(100))) == "99,99\u00a0%"

    def test_a_ratio_that_does_not_cross_is_rounded_half_up(self):
        assert formatting.percent(formatting.ratio_percent(2870, 2950, Decimal(97))) == "97,29\u00a0%"
        assert formatting.percent(formatting.ratio_percent(1, 32, Decimal(97))) == "3,13\u00a0%"
        assert formatting.percent(formatting.ratio_percent(2, 3, Decimal(50))) == "66,67\u00a0%"
        assert formatting.percent(formatting.ratio_percent(96996, 100000, Decimal(50))) == "97,00\u00a0%"

    def test_a_ratio_that_meets_is_never_shown_below_the_target(self):
        assert formatting.percent(formatting.ratio_percent(2874, 2962, Decimal(97))) == "97,03\u00a0%"
        assert formatting.percent(formatting.ratio_percent(97, 100, Decimal(97))) == "97,00\u00a0%"
        # "> 60 %": 60,004 % is met, and shown with the decimals that say so.
        assert formatting.percent(formatting.ratio_percent(60004, 100000, Decimal(60), strict=True)) == "60,004\u00a0%"
        assert formatting.percent(formatting.ratio_percent(600001, 1000000, Decimal(60), strict=True)) == (
            "60,0001\u00a0%"
        )
        # 60,00 % is not "> 60 %": shown as it is, beside "chưa đạt".
        assert formatting.percent(formatting.ratio_percent(60, 100, Decimal(60), strict=True)) == "60,00\u00a0%"
        assert formatting.percent(formatting.ratio_percent(59996, 100000, Decimal(60), strict=True)) == "60,00\u00a0%"

    def test_targets_with_decimals_and_nothing_to_divide_by(self):
        assert formatting.percent(formatting.ratio_percent(2909, 3000, Decimal("96.97"))) == "96,96\u00a0%"
        assert formatting.percent(formatting.ratio_percent(2910, 3000, Decimal("96.97"))) == "97,00\u00a0%"
        assert formatting.ratio_percent(0, 0, Decimal(97)) is None
        assert formatting.percent(formatting.ratio_percent(0, 0, Decimal(97))) == "–"
        assert formatting.percent(formatting.ratio_percent(0, 5, Decimal(97))) == "0,00\u00a0%"


def test_vietnamese_order_follows_the_alphabet_then_the_tones():
    words = ["b", "ạ", "â", "a", "ã", "à", "ă", "á", "ả", "đ", "d", "e"]
    assert sorted(words, key=vietnamese_key) == ["a", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "d", "đ", "e"]
    names = ["Thôn 10", "Xã Ơn", "Thôn 2", "Xã Ô Mai", "Xã Ái Quốc", "Xã An Bình"]
    assert sorted(names, key=vietnamese_key) == ["Thôn 2", "Thôn 10", "Xã Ái Quốc", "Xã An Bình", "Xã Ô Mai", "Xã Ơn"]
