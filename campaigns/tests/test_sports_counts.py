"""The sports assessment's counts at 31/10 (Thông tư 01/2019) on the block figures: sporting
families, clubs and collaborators, in the form, the spreadsheet both ways, and the pages."""

import pytest

from campaigns import figures_import
from campaigns.models import BlockFigures
from households.tests.sheets import read_back, xlsx

pytestmark = pytest.mark.django_db

HEADERS = figures_import.HEADERS
SPORTS = ["sporting_families", "sports_clubs", "sports_collaborators"]


def url(block, year=2024):
    return f"/so-lieu/{year}/khoi/{block.pk}/"


def sports(block):
    return list(BlockFigures.objects.filter(block=block, year=2024).values_list(*SPORTS).get())


def run(rows, header=HEADERS, user=None):
    check = figures_import.check_file(xlsx(rows, header), 2024, user=user)
    if check.ok:
        check = figures_import.apply_rows(check.rows, 2024, user=user)
    return check


class TestForm:
    def test_the_counts_are_read_the_vietnamese_way_and_may_stay_blank(self, plan, blocks, khoi1, login):
        client = login(khoi1)
        form = {"population": "1.200", "regular_exercisers": "780", "legal_education_reached": "1.200"}
        response = client.post(
            url(blocks[0]),
            {**form, "sporting_families": "1.000", "sports_clubs": "3", "sports_collaborators": "", "draft": ""},
        )
        assert response.status_code == 302
        assert sports(blocks[0]) == [1000, 3, None]  # "1.000" is a thousand; blank is "not counted"
        page = client.get(url(blocks[0])).content.decode()
        field = page[page.index('name="sporting_families"') :]
        assert 'value="1.000"' in field[: field.index(">")]

    def test_a_fraction_is_refused_in_words_and_nothing_saved(self, plan, blocks, khoi1, login):
        response = login(khoi1).post(
            url(blocks[0]),
            {
                "population": "1200",
                "regular_exercisers": "780",
                "legal_education_reached": "1200",
                "sports_clubs": "1,5",
                "draft": "",
            },
        )
        assert response.status_code == 400 and "1,5" in response.content.decode()
        assert not BlockFigures.objects.filter(block=blocks[0]).exists()

    def test_the_figures_pages_show_the_counts(self, plan, blocks, officer, login):
        BlockFigures.objects.create(
            block=blocks[0],
            year=2024,
            population=1200,
            regular_exercisers=780,
            legal_education_reached=1200,
            sporting_families=1450,
            sports_clubs=4,
            sports_collaborators=12,
            status="approved",
        )
        client = login(officer)
        page = client.get("/so-lieu/2024/").content.decode()
        row = page[page.index('<tr data-block="1">') :]
        row = row[: row.index("</tr>")]
        for cell in ['"sporting_families">1.450<', '"sports_clubs">4<', '"sports_collaborators">12<']:
            assert cell in row, cell
        block_page = client.get(url(blocks[0])).content.decode()
        assert "Số gia đình thể thao" in block_page and "1.450" in block_page


class TestSpreadsheet:
    def test_optional_columns_read_vietnamese_numbers_and_export_gives_them_back(self, plan, blocks, officer, login):
        assert HEADERS[-3:] == ["Số gia đình thể thao", "Số câu lạc bộ TDTT", "Số cộng tác viên TDTT"]
        check = run([["Khối 1", "1.200", 780, 1200, "1.000", 3, None]])
        assert check.ok, [str(e) for e in check.errors]
        assert sports(blocks[0]) == [1000, 3, None]
        rows = read_back(login(officer).get("/so-lieu/2024/tai-excel/").content)
        assert rows[0] == HEADERS
        assert rows[1] == ["Khối 1", 1200, 780, 1200, 1000, 3]  # the blank count stays blank

    def test_a_fraction_refuses_the_whole_file_naming_row_and_column(self, plan, blocks):
        check = run([["Khối 1", 1200, 780, 1200, 10, 2, 5], ["Khối 2", 900, 500, 900, 8, "1,5", 3]])
        assert [str(e) for e in check.errors] == [
            "Dòng 3, cột Số câu lạc bộ TDTT: phải là số nguyên từ 0 trở lên, không phải '1,5'"
        ]
        assert not BlockFigures.objects.exists()

    def test_a_file_without_the_sports_columns_leaves_the_counts_on_record(self, plan, blocks):
        assert run([["Khối 1", 1200, 780, 1200, 10, 2, 5]]).ok
        check = run([["Khối 1", 1300, 780, 1200]], header=HEADERS[:4])
        assert check.ok, [str(e) for e in check.errors]
        figures = BlockFigures.objects.get(block=blocks[0])
        assert (figures.population, sports(blocks[0])) == (1300, [10, 2, 5])
        # A blank cell in a sports column given in the file clears that count.
        assert run([["Khối 1", 1300, 780, 1200, None, 2, 5]]).ok
        assert sports(blocks[0]) == [None, 2, 5]
