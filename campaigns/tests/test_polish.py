"""Issue 14's small things on the campaign pages: photo thumbnails, the task's name on a
funding line, long titles ellipsised with the whole title on hover."""

import io

import pytest

from campaigns.models import Activity, BlockFigures, BudgetLine, Task
from testing.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def upload(client, activity, name, data, note):
    file = io.BytesIO(data)
    file.name = name
    client.post(f"/hoat-dong/chi-tiet/{activity.pk}/minh-chung/", {"file": file, "note": note})


def test_photos_show_as_thumbnails_scoped_like_the_download(plan, blocks, khoi1, khoi2, login):
    client = login(khoi1)
    activity = Activity.objects.create(
        plan=plan, kind="sports", held_on="2024-06-01", title="Giải bóng", block=blocks[0]
    )
    upload(client, activity, "anh.jpg", b"\xff\xd8\xff\xe0 anh", "Ảnh giải bóng")
    upload(client, activity, "bien-ban.pdf", b"%PDF-1.4 bien ban", "Biên bản")
    photo, paper = activity.evidence.order_by("pk")
    page = client.get(f"/hoat-dong/chi-tiet/{activity.pk}/").content.decode()
    url = f"/minh-chung/hoat-dong/{photo.pk}/"
    assert f'<img class="evidence-thumb" src="{url}" alt="Ảnh giải bóng" loading="lazy" width="96" height="72">' in page
    assert page.count("<img") == 1  # the PDF is a link only
    assert f'href="/minh-chung/hoat-dong/{paper.pk}/" title="Biên bản">Biên bản</a>' in page
    image = client.get(url)
    assert (image.status_code, image["Content-Type"]) == (200, "image/jpeg")
    assert login(khoi2).get(url).status_code == 404  # the thumbnail is the download: the same reach


def test_funding_lines_name_their_task_and_long_titles_end_in_an_ellipsis(plan, officer, login):
    task = plan.tasks.order_by("order").first()
    Task.objects.filter(pk=task.pk).update(title="Tuyên truyền " * 30)
    task.refresh_from_db()
    BudgetLine.objects.create(funding=plan.fundings.first(), name="In tài liệu", task=task, planned_vnd=1000)
    client = login(officer)
    funding = client.get("/ke-hoach/2024/kinh-phi/").content.decode()
    line = f"Nhiệm vụ {task.order}. {task.title}"
    assert f'<div class="small text-muted clamp-2" title="{line}">{line}</div>' in funding
    plan_page = client.get("/ke-hoach/2024/").content.decode()
    whole = f"{task.order}. {task.title}"
    assert f'<div class="clamp-2" title="{whole}">{whole}</div>' in plan_page


def test_a_block_whose_population_and_households_differ_by_more_than_5_percent_gets_a_hint(
    plan, blocks, officer, login
):
    for block in blocks[:3]:
        HouseholdFactory.create_batch(4, block=block, members=25)  # 100 members in each
    HouseholdFactory(block=blocks[0], members=40, moved_out_on="2024-05-01")  # gone before 31/12: not counted
    for block, population in zip(blocks[:3], (105, 106, 94), strict=True):
        BlockFigures.objects.create(
            block=block, year=2024, population=population, regular_exercisers=50, legal_education_reached=50
        )
    page = login(officer).get("/so-lieu/2024/").content.decode()
    hint = (
        '<div class="small text-warning-emphasis population-hint">'
        "Khác hơn 5 % so với số nhân khẩu của các hộ trong sổ (100 người): kiểm tra lại.</div>"
    )
    assert page.count(hint) == 2  # 106 and 94 are more than 5 % away; 105 is exactly 5 %
    row = page[page.index('data-block="2"') :]
    assert row[: row.index("</tr>")].count(hint) == 1
    row = page[page.index('data-block="1"') :]
    assert hint not in row[: row.index("</tr>")]
