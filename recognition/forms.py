import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from households.forms import DateInput

from .models import Meeting


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_at", "place", "chair", "secretary", "attendees", "invited", "present"]
        widgets = {
            "held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "invited": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "present": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }


class PostingForm(forms.Form):
    starts_on = forms.DateField(label=_("Ngày bắt đầu niêm yết"), widget=DateInput(), initial=datetime.date.today)
    place = forms.CharField(label=_("Nơi niêm yết"), max_length=255, required=False,
                            initial=_("Nhà văn hóa khối phố"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    number = forms.IntegerField(label=_("Số quyết định"), min_value=1)
    symbol = forms.CharField(label=_("Ký hiệu"), initial="QĐ-UBND", max_length=30)
    issued_on = forms.DateField(label=_("Ngày ký"), widget=DateInput(), initial=datetime.date.today)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)
    signer_title = forms.CharField(label=_("Chức danh người ký"), max_length=160, initial=_("CHỦ TỊCH"))
