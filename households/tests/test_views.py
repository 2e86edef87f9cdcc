import datetime
import re

import pytest
from django.urls import reverse

from caolocculture.scope import working_in
from households.models import Household
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nguyen(blocks):
    household = HouseholdFactory(
        block=blocks[0], code="K01-001", head_name="Nguyễn Văn Đức", address="Số 5, đường Hùng Vương"
    )
    FamilyRecognitionFactory(household=household, year=2023)
    FamilyRecognitionFactory(household=household, year=2024)
    return household


@pytest.fixture
def other_block(blocks):
    return HouseholdFactory(block=blocks[1], code="K02-001", head_name="Lý Thị Hà")


def listing(response) -> str:
    """The list's filter, count and table (the page around it carries a new CSRF token each time)."""
    html = response.content.decode()
    return html[html.index('id="household-filter"') : html.index("</main>")]


def codes(response):
    return [row.record.code for row in response.context["table"].page.object_list]


class TestList:
    @pytest.mark.parametrize("query", ["nguyen van", "NGUYỄN", "duc", "hung vuong", "k01-001", "van duc"])
    def test_search_ignores_case_and_accents(self, login, officer, nguyen, other_block, query):
        response = login(officer).get(reverse("households:list"), {"q": query})
        assert codes(response) == ["K01-001"]

    def test_filters(self, login, officer, nguyen, other_block, blocks):
        HouseholdFactory(block=blocks[0], code="K01-002", moved_out_on=datetime.date(2024, 3, 1))
        client = login(officer)
        assert codes(client.get(reverse("households:list"), {"block": blocks[1].pk})) == ["K02-001"]
        assert codes(client.get(reverse("households:list"), {"living": "no"})) == ["K01-002"]
        assert codes(client.get(reverse("households:list"), {"recognised": "yes"})) == ["K01-001"]
        assert codes(client.get(reverse("households:list"), {"recognised": "no", "living": "yes"})) == ["K02-001"]

    def test_sorting_and_pagination(self, login, officer, blocks):
        for i in range(60):
            HouseholdFactory(block=blocks[0], code=f"K01-{i:03d}", head_name=f"Chủ hộ {59 - i:02d}")
        client = login(officer)
        first_page = client.get(reverse("households:list"), {"sort": "-code"})
        assert codes(first_page)[:2] == ["K01-059", "K01-058"] and len(codes(first_page)) == 50
        assert len(codes(client.get(reverse("households:list"), {"page": 2}))) == 10
        assert codes(client.get(reverse("households:list"), {"sort": "head_name"}))[0] == "K01-059"

    def test_a_block_leader_sees_only_their_block(self, login, khoi1, nguyen, other_block):
        response = login(khoi1).get(reverse("households:list"))
        assert codes(response) == ["K01-001"]
        assert "block" not in [c.name for c in response.context["table"].columns]  # one block: no column
        assert "Lý Thị Hà" not in response.content.decode()

    def test_queries_stay_flat_as_households_grow(self, login, officer, blocks, django_assert_num_queries):
        client = login(officer)
        HouseholdFactory.create_batch(3, block=blocks[0])
        # session, user, plans (year), blocks for the filter, count, page, how the commune names its units (menu)
        with django_assert_num_queries(7):
            client.get(reverse("households:list"))
        for household in HouseholdFactory.create_batch(80, block=blocks[1]):
            FamilyRecognitionFactory(household=household)
        with django_assert_num_queries(7):
            response = client.get(reverse("households:list"))
        assert response.context["table"].paginator.count == 83

    def test_the_list_is_kept_until_the_communes_record_changes(
        self, login, officer, nguyen, other_block, django_assert_num_queries
    ):
        client = login(officer)
        first = client.get(reverse("households:list"))
        # Read again, unchanged: session, user, plans (year), the commune's unit words (menu); no
        # count, page or filter query, nothing rendered again.
        with django_assert_num_queries(4):
            again = client.get(reverse("households:list"))
        assert listing(again) == listing(first) and "Nguyễn Văn Đức" in listing(again)

        response = client.post(
            reverse("households:edit", args=[nguyen.pk]),
            {"block": nguyen.block_id, "code": "K01-001", "head_name": "Nguyễn Văn Đạt", "members": 4},
        )
        assert response.status_code == 302

        html = client.get(reverse("households:list")).content.decode()
        assert "Nguyễn Văn Đạt" in html and "Nguyễn Văn Đức" not in html
        with working_in(nguyen.block.commune):  # a change outside any request (a command, a task)
            HouseholdFactory(block=nguyen.block, code="K01-002", head_name="Hoàng Văn Mới")
        assert "Hoàng Văn Mới" in client.get(reverse("households:list")).content.decode()

    def test_a_kept_list_is_never_anothers(self, client, officer, khoi1, nguyen, other_block):
        client.force_login(officer)
        assert "Lý Thị Hà" in client.get(reverse("households:list")).content.decode()  # kept for the officer
        client.force_login(khoi1)
        html = client.get(reverse("households:list")).content.decode()
        assert "Nguyễn Văn Đức" in html and "Lý Thị Hà" not in html
        client.force_login(officer)
        assert "Lý Thị Hà" in client.get(reverse("households:list"), {"sort": "code"}).content.decode()
        client.force_login(khoi1)
        assert "Lý Thị Hà" not in client.get(reverse("households:list"), {"sort": "code"}).content.decode()

    def test_it_fits_a_phone_column_set(self, login, steering, nguyen):
        html = login(steering).get(reverse("households:list")).content.decode()
        assert "Thêm hộ" not in html  # read-only
        # The address column folds away on a phone.
        assert re.search(r'<th class="[^"]*\bd-none\b[^"]*"[^>]*>\s*<a href="\?sort=address"', html)


