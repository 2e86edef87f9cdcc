"""Number fields that read and show numbers the Vietnamese way ("1.000", "97,5"), and
the ModelForm base that gives them to every model number field. Django's own
IntegerField reads "1.000" as 1 (it drops a decimal part of zeros): none is left.
Below them, the widgets and forms every app shares: the dd/mm/yyyy date, the .xlsx upload."""

from decimal import Decimal

from django import forms
from django.core import validators
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext_lazy as _

from . import formatting, numbers
from .xlsx_guard import check_xlsx

MAX_UPLOAD_MB = 10


class NumberBox(forms.TextInput):
    """A text box, not <input type=number>: browsers refuse "1.000" in those. The phone
    still opens its number keyboard through inputmode."""

    inputmode = "numeric"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": self.inputmode, "autocomplete": "off", **(attrs or {})})


class DecimalBox(NumberBox):
    inputmode = "decimal"  # the keyboard with a comma


class VietIntegerField(forms.IntegerField):
    """A count or an amount in đồng: "1.234", "1 234", "15.000.000"; refused, never
    guessed, otherwise. Without a max_value the column's limit applies."""

    widget = NumberBox
    grouped = True

    def _bounds(self) -> tuple:
        low = self.min_value
        high = self.max_value if self.max_value is not None else numbers.INT_MAX
        return low, high

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        low, high = self._bounds()
        return numbers.parse_integer(value, min_value=low, max_value=high, grouped=self.grouped)

    def prepare_value(self, value):
        """The stored number shown back as people write it; what was typed stays as typed."""
        if isinstance(value, int) and not isinstance(value, bool):
            return formatting.number(value) if self.grouped else str(value)
        return value


class VietYearField(VietIntegerField):
    """A year: written and shown without a thousands dot (2024)."""

    grouped = False


class VietDecimalField(forms.DecimalField):
    """A decimal with a comma ("97,5"), thousands grouped as in VietIntegerField."""

    widget = DecimalBox

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        return numbers.parse_decimal(
            value, self.decimal_places, max_digits=self.max_digits, min_value=self.min_value, max_value=self.max_value
        )

    def prepare_value(self, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = Decimal(str(value))
        if isinstance(value, Decimal) and value.is_finite():
            if value == value.to_integral_value():
                return formatting.number(int(value))
            return formatting.number(value.normalize())
        return value


def _limits(db_field) -> dict:
    """The model field's bounds (its validators and its column's range on PostgreSQL,
    whatever database runs the tests) as form field bounds."""
    low, high = BaseDatabaseOperations.integer_field_ranges.get(db_field.get_internal_type(), (None, None))
    for validator in db_field.validators:
        limit = getattr(validator, "limit_value", None)
        if limit is None or callable(limit):
            continue
        if isinstance(validator, validators.MinValueValidator):
            low = limit if low is None else max(low, limit)
        elif isinstance(validator, validators.MaxValueValidator):
            high = limit if high is None else min(high, limit)
    return {key: limit for key, limit in (("min_value", low), ("max_value", high)) if limit is not None}


def is_year(db_field) -> bool:
    """'năm', 'giai đoạn từ năm', 'năm đưa vào sử dụng' are years; 'số năm liên tục…' is a count."""
    words = str(db_field.verbose_name).lower().split()
    return "năm" in words and words[0] != "số"


def is_number(db_field) -> bool:
    return (
        isinstance(db_field, models.DecimalField | models.IntegerField)
        and not isinstance(db_field, models.AutoField)
        and not db_field.choices
    )


def formfield(db_field, **kwargs):
    """ModelForm's formfield_callback: model number fields get the Vietnamese fields,
    keeping label, help text, required, bounds and digits."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        widget = kwargs.get("widget")
        if isinstance(widget, forms.DateInput) and not isinstance(widget, DateInput):
            del kwargs["widget"]  # the browser's own date box follows its language, not ours
        return db_field.formfield(**{"form_class": VietDateField, **kwargs})
    if not is_number(db_field):
        return db_field.formfield(**kwargs)
    widget = kwargs.get("widget")
    if isinstance(widget, forms.NumberInput) or (isinstance(widget, type) and issubclass(widget, forms.NumberInput)):
        del kwargs["widget"]  # type=number would refuse "1.000" in the browser
    if isinstance(db_field, models.DecimalField):
        kwargs = {**_limits(db_field), "form_class": VietDecimalField, **kwargs}
    else:
        kind = VietYearField if is_year(db_field) else VietIntegerField
        kwargs = {**_limits(db_field), "form_class": kind, **kwargs}
        if not issubclass(kwargs["form_class"], VietIntegerField):
            raise TypeError(f"{db_field} must be read by a VietIntegerField, not {kwargs['form_class']}")
    return db_field.formfield(**kwargs)


class ModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every ModelForm's Meta the callback above unless it names its own."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=ModelFormMetaclass):
    """The project's ModelForm: numbers read and shown the Vietnamese way."""


class DateInput(forms.DateInput):
    """A text box written and shown dd/mm/yyyy. Not <input type=date>: that one follows the
    browser's language (mm/dd/yyyy on an English phone) whatever the commune writes.
    app.js puts the slashes in as the digits are typed (the phone's number pad has none)."""

    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "data-date": "",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%d/%m/%Y", **kwargs)


class VietDateField(forms.DateField):
    """A date typed dd/mm/yyyy (20/11/2024), or yyyy-mm-dd as machines and older forms send it;
    anything else is refused, never guessed (11/20/2024 is not 20 November)."""

    widget = DateInput
    input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Ngày phải viết theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 20/11/2024."),
    }


class ImportForm(forms.Form):
    """An .xlsx upload, checked in the request: its name, its size and what it unpacks to.
    Each import sets its columns as the field's help text."""

    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        max_length=255,  # the name is kept whole with the import, never cut
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx."))
        if file.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn quá %(mb)d MB.") % {"mb": MAX_UPLOAD_MB})
        # What it unpacks to, before anything is kept: a bomb is refused here, in the request.
        # The imports check again, deeper (the XML itself), in the worker or the command.
        check_xlsx(file, deep=False)
        return file
