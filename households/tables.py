import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from caolocculture import formatting
from caolocculture.text import fold

from .models import Household
from .selectors import unit_counter_label


class HouseholdTable(tables.Table):
    code = tables.Column(linkify=True, verbose_name=_("Mã hộ"), attrs={"td": {"class": "text-nowrap"}})
    head_name = tables.Column(linkify=True, verbose_name=_("Chủ hộ"))
    block = tables.Column(verbose_name=unit_counter_label, order_by=("block__number", "code"))
    address = tables.Column(
        verbose_name=_("Địa chỉ"),
        attrs={"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}},
    )
    members = tables.Column(verbose_name=_("Nhân khẩu"), attrs={"td": {"class": "text-end"}})
    living = tables.Column(empty_values=(), verbose_name=_("Tình trạng"), order_by=("moved_out_on",))
    registered = tables.Column(verbose_name=_("Đăng ký"))
    recognised = tables.Column(verbose_name=_("GĐVH"))

    class Meta:
        model = Household
        fields = ["code", "head_name", "block", "address", "members", "living", "registered", "recognised"]
        attrs = {"class": "table table-sm table-striped align-middle", "id": "households"}
        order_by = ("block", "code")
        empty_text = _("Không có hộ nào.")

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_words = fold(search).split()

    def render_head_name(self, record, value):
        """What the search matched, when it was not the name or code: the address, which
        a phone's list does not show in its own column."""
        shown = f"{fold(record.code)} {fold(value)}"
        if self.search_words and any(word not in shown for word in self.search_words) and record.address:
            return format_html(
                '{}<div class="small text-muted fw-normal d-md-none matched">{}: {}</div>',
                value,
                _("Địa chỉ"),
                record.address,
            )
        return value

    def render_living(self, record):
        if record.moved_out_on:
            return format_html(
                '<span class="text-muted small">{}<br>{}</span>', _("Chuyển đi"), formatting.date(record.moved_out_on)
            )
        return _("Đang ở")

    def render_recognised(self, value):
        return _("Đạt") if value else _("Chưa")

    def render_registered(self, value):
        return _("Có") if value else _("Chưa")
