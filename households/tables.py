import django_tables2 as tables
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from caolocculture import formatting
from caolocculture.text import fold

from .models import Household


class HouseholdTable(tables.Table):
    code = tables.Column(linkify=True, verbose_name=_("Mã hộ"), attrs={"td": {"class": "text-nowrap"}})
    head_name = tables.Column(linkify=True, verbose_name=_("Chủ hộ"))
    block = tables.Column(verbose_name=_("Khối"), order_by=("block__number", "code"))
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
        # The page's rows come from body() below; the header, sorting and pager stay django-tables2's.
        template_name = "households/household_table.html"

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_words = fold(search).split()

    def body(self) -> SafeString:
        """The page's rows as HTML, the same markup django-tables2 writes, in one pass: its own
        way asks every cell for its render method's signature (inspect) and builds each link
        anew, 400 times for a page of 50, and that was most of the household list's time under
        load (docs/speed.md). Cell by cell as the columns above say; a test holds the two equal."""
        visible = [(column.name, column.attrs["td"].as_html()) for column in self.columns]
        rows = []
        for row in self.page.object_list:
            record = row.record
            url = record.get_absolute_url()
            cells = {
                "code": format_html('<a href="{}">{}</a>', url, record.code),
                "head_name": format_html('<a href="{}">{}</a>', url, self.render_head_name(record, record.head_name)),
                "block": record.block,
                "address": record.address,
                "members": record.members,
                "living": self.render_living(record),
                "registered": self.render_registered(record.registered),
                "recognised": self.render_recognised(record.recognised),
            }
            rows.append(
                format_html_join(
                    "",
                    "<td {}>{}</td>",
                    ((attrs, "—" if cells[name] in (None, "") else cells[name]) for name, attrs in visible),
                )
            )
        parity = ("even", "odd")  # django-tables2's row classes
        return mark_safe(
            "".join(f'<tr class="{parity[i % 2]}">{conditional_escape(row)}</tr>' for i, row in enumerate(rows))
        )

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
