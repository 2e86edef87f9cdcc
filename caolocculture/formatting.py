"""Numbers and dates the way Vietnamese papers write them: 25/11/2024,
2.950 hộ, 97,29 %. Used by templates, commands and printed papers alike."""

import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import numberformat
from django.utils.translation import gettext as _

# Vietnamese: thousands with a dot, decimals with a comma (caolocculture/formats/vi/formats.py).
DECIMAL_SEPARATOR, THOUSAND_SEPARATOR = ",", "."


def number(value, decimals: int | None = None) -> str:
    """'2.950', '97,29'. The separators are given rather than looked up through the active
    language: a district's dashboard writes a few thousand numbers per page."""
    if value is None:
        return "–"
    return str(
        numberformat.format(
            value,
            DECIMAL_SEPARATOR,
            decimal_pos=decimals,
            grouping=3,
            thousand_sep=THOUSAND_SEPARATOR,
            force_grouping=True,
            use_l10n=True,
        )
    )


def percent(value: Decimal | float | None) -> str:
    """'97,29 %'; a dash when there is nothing to divide by. Two decimals, or the value's own
    when it has more (a ratio kept from crossing its target: '60,004 %', see ratio_percent)."""
    if value is None:
        return "–"
    places = 2
    if isinstance(value, Decimal) and value.is_finite():
        places = max(2, -int(value.as_tuple().exponent))
    return f"{number(value, places)}\u00a0%"  # a no-break space keeps "97,29 %" on one line


MAX_PLACES = 12


def ratio_percent(numerator: int, denominator: int, target: Decimal | None, *, strict: bool = False) -> Decimal | None:
    """numerator/denominator as a percentage to print beside its verdict against `target`
    (met when the ratio is ≥ target, or > target when `strict`): two decimals rounded half-up,
    unless that would cross the target and contradict the verdict. Then a ratio that falls
    short is cut, not rounded (2873/2962 = 96,9953 % beside "≥ 97 %" is 96,99, never 97,00),
    and one that passes a strict target gets the decimals that show it (60,004 % beside
    "> 60 %", not 60,00). None when there is nothing to divide by."""
    if not denominator:
        return None
    exact = Fraction(numerator * 100, denominator)
    if target is None:  # a goal without a figure: nothing to cross, plain rounding
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    target = Decimal(target)
    met = exact > Fraction(target) if strict else exact >= Fraction(target)

    def shown(places: int, rounding: str) -> Decimal:
        step = Decimal(1).scaleb(-places)
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(step, rounding=rounding)

    def agrees(value: Decimal) -> bool:
        return (value > target if strict else value >= target) == met

    value = shown(2, ROUND_HALF_UP)
    if agrees(value):
        return value
    if not met:
        return shown(2, ROUND_DOWN)  # below the target once cut: the target has two decimals
    for places in range(3, MAX_PLACES + 1):
        value = shown(places, ROUND_DOWN)
        if agrees(value):
            return value
    return value + Decimal(1).scaleb(-MAX_PLACES)  # a ratio above the target by less than 10⁻¹²


def date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def document_number(number: int | None, symbol: str) -> str:
    """'05/QĐ-UBND': Nghị định 30/2020 pads numbers under 10 with a zero; blank until numbered."""
    return f"{number:02d}/{symbol}" if number else "\u00a0" * 6 + f"/{symbol}"


def long_date(place: str, value: datetime.date | None) -> str:
    """'Cao Lộc, ngày 05 tháng 3 năm 2024': Nghị định 30/2020 pads days under 10
    and the months 1 and 2 with a zero, no other month. A paper's date is its event's; when
    that is not known yet the line is left to fill by hand, never today's date."""
    if value is None:
        return f"{place}, ngày … tháng … năm …"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def target_percent(value: Decimal | None) -> str:
    """A target as the plan writes it: '97 %', '62,5 %'; 'theo dõi' where the plan sets no figure."""
    if value is None:
        return str(_("theo dõi"))
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{number(int(value))}\u00a0%"
    return f"{number(value.normalize())}\u00a0%"


def sentence(text) -> str:
    """First letter up, the rest as written ('số người tập TDTT' -> 'Số người tập TDTT')."""
    text = str(text)
    return text[:1].upper() + text[1:]
