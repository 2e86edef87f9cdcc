import pytest
from django.urls import reverse

from testing.factories import BlockFiguresFactory, CommuneFactory, FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def fill(blocks, per_block):
    for block in blocks:
        for household in HouseholdFactory.create_batch(per_block, block=block):
            FamilyRecognitionFactory(household=household)


def test_it_shows_the_years_targets_with_numbers_written_out(login, steering, blocks):
    fill(blocks[:1], 4)
    HouseholdFactory(block=blocks[1])
    BlockFiguresFactory(block=blocks[0], population=2000, regular_exercisers=1300, legal_education_reached=2000)
    html = login(steering).get(reverse("home")).content.decode()
    assert "Chỉ tiêu năm 2024 – Thị trấn Cao Lộc" in html
    assert "≥ 97\u00a0%" in html and "&gt; 60\u00a0%" in html
    assert "4/5" in html and "80,00\u00a0%" in html  # GDVH written out, not only a bar
    assert "chưa đạt, cần thêm 1 hộ (thiếu 17,00 điểm phần trăm)" in html
    assert "1.300/2.000" in html and "65,00\u00a0%" in html
    assert "1/10 khối có số liệu đã duyệt" in html


def test_it_tells_when_there_is_no_plan(login, steering):
    CommuneFactory()  # the steering member's commune, with no plan yet
    html = login(steering).get(reverse("home")).content.decode()
    assert "Chưa có kế hoạch năm nào" in html


def test_a_year_without_a_plan_falls_back_to_the_working_year(login, steering, plan):
    response = login(steering).get(reverse("home"), {"year": "2019"})
    assert response.context["plan"] == plan


def test_a_year_that_is_no_year_is_refused_in_vietnamese(login, steering, plan):
    response = login(steering).get(reverse("home"), {"year": "1999"})
    assert response.status_code == 400 and "Năm không hợp lệ: “1999”" in response.content.decode()


def test_queries_stay_flat_as_households_grow(login, officer, blocks, django_assert_num_queries):
    client = login(officer)
    fill(blocks, 1)
    # session, user, plans with their commune, the engine's 9 (the standing closing, targets, blocks,
    # GDVH, TDPVH, NVH ×2, figures, CQVH), the season's meetings, and the commune's unit words
    with django_assert_num_queries(14):
        client.get(reverse("home"))
    fill(blocks, 20)
    with django_assert_num_queries(14):
        response = client.get(reverse("home"))
    assert "210/210" in response.content.decode()


def test_a_block_leaders_page_stays_flat_too(login, khoi1, blocks, django_assert_num_queries):
    client = login(khoi1)
    fill(blocks[:1], 2)
    # as above, plus the blocks the leader may see
    with django_assert_num_queries(15):
        client.get(reverse("home"))
    fill(blocks[:1], 30)
    with django_assert_num_queries(15):
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert "32/32" in html and "100,00\u00a0%" in html
