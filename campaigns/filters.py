import django_filters
from django.utils.translation import gettext_lazy as _

from households.models import Block
from households.selectors import unit_label

from .models import Activity

MONTHS = [(m, _("Tháng %(m)d") % {"m": m}) for m in range(1, 13)]


class ActivityFilter(django_filters.FilterSet):
    block = django_filters.ModelChoiceFilter(
        label=unit_label, queryset=Block.objects.none(), empty_label=_("Tất cả"), method="filter_block"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại hoạt động"), choices=Activity.Kind.choices, empty_label=_("Tất cả")
    )
    month = django_filters.ChoiceFilter(
        label=_("Tháng"), choices=MONTHS, field_name="held_on", lookup_expr="month", empty_label=_("Cả năm")
    )

    class Meta:
        model = Activity
        fields = ["block", "kind", "month"]

    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["block"].queryset = blocks

    def filter_block(self, queryset, name, value):
        return queryset.filter(block=value)
