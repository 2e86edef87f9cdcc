from django import forms
from django.forms import modelformset_factory
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from caolocculture import formatting
from caolocculture.forms import DateInput, ImportForm, ModelForm, VietYearField
from households.models import CulturalHouse

from .models import (
    Activity,
    AuthorityLevel,
    BlockFigures,
    BudgetLine,
    Organisation,
    Plan,
    SignsAs,
    SteeringCommitteeMember,
    Target,
    Task,
)


class PlanForm(ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "number",
            "symbol",
            "issued_on",
            "legal_bases",
            "purpose",
            "requirements",
            "phase_start",
            "phase_end",
            "vote_quorum_percent",
            "vote_threshold_percent",
            "vote_threshold_inclusive",
            "meeting_deadline",
            "posting_days",
            "decision_days",
            "exemplary_years",
            "exemplary_cap_percent",
            "organisation_validity_years",
            "signing_authority",
            "signer_position",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issued_on": DateInput(),
            "meeting_deadline": DateInput(),
            "title": forms.Textarea(attrs={"rows": 3}),
            "legal_bases": forms.Textarea(attrs={"rows": 8}),
            "purpose": forms.Textarea(attrs={"rows": 6}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 7}),
        }


class DecisionBasesForm(forms.Form):
    decision_bases = forms.CharField(
        label=_("Căn cứ của quyết định tặng danh hiệu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi dòng một căn cứ, ghi rõ số, ngày ban hành; in đúng thứ tự trên quyết định."),
    )


class AuthorityForm(forms.Form):
    """One title's authority in the year (prefixed with the title's code)."""

    level = forms.ChoiceField(label=_("Cấp quyết định"), choices=AuthorityLevel.choices)
    body = forms.CharField(
        label=_("Cơ quan quyết định"),
        required=False,
        max_length=160,
        help_text=_("Viết đầy đủ, ví dụ: Ủy ban nhân dân huyện Cao Lộc. Để trống khi Chủ tịch UBND cấp xã quyết định."),
    )
    signs_as = forms.ChoiceField(label=_("Người ký"), choices=SignsAs.choices)
    symbol = forms.CharField(label=_("Ký hiệu quyết định"), max_length=30, initial="QĐ-UBND")


class TargetForm(ModelForm):
    class Meta:
        model = Target
        fields = ["name", "comparator", "value", "unit"]
        widgets = {"name": forms.Textarea(attrs={"rows": 3})}


TargetFormSet = modelformset_factory(Target, form=TargetForm, extra=0, can_delete=False)


class MemberForm(ModelForm):
    class Meta:
        model = SteeringCommitteeMember
        fields = ["order", "position", "person_name", "committee_role", "duties"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 4})}


class TaskForm(ModelForm):
    responsible = forms.ModelMultipleChoiceField(
        label=_("Người phụ trách"),
        queryset=SteeringCommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Task
        fields = ["order", "title", "responsible", "deadline", "status", "progress_notes"]
        widgets = {
            "deadline": DateInput(),
            "title": forms.Textarea(attrs={"rows": 3}),
            "progress_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = plan.committee_members.order_by("order")


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (ảnh, PDF, Word, Excel; tối đa 10 MB)"))
    note = forms.CharField(label=_("Mô tả"), max_length=255, required=False)


class ActivityForm(ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "held_on", "title", "block", "organiser", "attendance", "task"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, plan, blocks, commune_wide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].queryset = blocks
        self.fields["block"].required = not commune_wide
        self.fields["block"].empty_label = _("Toàn đơn vị") if commune_wide else None
        if not commune_wide:  # a khối trưởng's activities are their block's
            self.fields["block"].help_text = ""
            self.fields["block"].initial = blocks.first()
        self.fields["task"].queryset = plan.tasks.order_by("order")
        self.fields["task"].empty_label = _("Không gắn nhiệm vụ")
        self.fields["task"].label_from_instance = lambda task: Truncator(f"{task.order}. {task.title}").chars(90)
        if not self.instance.pk:
            self.initial.setdefault("attendance", None)


class FiguresForm(ModelForm):
    class Meta:
        model = BlockFigures
        fields = [
            "population",
            "regular_exercisers",
            "legal_education_reached",
            "sporting_families",
            "sports_clubs",
            "sports_collaborators",
        ]
        help_texts = {
            "regular_exercisers": _(
                "Tập ít nhất 3 buổi mỗi tuần, mỗi buổi từ 30 phút (Thông tư 01/2019/TT-BVHTTDL), tính đến 31/10."
            ),
            "sporting_families": _(
                "Đánh giá thể thao quần chúng tại ngày 31/10 (Thông tư 01/2019); để trống nếu chưa có."
            ),
        }

    def __init__(self, *args, last_year: BlockFigures | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if last_year is not None:  # last year's value beside each field
            for name, field in self.fields.items():
                before = _("Năm %(year)d: %(value)s") % {
                    "year": last_year.year,
                    "value": formatting.number(getattr(last_year, name)),
                }
                field.help_text = f"{before}. {field.help_text}" if field.help_text else before


class ReturnForm(forms.Form):
    returned_reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class CulturalHouseForm(ModelForm):
    class Meta:
        model = CulturalHouse
        fields = ["state", "in_use_since", "meets_standard", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("state") == CulturalHouse.State.IN_USE and not data.get("in_use_since"):
            self.add_error("in_use_since", _("Nhà văn hóa đang sử dụng phải có năm đưa vào sử dụng."))
        return data


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "address", "in_registry_since", "left_registry_in"]

    def clean(self):
        data = super().clean()
        since, left = data.get("in_registry_since"), data.get("left_registry_in")
        if since and left and left < since:
            self.add_error("left_registry_in", _("Năm ra khỏi danh sách không được trước năm vào danh sách."))
        return data


class OrganisationHistoryForm(forms.Form):
    year = VietYearField(label=_("Năm được công nhận"), min_value=2000, max_value=2100)
    decision_reference = forms.CharField(label=_("Quyết định (số, ngày, cơ quan ký)"), max_length=255)
    valid_until = VietYearField(label=_("Giữ danh hiệu đến hết năm"), min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("year") and data.get("valid_until") and data["valid_until"] < data["year"]:
            self.add_error("valid_until", _("Năm hết hạn không được trước năm công nhận."))
        return data


class BudgetLineForm(ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["funding", "name", "task", "planned_vnd", "spent_vnd"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding"].queryset = plan.fundings.order_by("pk")
        self.fields["task"].queryset = plan.tasks.order_by("order")


class FiguresImportForm(ImportForm):
    """The households upload's checks (.xlsx, 10 MB), with this file's columns as help."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Dòng 1 là tiêu đề: Khối phố, Dân số, Số người tập TDTT thường xuyên, Số người được PBGDPL."
        )
