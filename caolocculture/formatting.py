"""Numbers and dates the way Vietnamese papers write them: 25/11/2024,
2.950 hộ, 97,29 %. Used by templates, commands and printed papers alike."""

import datetime
from decimal import Decimal

from django.utils import numberformat

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
    """'97,29 %'; a dash when there is nothing to divide by."""
    if value is None:
        return "–"
    return f"{number(value, 2)}\u00a0%"  # a no-break space keeps "97,29 %" on one line


def date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def document_number(number: int | None, symbol: str) -> str:
    """'05/QĐ-UBND': Nghị định 30/2020 pads numbers under 10 with a zero; blank until numbered."""
    return f"{number:02d}/{symbol}" if number else "\u00a0" * 6 + f"/{symbol}"


def long_date(place: str, value: datetime.date) -> str:
    """'Cao Lộc, ngày 05 tháng 3 năm 2024': Nghị định 30/2020 pads days under 10
    and the months 1 and 2 with a zero, no other month."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def target_percent(value: Decimal) -> str:
    """A target as the plan writes it: '97 %', '62,5 %'."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{number(int(value))}\u00a0%"
    return f"{number(value.normalize())}\u00a0%"


def sentence(text) -> str:
    """First letter up, the rest as written ('số người tập TDTT' -> 'Số người tập TDTT')."""
    text = str(text)
    return text[:1].upper() + text[1:]
