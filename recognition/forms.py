import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Organisation
from caolocculture.forms import DateInput, ModelForm, VietDateField, VietIntegerField, VietYearField
from caolocculture.uploads import validate_scan
from households.models import Block, Household
from households.selectors import cultural_house_of_unit, current_commune_pk, recognised_units_label

from .models import Meeting, Title

GROUNDS_LIMIT = 2000


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_at", "place", "chair", "secretary", "attendees", "invited", "present"]
        widgets = {
            "held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "attendees": forms.Textarea(attrs={"rows": 3}),
        }


class PostingForm(forms.Form):
    starts_on = VietDateField(label=_("Ngày bắt đầu niêm yết"), widget=DateInput(), initial=datetime.date.today)
    place = forms.CharField(label=_("Nơi niêm yết"), max_length=255, required=False, initial=cultural_house_of_unit)


def ended_at_field() -> forms.TimeField:
    # A phone's own time picker; "21:30" typed by hand is read the same way.
    return forms.TimeField(
        label=_("Giờ kết thúc cuộc họp"),
        required=False,
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%H giờ %M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In trong biên bản: “kết thúc vào hồi … giờ … phút cùng ngày”. Để trống nếu chưa biết."),
        error_messages={"invalid": _("Giờ kết thúc không hợp lệ: nhập giờ và phút, ví dụ 21:30.")},
    )


class MeetingPostingForm(PostingForm):
    """Posting the list closes the meeting: its end time may be written then."""

    ended_at = ended_at_field()


class MeetingEndForm(forms.Form):
    ended_at = ended_at_field()


class BlockReportForm(forms.Form):
    """The khối trưởng's report of achievements (Tổ dân phố văn hóa); the service asks for the text."""

    achievements = forms.CharField(label=_("Báo cáo thành tích"), required=False, widget=forms.Textarea)
    reported_on = VietDateField(label=_("Ngày báo cáo"), required=False)


class BlockReviewForm(forms.Form):
    """The council's review as the officer records it, with the day it met and who sat."""

    opinion = forms.CharField(label=_("Ý kiến Hội đồng"), required=False)
    council_met_on = VietDateField(label=_("Ngày họp Hội đồng"), required=False)
    council_members = forms.CharField(label=_("Thành phần dự họp"), required=False, widget=forms.Textarea)


class BlockSubmitForm(forms.Form):
    submitted_on = VietDateField(label=_("Ngày tờ trình"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    number = VietIntegerField(label=_("Số quyết định"), min_value=1)
    symbol = forms.CharField(label=_("Ký hiệu"), initial="QĐ-UBND", max_length=30)
    issued_on = VietDateField(label=_("Ngày ký"), widget=DateInput(), initial=datetime.date.today)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)
    # Filled from the signer's profile (User.position), never CHỦ TỊCH by default: a
    # vice-chairman signing as the chairman would make the paper wrong.
    signer_title = forms.CharField(
        label=_("Chức danh người ký"),
        max_length=160,
        help_text=_("CHỦ TỊCH, hoặc PHÓ CHỦ TỊCH (in “KT. CHỦ TỊCH” phía trên)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Text over a limit is refused with the limit by the server, never cut short by the browser.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class AuthorityDecisionForm(DecisionForm):
    """A decision on a title, issued by the commune chairman or, where the year's plan gives
    the title to a body above the commune, recorded from the paper received (with its scan)."""

    scan = forms.FileField(
        label=_("Bản chụp quyết định (PDF, ảnh)"),
        required=False,
        help_text=_("Khi quyết định do cấp trên ban hành: bản chụp quyết định nhận được."),
    )

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            validate_scan(scan)
        return scan


class RecordedDecisionForm(DecisionForm):
    """A decision made outside the app, entered from its paper with its list."""

    title = forms.ChoiceField(label=_("Danh hiệu"), choices=Title.choices)
    year = VietYearField(label=_("Năm của danh hiệu"), min_value=2000, max_value=2100)
    issuing_body = forms.CharField(
        label=_("Cơ quan ban hành"), max_length=160, help_text=_("Ví dụ: UBND thị trấn Cao Lộc, UBND huyện Cao Lộc.")
    )
    household_codes = forms.CharField(
        label=_("Mã hộ được công nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Với Gia đình văn hóa: mã hộ, cách nhau bởi dấu phẩy, khoảng trắng hoặc xuống dòng."),
    )
    blocks = forms.ModelMultipleChoiceField(
        label=recognised_units_label,
        required=False,
        queryset=Block.objects.none(),  # the commune's, set in __init__
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Cơ quan, đơn vị được công nhận"),
        required=False,
        queryset=Organisation.objects.none(),  # the commune's, set in __init__
        widget=forms.CheckboxSelectMultiple,
    )
    scan = forms.FileField(label=_("Bản chụp quyết định (PDF, ảnh)"), required=False)
    grounds = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=GROUNDS_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = [
        "title",
        "year",
        "number",
        "symbol",
        "issued_on",
        "issuing_body",
        "signer_name",
        "signer_title",
        "household_codes",
        "blocks",
        "organisations",
        "scan",
        "grounds",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commune = current_commune_pk()
        self.fields["blocks"].queryset = Block.objects.filter(commune=commune).order_by("number")
        self.fields["organisations"].queryset = Organisation.objects.filter(commune=commune).order_by("name")

    def clean_household_codes(self):
        codes = [c.upper() for c in re.split(r"[,;\s]+", self.cleaned_data["household_codes"]) if c]
        households = Household.objects.filter(code__in=codes, commune=current_commune_pk())
        found = {h.code: h for h in households.select_related("block")}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(_("Không có hộ mã: %(codes)s.") % {"codes": ", ".join(unknown[:10])})
        return [found[c] for c in dict.fromkeys(codes)]

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            validate_scan(scan)
        return scan


class WithdrawalForm(AuthorityDecisionForm):
    grounds = forms.CharField(
        label=_("Căn cứ, lý do hủy bỏ, thu hồi"), max_length=GROUNDS_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["number", "symbol", "issued_on", "signer_name", "signer_title", "grounds", "scan"]
