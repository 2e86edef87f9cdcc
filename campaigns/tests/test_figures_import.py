"""The block figures spreadsheet: same header, block and refuse-the-whole-file rules as households."""

import io
import unicodedata

import pytest
from django.core.management import CommandError, call_command

from campaigns import figures_import, services
from campaigns.models import BlockFigures, BlockFiguresImport
from households.tests.sheets import read_back, xlsx

pytestmark = pytest.mark.django_db

HEADERS = figures_import.HEADERS
FROZEN = (
    "Dòng 2, cột Khối phố: số liệu năm 2024 của Khối 1 đang ở trạng thái 'Đã gửi', không sửa được; "
    "đề nghị công chức văn hóa trả lại nếu cần sửa"
)


def run(rows, user=None, header=HEADERS, year=2024):
    check = figures_import.check_file(xlsx(rows, header), year, user=user)
    if check.ok:
        check = figures_import.apply_rows(check.rows, year, user=user)
    return check


def errors(check):
    return [str(e) for e in check.errors]


def state():
    return list(
        BlockFigures.objects.order_by("pk").values_list(
            "block__number", "year", "population", "regular_exercisers", "legal_education_reached", "status"
        )
    )


class TestContract:
    def test_headers_in_any_order_case_and_normal_form_blocks_as_spelled(self, blocks):
        header = [
            " số người được pbgdpl ",
            "Cột lạ",
            unicodedata.normalize("NFD", "Khối phố"),
            "DÂN SỐ",
            "Số người tập TDTT thường xuyên",
        ]
        check = run(
            [
                [1200, "x", "Khối 1", 1200, 780],
                ["1.050", None, "khối phố 2", "1.100", "700"],
                [900, None, "3", 950, 600],
                [None, None, None, None, None],
            ],
            header=header,
        )
        assert check.ok, errors(check)
        assert state() == [
            (1, 2024, 1200, 780, 1200, "approved"),
            (2, 2024, 1100, 700, 1050, "approved"),
            (3, 2024, 950, 600, 900, "approved"),
        ]

    def test_every_bad_row_is_named_and_nothing_is_written(self, blocks):
        BlockFigures.objects.create(
            block=blocks[4],
            year=2024,
            population=10,
            regular_exercisers=1,
            legal_education_reached=1,
            status="approved",
        )
        before = state()
        check = run(
            [
                ["Khối 1", 1000, 600, 1000],
                ["Khối 1", 1000, 600, 1000],
                ["Khối 99", 10, 1, 1],
                ["", 10, 1, 1],
                ["Khối 2", -5, 0, 0],
                ["Khối 3", 100, 101, 100],
                ["Khối 4", 100, 10, "nhiều"],
                ["Khối 5", "#REF!", 10, 10],
                ["Khối 6", 10.5, 1, 1],
                ["Khối 7", None, 1, 1],
            ]
        )
        assert not check.ok
        assert state() == before
        assert errors(check) == [  # every one named, and nothing else
            "Dòng 3, cột Khối phố: khối 'Khối 1' trùng với dòng 2",
            "Dòng 4, cột Khối phố: không có khối 'Khối 99'",
            "Dòng 5, cột Khối phố: thiếu khối phố",
            "Dòng 6, cột Dân số: phải là số nguyên từ 0 trở lên, không phải '-5'",
            "Dòng 7, cột Số người tập TDTT thường xuyên: lớn hơn dân số (100)",
            "Dòng 8, cột Số người được PBGDPL: phải là số nguyên từ 0 trở lên, không phải 'nhiều'",
            "Dòng 9, cột Dân số: ô báo lỗi của Excel, không phải giá trị",
            "Dòng 10, cột Dân số: phải là số nguyên từ 0 trở lên, không phải '10.5'",
            "Dòng 11, cột Dân số: thiếu số liệu",
        ]

    def test_missing_column_empty_or_unreadable_file(self, blocks):
        check = run([["Khối 1", 10, 1]], header=HEADERS[:3])
        assert errors(check) == ["Dòng 1: thiếu cột bắt buộc 'Số người được PBGDPL'"]
        assert errors(run([])) == ["tệp không có dòng dữ liệu nào"]
        bad = figures_import.check_file(io.BytesIO(b"not a spreadsheet"), 2024)
        assert errors(bad) == ["tệp không phải tệp Excel .xlsx đọc được"]
        assert state() == []