class TestDetail:
    def test_it_shows_the_years_and_the_change_history(self, login, officer, khoi1, nguyen):
        client = login(khoi1)
        client.post(
            reverse("households:edit", args=[nguyen.pk]),
            {
                "code": "K01-001",
                "head_name": "Nguyễn Văn Đức",
                "address": "Số 7, đường Hùng Vương",
                "members": 5,
                "phone": "",
                "note": "",
                "moved_in_on": "",
            },
        )
        response = client.get(reverse("households:detail", args=[nguyen.pk]))
        years = {row["year"]: row["record"] for row in response.context["years"]}
        assert (years[2024].year, years[2023].year, years[2022]) == (2024, 2023, None)
        change = response.context["changes"][0]
        assert change["record"].history_user == khoi1
        assert {f["label"]: (f["old"], f["new"]) for f in change["fields"]} == {
            "địa chỉ": ("Số 5, đường Hùng Vương", "Số 7, đường Hùng Vương"),
            "số nhân khẩu": (4, 5),
        }
        html = response.content.decode()
        assert "Số 5, đường Hùng Vương</del> → Số 7, đường Hùng Vương" in html

    def test_a_block_leader_cannot_reach_another_block_by_guessing(self, client, login, khoi1, other_block):
        client = login(khoi1)
        for name in ["detail", "edit", "move_out", "move"]:
            assert client.get(reverse(f"households:{name}", args=[other_block.pk])).status_code == 404, name
        assert client.post(reverse("households:edit", args=[other_block.pk]), {"head_name": "X"}).status_code == 404
        assert client.post(reverse("households:return", args=[other_block.pk])).status_code == 404
        assert Household.objects.get(pk=other_block.pk).head_name == "Lý Thị Hà"

    def test_the_steering_committee_reads_but_does_not_change(self, login, steering, nguyen):
        client = login(steering)
        assert client.get(reverse("households:detail", args=[nguyen.pk])).status_code == 200
        assert client.get(reverse("households:edit", args=[nguyen.pk])).status_code == 403
        assert client.post(reverse("households:move_out", args=[nguyen.pk]), {"on": "2024-05-01"}).status_code == 403
        assert client.get(reverse("households:create")).status_code == 403
        assert client.get(reverse("households:import")).status_code == 403


