import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from caolocculture.forms import ModelForm
from caolocculture.xlsx_guard import check_xlsx

from .models import Block, Household, normalize_code
from .selectors import next_free_code


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class HouseholdForm(ModelForm):
    class Meta:
        model = Household
        fields = ["block", "code", "head_name", "address", "members", "phone", "note", "moved_in_on"]
        widgets = {
            "moved_in_on": DateInput(),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def clean_code(self):
        return normalize_code(self.cleaned_data["code"])  # one household whatever the case or dash typed

    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["block"]  # moving is its own step, for the officer
        else:
            self.fields["block"].queryset = blocks
            if len(blocks) == 1:
                self.fields["block"].initial = blocks[0]
                self.fields["code"].initial = next_free_code(blocks[0])
            elif blocks:
                self.fields["code"].widget.attrs["placeholder"] = next_free_code(blocks[0])


class MoveOutForm(forms.Form):
    on = forms.DateField(label=_("Ngày chuyển đi"), widget=DateInput(), initial=datetime.date.today)


class MoveForm(forms.Form):
    to_block = forms.ModelChoiceField(label=_("Chuyển sang khối phố"), queryset=Block.objects.none())

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_block"].queryset = Block.objects.filter(commune=household.block.commune_id).exclude(
            pk=household.block_id
        )


MAX_UPLOAD_MB = 10


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        max_length=255,  # the name is kept whole with the import, never cut
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_(
            "Dòng 1 là tiêu đề: Mã hộ, Khối phố, Chủ hộ, Địa chỉ, Số nhân khẩu, Điện thoại, Ghi chú, Năm đạt GĐVH."
        ),
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
