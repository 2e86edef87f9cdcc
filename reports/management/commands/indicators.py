import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.selectors import PlanNotFound, plan_for_year, working_year
from caolocculture import formatting
from reports.indicators import code_label, compute


def year_argument(value: str | None) -> int:
    """--year as typed, or the working year (the same rule as the pages) when left out."""
    if value is None:
        return working_year()
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

    def handle(self, *args, year, json: bool, **options):
        year = year_argument(year)
        try:
            plan = plan_for_year(year)
        except PlanNotFound:
            raise CommandError(
                _("Chưa có kế hoạch năm %(year)d. Hãy tạo kế hoạch (hoặc chạy load_plan) trước.") % {"year": year}
            ) from None
        result = compute(plan)
        if json:
            self.stdout.write(_dumps(result.as_json()))
        else:
            self.stdout.write(render_table(result))


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
    lines += ["", _("Theo khối phố:")]
    codes = list(result.blocks[0].indicators) if result.blocks else []
    lines.append(f"{_('Khối phố'):<12}" + "".join(f"{code_label(c):>12}" for c in codes))
    for block in result.blocks:
        lines.append(
            f"{block.block.name:<12}" + "".join(f"{formatting.percent(block.indicators[c].value):>12}" for c in codes)
        )
    return "\n".join(lines)
