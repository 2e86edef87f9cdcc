import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from caolocculture.forms import DateInput, ImportForm, ModelForm, VietDateField

from .models import Block, Household, normalize_code
from .selectors import next_free_code, unit_move_label


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
    on = VietDateField(label=_("Ngày chuyển đi"), widget=DateInput(), initial=datetime.date.today)


class MoveForm(forms.Form):
    to_block = forms.ModelChoiceField(label=unit_move_label, queryset=Block.objects.none())

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_block"].queryset = Block.objects.filter(commune=household.block.commune_id).exclude(
            pk=household.block_id
        )


class HouseholdImportForm(ImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Dòng 1 là tiêu đề: Mã hộ, Khối phố, Chủ hộ, Địa chỉ, Số nhân khẩu, Điện thoại, Ghi chú, Năm đạt GĐVH."
        )
