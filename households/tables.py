import django_tables2 as tables
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
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
        # The page's rows come from body() below; the header, sorting and pager stay django-tables2's.
        template_name = "households/household_table.html"

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_words = fold(search).split()

    def body(self) -> SafeString:
        """The page's rows as HTML, the same markup django-tables2 writes, in one pass: its own
        way asks every cell for its render method's signature (inspect), builds each link anew and
        translates each word again, 400 cells for a page of 50, and that was most of the household
        list's time under load (docs/speed.md). Cell by cell as the columns above say (a value
        None or "" shows "—", never linked); a test holds the two equal."""
        esc = conditional_escape
        visible = [(column.name, column.attrs["td"].as_html()) for column in self.columns]
        words = {  # translated once a page, not once a row
            "living": esc(self.render_living(Household())),
            "registered": {v: esc(self.render_registered(v)) for v in (True, False)},
            "recognised": {v: esc(self.render_recognised(v)) for v in (True, False)},
        }

        def shown(value, rendered=None):
            return "—" if value in (None, "") else esc(value if rendered is None else rendered)

        rows = []
        page = getattr(self, "page", None)  # set by paginate(); without it, every row
        for i, row in enumerate(page.object_list if page else self.rows):
            record = row.record
            url = esc(record.get_absolute_url())
            code = shown(record.code)
            head_name = shown(record.head_name, self.render_head_name(record, record.head_name))
            cells = {
                "code": f'<a href="{url}">{code}</a>' if record.code not in (None, "") else code,
                "head_name": f'<a href="{url}">{head_name}</a>' if record.head_name not in (None, "") else head_name,
                "block": shown(record.block),
                "address": shown(record.address),
                "members": shown(record.members),
                "living": esc(self.render_living(record)) if record.moved_out_on else words["living"],
                "registered": shown(record.registered, words["registered"].get(bool(record.registered))),
                "recognised": shown(record.recognised, words["recognised"].get(bool(record.recognised))),
            }
            tds = "".join(f"<td {attrs}>{cells[name]}</td>" for name, attrs in visible)
            rows.append(f'<tr class="{("even", "odd")[i % 2]}">{tds}</tr>')  # django-tables2's row classes
        return mark_safe("".join(rows))  # noqa: S308  every value above went through conditional_escape

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