class TestScope:
    def test_khoi_truong_imports_own_block_for_approval_only(self, blocks, khoi1, khoi2):
        check = run([["Khối 1", 1000, 600, 990], ["Khối 2", 800, 500, 800]], user=khoi1)
        assert errors(check) == ["Dòng 3, cột Khối phố: bạn không được nhập cho khối 'Khối 2'"]
        assert state() == []
        assert run([["Khối 1", 1000, 600, 990]], user=khoi1).ok
        assert state() == [(1, 2024, 1000, 600, 990, "submitted")]  # sent, not approved
        again = run([["Khối 1", 1000, 650, 990]], user=khoi1)  # sent figures are frozen for them
        assert errors(again) == [FROZEN]
        assert state() == [(1, 2024, 1000, 600, 990, "submitted")]

    def test_officer_import_approves_and_keeps_history(self, blocks, khoi1, officer):
        run([["Khối 1", 1000, 600, 990]], user=khoi1)
        check = run([["Khối 1", 1000, 620, 990]], user=officer)
        assert check.updated[0]["changes"] == [{"column": "Số người tập TDTT thường xuyên", "old": 600, "new": 620}]
        assert state() == [(1, 2024, 1000, 620, 990, "approved")]
        figures = BlockFigures.objects.get()
        assert [(h.history_user, h.regular_exercisers) for h in figures.history.order_by("history_date")] == [
            (khoi1, 600),
            (officer, 620),
        ]


class TestCommandAndWeb:
    def test_command(self, blocks, tmp_path, capsys):
        path = tmp_path / "so-lieu.xlsx"
        path.write_bytes(xlsx([["Khối 1", 1000, 600, 990], ["Khối 2", 800, 500, 800]], HEADERS).read())
        call_command("import_block_figures", "--year", "2024", str(path))
        assert "Đã nhập số liệu năm 2024: 2 khối nhập mới" in capsys.readouterr().out
        assert state() == [(1, 2024, 1000, 600, 990, "approved"), (2, 2024, 800, 500, 800, "approved")]
        bad = tmp_path / "sai.xlsx"
        bad.write_bytes(xlsx([["Khối 1", 1, 5, 1]], HEADERS).read())
        with pytest.raises(CommandError, match=r"^Từ chối cả tệp, không ghi gì: 1 lỗi\.$"):
            call_command("import_block_figures", "--year", "2024", str(bad))
        assert BlockFigures.objects.get(block=blocks[0]).population == 1000

    def test_web_preview_then_confirm(self, blocks, khoi1, khoi2, login):
        client = login(khoi1)
        response = client.post("/so-lieu/2024/nhap/", {"file": xlsx([["Khối 1", 1000, 600, 990]], HEADERS)})
        job = BlockFiguresImport.objects.get()
        assert response.url == f"/so-lieu/nhap/{job.pk}/"
        page = client.get(response.url).content.decode()
        assert "1 khối nhập mới" in page and "1.000" in page
        assert state() == []  # the preview writes nothing
        assert login(khoi2).post(f"/so-lieu/nhap/{job.pk}/").status_code == 404  # not their upload
        assert state() == []
        login(khoi1).post(f"/so-lieu/nhap/{job.pk}/")
        assert state() == [(1, 2024, 1000, 600, 990, "submitted")]
        job.refresh_from_db()
        assert job.status == "done"

    def test_web_refuses_wrong_type_and_shows_errors(self, blocks, officer, login):
        client = login(officer)
        text = io.BytesIO(b"x")
        text.name = "danh-sach.csv"
        response = client.post("/so-lieu/2024/nhap/", {"file": text})
        assert "Chỉ nhận tệp Excel .xlsx." in response.content.decode()
        assert not BlockFiguresImport.objects.exists()
        response = client.post("/so-lieu/2024/nhap/", {"file": xlsx([["Khối 1", 10, 50, 1]], HEADERS)}, follow=True)
        assert "lớn hơn dân số (10)" in response.content.decode()
        assert "Xác nhận nhập" not in response.content.decode()
        assert state() == []

    def test_export_reads_back(self, blocks, officer, login):
        BlockFigures.objects.create(
            block=blocks[0],
            year=2024,
            population=10,
            regular_exercisers=1,
            legal_education_reached=2,
            status="approved",
        )
        rows = read_back(login(officer).get("/so-lieu/2024/tai-excel/").content)
        assert rows[0] == HEADERS and rows[1] == ["Khối 1", 10, 1, 2] and len(rows) == 1 + len(blocks)


def test_confirm_checks_again_and_refuses_the_whole_file(blocks, khoi1, officer, login):
    """Figures sent by the khối trưởng after their preview make the whole file refused at confirm."""
    client = login(khoi1)
    client.post("/so-lieu/2024/nhap/", {"file": xlsx([["Khối 1", 1000, 600, 990]], HEADERS)})
    job = BlockFiguresImport.objects.get()

    figures = services.figures_save(
        block=blocks[0],
        year=2024,
        by=khoi1,
        submit=True,
        population=500,
        regular_exercisers=300,
        legal_education_reached=500,
    )
    login(khoi1).post(f"/so-lieu/nhap/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.summary["errors"]) == ("refused", [FROZEN])
    figures.refresh_from_db()
    assert (figures.population, figures.status) == (500, "submitted")


def test_a_sheet_far_longer_than_the_blocks_is_refused_unread(blocks):
    rows = [[f"Khối {1 + i % 10}", 10, 1, 1] for i in range(200)]
    check = figures_import.check_file(xlsx(rows, HEADERS), 2024)
    assert errors(check) == ["tệp có hơn 70 dòng, quá nhiều cho số liệu 10 khối phố (mỗi khối một dòng)"]
