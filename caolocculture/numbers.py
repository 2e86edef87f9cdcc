"""Numbers as Vietnamese people type them: "1.234", "1 234" and "15.000.000" are
thousands, "97,5" is ninety-seven and a half. One reader for every form, JSON
endpoint and spreadsheet, so "1.000" người is a thousand everywhere.

It refuses rather than guesses: "97.5" (a dot before anything but three digits),
"1,5" in a whole-number field, "12OO", "12,5 triệu" and numbers too big for their
column come back as a message naming what was typed. Nothing is silently changed."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import formatting

# The database's columns (PostgreSQL): what an IntegerField, a BigIntegerField holds.
INT_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807

# Spaces a phone keyboard or Excel may put between groups: no-break, narrow no-break, thin.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
_MINUS = ("-", "\u2212")  # the hyphen and the real minus sign
# Digits whole, or grouped by threes with one separator throughout ("0.500" is no grouping).
_WHOLE = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]{0,2}(?: [0-9]{3})+|[0-9]+"
_MAX_DIGITS = 40
_INTEGER = re.compile(rf"(?P<whole>{_WHOLE})")
_DECIMAL = re.compile(rf"(?P<whole>{_WHOLE})(?:,(?P<fraction>[0-9]+))?")
# Only digits and separators, but not a number by the rules above ("1.2.3", "97.5", "1.23").
_SEPARATORS_ONLY = re.compile(r"[0-9][0-9. ]*[0-9]")
_COMMA_NUMBER = re.compile(r"[0-9][0-9. ]*,[0-9]+")
_WORDS = re.compile(r"[0-9][0-9., ]* ?(triệu|tr|nghìn|ngàn|k|tỷ|tỉ|trăm)\.?", re.IGNORECASE)  # "12,5 triệu", "5k"

MESSAGES = {
    "required": _("Chưa nhập số."),
    "not_integer": _('"%(text)s" không phải số nguyên. Viết số như 1.234 hoặc 1234.'),
    "comma_in_integer": _('"%(text)s" có dấu phẩy, mà ô này chỉ nhận số nguyên. Viết số như 1.234 hoặc 1234.'),
    "grouping": _(
        '"%(text)s" không rõ: dấu chấm hoặc dấu cách tách hàng nghìn phải đứng trước '
        "đúng ba chữ số (1.234, 15.000.000)."
    ),
    "not_decimal": _('"%(text)s" không phải số. Viết số như 1.234 hoặc 97,5.'),
    "dot_decimal": _(
        '"%(text)s" không rõ: phần thập phân viết sau dấu phẩy (97,5); dấu chấm chỉ tách hàng nghìn (1.234).'
    ),
    "words": _('"%(text)s": hãy viết đủ bằng chữ số, không viết "triệu", "nghìn" (ví dụ 12.500.000).'),
    "negative": _('"%(text)s" là số âm; ô này không nhận số âm.'),
    "too_big": _('"%(text)s" lớn quá: tối đa %(limit)s.'),
    "too_small": _('"%(text)s" nhỏ quá: tối thiểu %(limit)s.'),
    "decimal_places": _('"%(text)s" có quá %(places)d chữ số sau dấu phẩy.'),
}


def _refuse(code: str, text: str, **params) -> ValidationError:
    shown = text if len(text) <= 40 else text[:40] + "…"  # the message, not the value, is shortened
    return ValidationError(MESSAGES[code], code=code, params={"text": shown, **params})


def _shown(value, grouped: bool) -> str:
    """A limit as the message writes it: '2.147.483.647', '999,99'; a year as '2100'."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if not grouped:
        return str(value)
    return formatting.number(value.normalize() if isinstance(value, Decimal) else value)


def _check_range(number, text: str, min_value, max_value, grouped: bool = True):
    if min_value is not None and number < min_value:
        if number < 0 <= min_value:
            raise _refuse("negative", text)
        raise _refuse("too_small", text, limit=_shown(min_value, grouped))
    if max_value is not None and number > max_value:
        raise _refuse("too_big", text, limit=_shown(max_value, grouped))
    return number


def _split_sign(text: str) -> tuple[bool, str]:
    """The minus sign off the front: where negatives are not allowed, "-5" is then named as one."""
    for minus in _MINUS:
        if text.startswith(minus):
            return True, text[len(minus) :].lstrip()
    return False, text


def _tidy(value: str) -> str:
    return " ".join(value.translate(_SPACES).split())