class TestChanges:
    def test_a_block_leader_adds_a_household_to_their_block(self, login, khoi1, blocks):
        response = login(khoi1).post(
            reverse("households:create"),
            {
                "block": blocks[0].pk,
                "code": "K01-100",
                "head_name": "  Hoàng   Thị Mai ",
                "members": 3,
                "address": "",
                "phone": "0987",
                "note": "",
                "moved_in_on": "",
            },
        )
        household = Household.objects.get(code="K01-100")
        assert response.status_code == 302 and response["Location"] == household.get_absolute_url()
        assert household.head_name == "Hoàng Thị Mai"
        assert household.history.get().history_user == khoi1

    def test_a_block_leader_cannot_add_to_another_block(self, login, khoi1, blocks):
        response = login(khoi1).post(
            reverse("households:create"),
            {
                "block": blocks[1].pk,
                "code": "K02-100",
                "head_name": "X",
                "members": 3,
            },
        )
        assert response.status_code == 400
        assert response.context["form"].errors["block"] == [
            "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
        ]
        assert not Household.objects.exists()

    def test_bad_input_gets_a_vietnamese_message(self, login, khoi1, blocks, nguyen):
        response = login(khoi1).post(
            reverse("households:create"),
            {
                "block": blocks[0].pk,
                "code": "K01-001",
                "head_name": "",
                "members": 0,
            },
        )
        errors = response.context["form"].errors
        assert "Trường này là bắt buộc." in errors["head_name"]
        assert errors["members"] == ['"0" nhỏ quá: tối thiểu 1.']
        assert errors["code"] == ["Mã hộ 'K01-001' đã có trong sổ; hãy dùng mã khác."]

    def test_moving_out_keeps_the_household(self, login, khoi1, nguyen):
        client = login(khoi1)
        response = client.post(reverse("households:move_out", args=[nguyen.pk]), {"on": "2024-06-01"})
        assert response.status_code == 302
        nguyen.refresh_from_db()
        assert nguyen.moved_out_on == datetime.date(2024, 6, 1)
        again = client.post(reverse("households:move_out", args=[nguyen.pk]), {"on": "2024-07-01"})
        assert "Hộ này đã chuyển đi ngày 01/06/2024." in again.content.decode()
        client.post(reverse("households:return", args=[nguyen.pk]))
        nguyen.refresh_from_db()
        assert nguyen.moved_out_on is None

    def test_a_move_out_date_in_the_future_is_refused(self, login, khoi1, nguyen):
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        response = login(khoi1).post(reverse("households:move_out", args=[nguyen.pk]), {"on": tomorrow.isoformat()})
        assert "Ngày chuyển đi không được sau hôm nay." in response.content.decode()

    def test_only_the_officer_moves_a_household_to_another_block(self, login, officer, khoi1, nguyen, blocks):
        assert (
            login(khoi1).post(reverse("households:move", args=[nguyen.pk]), {"to_block": blocks[1].pk}).status_code
            == 403
        )
        response = login(officer).post(reverse("households:move", args=[nguyen.pk]), {"to_block": blocks[1].pk})
        assert response.status_code == 302
        nguyen.refresh_from_db()
        assert nguyen.block == blocks[1]
        assert nguyen.history.first().prev_record.block_id == blocks[0].pk


class TestBlocks:
    def test_a_block_page_counts(self, login, khoi1, nguyen, blocks, django_assert_num_queries):
        HouseholdFactory(block=blocks[0], members=3)
        HouseholdFactory(block=blocks[0], moved_out_on=datetime.date(2024, 1, 1))
        client = login(khoi1)
        # session, user, the block they lead, plan years, blocks with their leaders, households counted,
        # recognitions counted, registrations counted, the blocks they lead (the menu), the commune's unit words
        with django_assert_num_queries(10):
            response = client.get(reverse("households:block", args=[blocks[0].pk]))
        block = response.context["summary"]
        assert (block.living, block.moved_out, block.members, block.recognised) == (2, 1, 7, 1)
        html = response.content.decode()
        assert '<h1 class="h4">Khối 1</h1>' in html and f"?block={blocks[0].pk}" in html
        assert login(khoi1).get(reverse("households:block", args=[blocks[1].pk])).status_code == 404

    def test_the_block_list_shows_only_ones_own(self, login, khoi1, officer, nguyen):
        assert [b.name for b in login(khoi1).get(reverse("households:blocks")).context["blocks"]] == ["Khối 1"]
        assert len(login(officer).get(reverse("households:blocks")).context["blocks"]) == 10
