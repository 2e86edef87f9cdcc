from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from caolocculture.demo import DEMO_PASSWORD, DemoAlreadyLoaded, demo_seed
from households.models import Block


class Command(BaseCommand):
    help = "Thêm dữ liệu mẫu (có ghi nhãn 'Dữ liệu mẫu') và tài khoản dùng thử. Chỉ chạy khi DEBUG bật."

    def add_arguments(self, parser):
        parser.add_argument("--households-per-block", type=int, default=300)

    def handle(self, *args, households_per_block: int, **options):
        if not settings.DEBUG:
            raise CommandError("Từ chối: không tạo dữ liệu mẫu khi DEBUG tắt (môi trường thật).")
        if not Block.objects.exists():
            raise CommandError("Chưa có khối phố. Hãy chạy 'python manage.py load_plan' trước.")
        try:
            result = demo_seed(households_per_block=households_per_block)
        except DemoAlreadyLoaded:
            self.stdout.write("Dữ liệu mẫu đã có, không thêm lần nữa.")
        else:
            self.stdout.write(
                f"Đã thêm {result['households']} hộ và {result['recognitions']} lượt công nhận (dữ liệu mẫu)."
            )
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu: {DEMO_PASSWORD}):")
        self.stdout.write("  canbo    – công chức Văn hóa - Xã hội")
        self.stdout.write("  chutich  – Chủ tịch / Phó Chủ tịch UBND")
        self.stdout.write("  bcd      – thành viên Ban Chỉ đạo")
        self.stdout.write("  khoi1 … khoi10 – khối trưởng")
        self.stdout.write("  quantri  – quản trị hệ thống")