def _digits(whole: str, text: str) -> str:
    digits = re.sub(r"[. ]", "", whole)
    if len(digits) > _MAX_DIGITS:  # beyond any column; and int() refuses a few thousand digits
        raise _refuse("too_big", text, limit=formatting.number(BIGINT_MAX))
    return digits


def parse_integer(value, *, min_value: int | None = 0, max_value: int | None = INT_MAX, grouped: bool = True) -> int:
    """A whole number from what was typed (or a JSON int). `min_value` is 0 by default:
    counts and money are never negative; pass None or a negative bound to allow them.
    `grouped=False` writes the limits in messages as years are written (2100, not 2.100)."""
    if value is None:  # JSON null
        raise ValidationError(MESSAGES["required"], code="required")
    if isinstance(value, bool):
        raise _refuse("not_integer", str(value))
    if isinstance(value, int):
        return _check_range(value, str(value), min_value, max_value, grouped)
    if not isinstance(value, str):
        raise _refuse("not_integer", str(value))  # 12.0 from JSON is not taken for 12
    text = _tidy(value)
    if not text:
        raise ValidationError(MESSAGES["required"], code="required")
    minus, body = _split_sign(text)
    match = _INTEGER.fullmatch(body)
    if match is None:
        if _WORDS.fullmatch(body):
            raise _refuse("words", text)
        if _COMMA_NUMBER.fullmatch(body):
            raise _refuse("comma_in_integer", text)
        if _SEPARATORS_ONLY.fullmatch(body):
            raise _refuse("grouping", text)
        raise _refuse("not_integer", text)
    number = int(_digits(match["whole"], text))
    return _check_range(-number if minus else number, text, min_value, max_value, grouped)


def decimal_max(max_digits: int | None, decimal_places: int | None) -> Decimal | None:
    """The largest value a DecimalField(max_digits, decimal_places) holds: 999,99 for (5, 2)."""
    if max_digits is None:
        return None
    places = decimal_places or 0
    return Decimal(10) ** (max_digits - places) - Decimal(1).scaleb(-places)


def _dot_code(body: str) -> str:
    """'97.5' and '0.500' read as decimals written with a dot; '1.2.3' as bad grouping."""
    whole, _dot, tail = body.rpartition(".")
    whole = whole.replace(" ", "")
    if whole.isdigit() and tail.isdigit() and (len(tail) != 3 or int(whole) == 0):
        return "dot_decimal"
    return "grouping"


def parse_decimal(
    value,
    decimal_places: int | None = None,
    *,
    max_digits: int | None = None,
    min_value: Decimal | int | None = 0,
    max_value: Decimal | int | None = None,
) -> Decimal:
    """A decimal from what was typed: a comma before the decimals, dots or spaces between
    thousands. More decimals than the field keeps are refused, never rounded."""
    if value is None:
        raise ValidationError(MESSAGES["required"], code="required")
    if isinstance(value, bool):
        raise _refuse("not_decimal", str(value))
    if isinstance(value, int | Decimal | float):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise _refuse("not_decimal", str(value))
        text = str(value).replace(".", ",")
    elif isinstance(value, str):
        text = _tidy(value)
        if not text:
            raise ValidationError(MESSAGES["required"], code="required")
        minus, body = _split_sign(text)
        match = _DECIMAL.fullmatch(body)
        if match is None:
            if _WORDS.fullmatch(body):
                raise _refuse("words", text)
            raise _refuse(_dot_code(body) if _SEPARATORS_ONLY.fullmatch(body) else "not_decimal", text)
        whole, fraction = _digits(match["whole"], text), match["fraction"]
        if fraction and len(fraction) > _MAX_DIGITS:
            raise _refuse("decimal_places", text, places=decimal_places or 0)
        number = Decimal(f"{whole}.{fraction}" if fraction else whole)
        number = -number if minus else number
    else:
        raise _refuse("not_decimal", str(value))
    if decimal_places is not None and -number.as_tuple().exponent > decimal_places:
        kept = number.quantize(Decimal(1).scaleb(-decimal_places))
        if kept != number:
            raise _refuse("decimal_places", text, places=decimal_places)
        number = kept  # "97,500" is 97,50: the same number, in the places the column keeps
    limits = [v for v in (max_value, decimal_max(max_digits, decimal_places)) if v is not None]
    return _check_range(number, text, min_value, min(limits) if limits else None)
