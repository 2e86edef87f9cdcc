import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Block, Household
from .selectors import search, unit_label


class HouseholdFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên, mã hộ, địa chỉ"), method="filter_q")
    block = django_filters.ModelChoiceFilter(label=unit_label, queryset=Block.objects.none(), empty_label=_("Tất cả"))
    living = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=[("yes", _("Đang sinh sống")), ("no", _("Đã chuyển đi"))],
        method="filter_living",
        empty_label=_("Tất cả"),
    )
    recognised = django_filters.ChoiceFilter(
        label=_("Gia đình văn hóa năm nay"),
        choices=[("yes", _("Đã được tặng")), ("no", _("Chưa được tặng"))],
        method="filter_recognised",
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = Household
        fields = ["q", "block", "living", "recognised"]

    def __init__(self, *args, blocks, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["block"].queryset = blocks
        self.filters["recognised"].label = _("Gia đình văn hóa năm %(year)d") % {"year": year}

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    def filter_living(self, queryset, name, value):
        return queryset.filter(moved_out_on__isnull=(value == "yes"))

    def filter_recognised(self, queryset, name, value):
        # `recognised` is annotated by recognition.selectors.households_with_titles for the working year.
        return queryset.filter(recognised=(value == "yes"))
