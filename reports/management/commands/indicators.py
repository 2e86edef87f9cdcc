import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from campaigns.selectors import PlanNotFound, plan_for_year, working_year, working_year_among
from caolocculture import formatting
from households.command_scope import commune_named
from households.models import Commune
from reports.indicators import code_label, compute
from reports.province import province_figures, province_years


def year_argument(value: str | None, commune: Commune | None = None) -> int:
    """--year as typed, or the working year (the same rule as the pages) when left out."""
    if value is None:
        return working_year(commune)
    try:
        year = int(value)
    except ValueError:
        raise CommandError(
            _("Năm không hợp lệ: '%(value)s'. Hãy nhập năm bằng số, ví dụ --year 2024.") % {"value": value}
        ) from None
    if not 2000 <= year <= 2100:
        raise CommandError(_("Năm không hợp lệ: %(year)d. Năm phải từ 2000 đến 2100.") % {"year": year})
    return year


class Command(BaseCommand):
    help = _("Tính các chỉ tiêu của kế hoạch một năm, toàn đơn vị và từng khối phố.")

    def add_arguments(self, parser):
        parser.add_argument("--year", help=_("năm của kế hoạch, ví dụ 2024; mặc định: năm làm việc"))
        parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--commune", help=_("tên đơn vị (khi hệ thống có nhiều xã, phường, thị trấn)"))
        which.add_argument("--province", action="store_true", help=_("mọi đơn vị và tổng của tỉnh"))

    def handle(self, *args, year, json: bool, commune: str | None, province: bool, **options):
        if province:
            # The province's working year: the same rule over every commune's plan years.
            # current: every stale rollup computed again, so the command prints today's figures.
            figures = province_figures(
                year_argument(year) if year else working_year_among(province_years()), current=True
            )
            self.stdout.write(_dumps(figures.as_json()) if json else render_province(figures))
            return
        # With several communes and no name: refused, the communes listed, so the next command can be typed.
        unit = commune_named(commune, choices=_("--commune TÊN (một đơn vị) hoặc --province (cả tỉnh)"))
        year = year_argument(year, unit)
        try:
            plan = plan_for_year(year, unit)
        except PlanNotFound:
            raise CommandError(
                _("Chưa có kế hoạch năm %(year)d. Hãy tạo kế hoạch (hoặc chạy load_plan) trước.") % {"year": year}
            ) from None
        result = compute(plan)
        if json:
            self.stdout.write(_dumps(result.as_json()))
        else:
            self.stdout.write(render_table(result))


def render_province(figures) -> str:
    lines = [
        _("Kết quả thực hiện chỉ tiêu năm %(year)d — %(province)s")
        % {"year": figures.year, "province": figures.province},
        "",
    ]
    header = f"{_('Đơn vị'):<28}" + "".join(f"{code_label(c):>12}" for c in figures.codes)
    lines += [header, "-" * len(header)]
    for row in figures.communes:
        cells = [m.value_text if m is not None else "—" for m in row.cells(figures.codes)]
        lines.append(f"{row.commune.name:<28}" + "".join(f"{cell:>12}" for cell in cells))
    lines.append("-" * len(header))
    lines.append(f"{_('Toàn tỉnh'):<28}" + "".join(f"{m.value_text:>12}" for m in figures.total_cells))
    return "\n".join(lines)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_table(result) -> str:
    title = _("Kết quả thực hiện chỉ tiêu năm %(year)d — %(commune)s") % {
        "year": result.year,
        "commune": result.plan.commune.name,
    }
    lines = [title, ""]
    if result.closing is not None:
        lines[1:1] = [
            _("Đã chốt số liệu lúc %(at)s (%(by)s): số đã báo cáo, không đổi.")
            % {
                "at": timezone.localtime(result.closing.closed_at).strftime("%H:%M %d/%m/%Y"),
                "by": result.closing.closed_by,
            }
        ]
    header = f"{_('Chỉ tiêu'):<8} {_('Mục tiêu'):>10} {_('Đạt được'):>18} {_('Tỷ lệ'):>10}  {_('Đánh giá')}"
    lines += [header, "-" * len(header)]
    for item in result.indicators:
        m = item.measure
        target = m.target_text.replace("\u00a0", " ")
        rate = "" if m.is_count else formatting.percent(m.value)
        lines.append(f"{item.label:<8} {target:>10} {m.result_text:>18} {rate:>10}  {m.verdict}")
    units = result.indicators[0].measure.units if result.indicators else result.plan.commune.unit_words()
    lines += ["", _("Theo %(units)s:") % {"units": units.name}]
    codes = list(result.blocks[0].indicators) if result.blocks else []
    lines.append(f"{str(capfirst(units.label)):<12}" + "".join(f"{code_label(c):>12}" for c in codes))
    for block in result.blocks:
        lines.append(
            f"{block.block.name:<12}" + "".join(f"{formatting.percent(block.indicators[c].value):>12}" for c in codes)
        )
    return "\n".join(lines)
