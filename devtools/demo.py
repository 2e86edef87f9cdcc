"""Demo data for trying the app: clearly labelled, never for production."""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from campaigns.models import Activity, BlockFigures, BudgetLine, Organisation, Plan
from campaigns.selectors import title_authority
from campaigns.services import plan_load, read_plan_file
from caolocculture.bulk import insert_with_history
from caolocculture.models import Position, Role, User
from caolocculture.permissions import COMMUNE_ROLES
from caolocculture.scope import working_in
from households.models import Block, Commune, CulturalHouse, Household, UnitKind
from recognition import services
from recognition.models import Decision, Meeting, MeetingResult, MeetingStep, Recognition, Title
from recognition.rules import VoteRule
from recognition.selectors import exemplary_candidates

DEMO_LABEL = "Dữ liệu mẫu"
DEMO_PASSWORD = "vanhoa2024"
YEARS = range(2021, 2025)  # figures; titles: the years before the season under way
SEASON = YEARS[-1]
DECIDED_BLOCKS, POSTED_BLOCKS = (1, 2, 3), (4, 5, 6)  # the rest have not met yet
CULTURAL_BLOCKS = (1, 2, 3, 4, 5, 6)  # Tổ dân phố văn hóa of the season: the district's decision, recorded

SURNAMES = ["Nguyễn", "Hoàng", "Lương", "Nông", "Vi", "Lý", "Trần", "Lê", "Phạm", "Hà", "Đinh", "Lăng", "Triệu", "Mã"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Thu", "Quang", "Ngọc", "Hữu", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thảo",
    "Thủy",
    "Trung",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
]
STREETS = [
    "đường Hùng Vương",
    "đường Lý Thường Kiệt",
    "đường Bà Triệu",
    "đường Trần Hưng Đạo",
    "ngõ Chợ",
    "đường Nguyễn Du",
    "ngõ Ga",
    "đường Lê Lợi",
]
# "{unit}" becomes the commune's kind (xã, phường, thị trấn).
ORGANISATIONS = [
    ("UBND {unit}", "agency"),
    ("Công an {unit}", "agency"),
    ("Trạm Y tế {unit}", "unit"),
    ("Trường Mầm non {unit}", "school"),
    ("Trường Tiểu học {unit}", "school"),
    ("Trường THCS {unit}", "school"),
    ("Trường THPT số 1", "school"),
    ("Bưu điện văn hóa", "unit"),
    ("Chi nhánh điện lực", "enterprise"),
    ("Hợp tác xã dịch vụ", "enterprise"),
    ("Công ty TNHH vật liệu xây dựng", "enterprise"),
    ("Quỹ tín dụng nhân dân", "enterprise"),
]
USERS = [
    ("canbo", Role.OFFICER, "Hoàng Thu Trang"),
    ("chutich", Role.CHAIRMAN, "Lê Thanh Hải"),
    ("bcd", Role.STEERING, "Nông Văn Tuấn"),
    ("quantri", Role.ADMIN, "Quản trị hệ thống"),
]


class DemoAlreadyLoaded(Exception):
    pass


def _user(username: str, role: str, full_name: str, password_hash: str, created: list, commune=None) -> User:
    """A demo account; a commune role works in `commune` (the province and the admin in none)."""
    last, _, first = full_name.rpartition(" ")
    commune = commune if role in COMMUNE_ROLES else None
    # The demo's chairman signs as such: the decision form fills the signature from it.
    position = Position.CHAIRMAN if role == Role.CHAIRMAN else ""
    user, is_new = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "position": position,
            "first_name": first,
            "last_name": last,
            "password": password_hash,
            "commune": commune,
        },
    )
    if is_new:
        created.append(user)
    elif commune is not None and user.commune_id is None:
        user.commune = commune
        user.save(update_fields=["commune"])
    return user


@transaction.atomic
def demo_seed(*, households_per_block: int = 300, seed: int = 2024) -> dict:
    """Users, households, recognitions 2021–2024, figures, organisations and
    cultural houses, all marked 'Dữ liệu mẫu'. Refuses to run twice."""
    if Household.objects.filter(note=DEMO_LABEL).exists():
        raise DemoAlreadyLoaded
    rng = random.Random(seed)
    blocks = list(Block.objects.order_by("number"))
    commune = blocks[0].commune
    # One shared demo password, hashed once (PBKDF2 takes ~0.5 s a go).
    password_hash = make_password(DEMO_PASSWORD)
    created = []  # only new accounts get (and are told) the demo password
    users = [_user(*spec, password_hash, created, commune) for spec in USERS]
    for block in blocks:
        leader = _user(
            f"khoi{block.number}",
            Role.BLOCK_LEADER,
            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            password_hash,
            created,
            commune,
        )
        block.leader = leader
        block.save(update_fields=["leader"])
        users.append(leader)

    households = []
    for block in blocks:
        for i in range(1, households_per_block + rng.randint(-20, 20) + 1):
            moved_out = datetime.date(rng.choice(YEARS), rng.randint(1, 12), 1) if rng.random() < 0.02 else None
            households.append(
                Household(
                    block=block,
                    commune_id=block.commune_id,
                    code=f"K{block.number:02d}-{i:03d}",
                    head_name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    address=f"Số {rng.randint(1, 200)}, {rng.choice(STREETS)}, {block.name}",
                    members=rng.randint(1, 7),
                    phone=f"09{rng.randint(10000000, 99999999)}",
                    note=DEMO_LABEL,
                    moved_out_on=moved_out,
                )
            )
    for household in households:
        household.refresh_search_text()  # bulk_create skips save()
    households = bulk_create_with_history(households, Household)

    # Titles of the years before the season: the commune's decisions on paper, recorded.
    chairman = next(u for u in users if u.role == Role.CHAIRMAN)
    officer = next(u for u in users if u.role == Role.OFFICER)
    recorded = {
        (title, year): _recorded(commune, title, year, officer)
        for year in YEARS[:-1]
        for title in (Title.CULTURAL_FAMILY, Title.CULTURAL_BLOCK)
    }
    recognitions = []
    for household in households:
        strength = rng.random()
        for year in YEARS[:-1]:
            if household.moved_out_on and household.moved_out_on.year <= year:
                break
            if rng.random() < 0.95 + 0.04 * strength:
                recognitions.append(
                    Recognition(
                        title=Title.CULTURAL_FAMILY,
                        year=year,
                        household=household,
                        source=Recognition.Source.IMPORTED,
                        valid_until=year,
                        decision=recorded[Title.CULTURAL_FAMILY, year],
                        note=DEMO_LABEL,
                    )
                )
    figures = []
    for block in blocks:
        population = sum(h.members for h in households if h.block_id == block.pk)
        for year in YEARS:
            if year != SEASON and rng.random() < 0.9:
                recognitions.append(
                    Recognition(
                        title=Title.CULTURAL_BLOCK,
                        year=year,
                        block=block,
                        source=Recognition.Source.IMPORTED,
                        valid_until=year,
                        decision=recorded[Title.CULTURAL_BLOCK, year],
                        note=DEMO_LABEL,
                    )
                )
            figures.append(
                BlockFigures(
                    block=block,
                    year=year,
                    population=population,
                    regular_exercisers=int(population * rng.uniform(0.52, 0.68)),
                    legal_education_reached=int(population * rng.uniform(0.96, 1.0)),
                    # The sports assessment at 31/10, from the population (no draw: the
                    # demo's random figures stay as they were).
                    sporting_families=population // 9,
                    sports_clubs=1 + population // 600,
                    sports_collaborators=2 + population // 250,
                    status=BlockFigures.Status.APPROVED,
                )
            )
        in_use = block.number != len(blocks)
        CulturalHouse.objects.update_or_create(
            block=block,
            defaults={
                "state": CulturalHouse.State.IN_USE if in_use else CulturalHouse.State.IN_PROCEDURE,
                "in_use_since": rng.randint(2005, 2022) if in_use else None,
                "meets_standard": in_use and rng.random() < 0.7,
                "notes": DEMO_LABEL,
            },
        )
    for name, kind in ORGANISATIONS:
        org = Organisation.objects.create(
            commune=commune,
            name=f"{name.format(unit=commune.get_kind_display().lower())} ({DEMO_LABEL.lower()})",
            kind=kind,
            address=DEMO_LABEL,
        )
        first = rng.choice([2019, 2020, 2021, 2022, None])
        if first:
            recognitions.append(
                Recognition(
                    title=Title.CULTURAL_ORGANISATION,
                    year=first,
                    organisation=org,
                    source=Recognition.Source.IMPORTED,
                    valid_until=first + 4,
                    decision=_recorded(commune, Title.CULTURAL_ORGANISATION, first, officer),
                    note=DEMO_LABEL,
                )
            )
    # This year's figures of the first two blocks are still on their way, so the
    # approval steps and "what is due" have something to show.
    for f in figures:
        if f.year == YEARS[-1] and f.block == blocks[0]:
            f.status = BlockFigures.Status.SUBMITTED
        if f.year == YEARS[-1] and f.block == blocks[1]:
            f.status = BlockFigures.Status.DRAFT
    bulk_create_with_history(figures, BlockFigures)
    bulk_create_with_history(recognitions, Recognition)
    _demo_operations(rng, blocks)
    decided = _demo_season(rng, blocks, chairman, officer)
    decided += _demo_december(blocks, chairman, officer)
    _demo_commendation(chairman)
    return {
        "users": users,
        "created": created,
        "households": len(households),
        "recognitions": len(recognitions) + decided,
    }


def _recorded(commune, title: str, year: int, officer) -> Decision:
    """A demo decision on paper: the commune's for households and organisations, the
    district's for blocks (as before 1/7/2025)."""
    district = title == Title.CULTURAL_BLOCK
    decision, _created = Decision.objects.get_or_create(
        commune=commune,
        kind=Decision.Kind.RECORDED,
        title=title,
        year=year,
        number={Title.CULTURAL_FAMILY: 210, Title.CULTURAL_BLOCK: 1450, Title.CULTURAL_ORGANISATION: 95}[title],
        defaults={
            "symbol": "QĐ-UBND",
            "issued_on": datetime.date(year, 12, 20 if not district else 28),
            "signer_name": "Lê Thanh Hải" if not district else "Hoàng Văn Minh",
            "signer_title": "Chủ tịch" if not district else "Chủ tịch UBND huyện",
            "issuing_body": f"UBND {commune.district}" if district else commune.people_committee,
            "grounds": DEMO_LABEL,
            "issued_by": officer,
        },
    )
    return decision


def _demo_season(rng: random.Random, blocks: list[Block], chairman, officer) -> int:
    """The plan's year mid-season, through the app's own steps: three blocks decided,
    three met and posted, the rest not met yet, so one block can be carried to its decision."""

    def meeting_with_results(block: Block, day: int) -> Meeting:
        held_at = timezone.make_aware(datetime.datetime(SEASON, 11, day, 19, 30))
        meeting, _warnings = services.meeting_open(
            block=block,
            year=SEASON,
            by=block.leader,
            held_at=held_at,
            place=f"Nhà văn hóa {block.name}",
            chair=str(block.leader),
            secretary="Nông Thị Lan",
            invited=60,
            present=rng.randint(45, 58),
            attendees="Trưởng Ban Công tác Mặt trận\nChi hội trưởng Phụ nữ\nChi hội trưởng Cựu chiến binh",
        )
        rule = VoteRule.of_meeting(meeting)
        rows = []
        for pk in block.households.filter(moved_out_on__isnull=True).values_list("pk", flat=True):
            agreed = meeting.present if rng.random() < 0.96 else rng.randint(5, meeting.present // 2)
            passed = rule.passes(agreed, meeting.present)
            rows.append(
                {
                    "meeting_id": meeting.pk,
                    "household_id": pk,
                    "year": SEASON,
                    "agreed": agreed,
                    "excluded": False,
                    "passed": passed,
                    "entered_by_id": block.leader.pk,
                    "reason": "" if passed else "Không đủ số người tán thành theo quy định.",
                }
            )
        insert_with_history(MeetingResult, rows, user=block.leader, reason=DEMO_LABEL)
        services.meeting_post(
            meeting=meeting,
            starts_on=held_at.date() + datetime.timedelta(days=1),
            by=block.leader,
            place=f"Nhà văn hóa {block.name}",
        )
        return meeting

    decided = []
    for block in blocks:
        if block.number in DECIDED_BLOCKS:
            meeting = meeting_with_results(block, 8)
            services.meeting_submit(meeting=meeting, by=block.leader)
            decided.append(services.meeting_check(meeting=meeting, by=officer))
        elif block.number in POSTED_BLOCKS:
            meeting_with_results(block, 16)
    if not decided:
        return 0
    decision = services.decision_issue(
        meetings=decided,
        number=185,
        issued_on=datetime.date(SEASON, 11, 25),
        signer_name=str(chairman),
        signer_title="CHỦ TỊCH",
        by=chairman,
    )
    _date_the_steps(decision)
    return decision.recognitions.count()


def _date_the_steps(decision: Decision) -> None:
    """The season's steps on the days they would have happened (the papers print them: the
    written request is dated from the sending, the decision names it), not the day of seeding."""

    def at(day: datetime.date, hour: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))

    for meeting in Meeting.objects.filter(year=SEASON).select_related("posting"):
        posting = meeting.posting
        days = {
            MeetingStep.Action.HELD: meeting.held_at,
            MeetingStep.Action.POSTED: at(posting.starts_on, 8),
            MeetingStep.Action.SUBMITTED: at(posting.ends_on, 8),  # the day after the posting's last
            MeetingStep.Action.CHECKED: at(posting.ends_on + datetime.timedelta(days=1), 9),
            MeetingStep.Action.DECIDED: at(decision.issued_on, 10),
        }
        for action, day in days.items():
            meeting.steps.filter(action=action).update(at=day)


def _demo_december(blocks: list[Block], chairman, officer) -> int:
    """The rest of the season's record, so every paper has something to print: the Tổ dân phố
    văn hóa dossiers decided by the district (recorded by the officer), an organisation recognised
    by the body the plan names, and a title of 2023 taken back by a withdrawal decision. Khối 7–10
    keep nothing of 2024 (they have not met yet)."""
    commune = blocks[0].commune
    dossiers = []
    for block in blocks:
        if block.number not in CULTURAL_BLOCKS:
            continue
        dossier = services.block_title_report(
            block=block,
            year=SEASON,
            achievements=f"{block.name} giữ vững nếp sống văn minh, an ninh trật tự ổn định; "
            f"nhà văn hóa sinh hoạt đều; không có tệ nạn xã hội ({DEMO_LABEL.lower()}).",
            reported_on=datetime.date(SEASON, 11, 12),
            by=block.leader,
        )
        dossier = services.block_title_review(
            dossier=dossier,
            propose=True,
            opinion="Đủ tiêu chuẩn, đề nghị xét tặng.",
            council_met_on=datetime.date(SEASON, 11, 26),
            council_members="Lê Thanh Hải – Chủ tịch UBND thị trấn, Chủ tịch Hội đồng\n"
            "Hoàng Thu Trang – công chức Văn hóa - Xã hội, Thư ký Hội đồng\n"
            "Nông Văn Tuấn – Chủ tịch UBMTTQ thị trấn",
            by=officer,
        )
        dossier = services.block_title_post(dossier=dossier, starts_on=datetime.date(SEASON, 11, 28), by=officer)
        dossiers.append(
            services.block_title_submit(dossier=dossier, submitted_on=datetime.date(SEASON, 12, 9), by=officer)
        )
    added = 0
    if dossiers:
        district = title_authority(commune, Title.CULTURAL_BLOCK, SEASON)
        services.block_title_decide(
            dossiers=dossiers,
            number=1520,
            issued_on=datetime.date(SEASON, 12, 20),
            signer_name="Hoàng Văn Minh",
            signer_title="Chủ tịch",
            symbol=district.symbol or "QĐ-UBND",
            by=officer,
        )
        added += len(dossiers)
    # Organisations: the body the plan names decides; the officer records its decision.
    organisations = [
        o
        for o in Organisation.objects.filter(commune=commune).order_by("name")
        if not Recognition.objects.holding_in(SEASON).filter(organisation=o).exists()
    ][:2]
    if organisations:
        authority = title_authority(commune, Title.CULTURAL_ORGANISATION, SEASON)
        services.recorded_decision_record(
            commune=commune,
            title=Title.CULTURAL_ORGANISATION,
            year=SEASON,
            number=1533,
            symbol=authority.symbol or "QĐ-UBND",
            issued_on=datetime.date(SEASON, 12, 23),
            signer_name="Hoàng Văn Minh",
            signer_title="Chủ tịch",
            issuing_body=authority.body or commune.superior_body,
            organisations=organisations,
            grounds=DEMO_LABEL,
            by=officer,
        )
        added += len(organisations)
    # A title taken back: the 2023 title of a Khối 2 household, by the chairman who gave it.
    taken = (
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=SEASON - 1, household__block=blocks[1])
        .select_related("household")
        .order_by("household__code")
        .first()
    )
    if taken is not None:
        services.withdrawal_issue(
            recognitions=[taken],
            number=12,
            issued_on=datetime.date(SEASON, 3, 15),
            signer_name=str(chairman),
            signer_title="CHỦ TỊCH",
            grounds=f"Hộ {taken.household.head_name} bị xử phạt vi phạm hành chính về đánh bạc trong năm "
            f"{SEASON - 1} (thuộc trường hợp không xét tặng, Điều 6 Nghị định 86/2023/NĐ-CP), phát hiện sau "
            f"khi đã tặng danh hiệu ({DEMO_LABEL.lower()}).",
            by=chairman,
        )
    return added


def _demo_commendation(chairman) -> None:
    """The chairman's commendation of a few Gia đình văn hóa tiêu biểu of the season (three years
    in a row), within the year's cap: a decision with its list and a Giấy khen each."""
    candidates = exemplary_candidates(SEASON)
    room = candidates["cap"] if candidates["cap"] is not None else len(candidates["households"])
    chosen = candidates["households"][: min(5, room)]
    if chosen:
        services.commendation_issue(
            households=chosen,
            year=SEASON,
            number=190,
            issued_on=datetime.date(SEASON, 12, 10),
            signer_name=str(chairman),
            signer_title="CHỦ TỊCH",
            by=chairman,
        )


def _demo_operations(rng: random.Random, blocks: list[Block]) -> None:
    """The latest plan's year under way: task progress, activities, budget lines."""
    plan = Plan.objects.order_by("-year").first()
    if plan is None:
        return
    tasks = list(plan.tasks.order_by("order"))
    for task, status, month in zip(
        tasks, ["done", "done", "in_progress", "in_progress", "not_started"], [3, 6, 9, 10, 6], strict=False
    ):
        task.status, task.deadline = status, datetime.date(plan.year, month, 30)
        task.progress_notes = f"{DEMO_LABEL}: " + ("đã hoàn thành." if status == "done" else "đang triển khai.")
        task.save()
    kinds = [Activity.Kind.PROPAGANDA, Activity.Kind.LEGAL_EDUCATION, Activity.Kind.SPORTS]
    activities = [
        Activity(
            plan=plan,
            kind=kinds[i % 3],
            held_on=datetime.date(plan.year, 1 + i % 10, 5 + i % 20),
            title=f"{Activity.Kind(kinds[i % 3]).label} tại {block.name} ({DEMO_LABEL.lower()})",
            block=block,
            organiser="Ban Công tác Mặt trận",
            attendance=rng.randint(30, 120),
            task=tasks[1] if tasks[1:] else None,
        )
        for i, block in enumerate(blocks)
    ]
    activities.append(
        Activity(
            plan=plan,
            kind=Activity.Kind.UNITY_DAY,
            held_on=datetime.date(plan.year, 11, 18),
            title=f"Ngày hội Đại đoàn kết toàn dân tộc ({DEMO_LABEL.lower()})",
            organiser="UBMTTQ thị trấn",
            attendance=650,
        )
    )
    bulk_create_with_history(activities, Activity)
    lines = {
        "state_budget": [
            ("In tài liệu, pa nô tuyên truyền", 15_000_000, 12_500_000),
            ("Hội nghị tổng kết phong trào", 20_000_000, 0),
        ],
        "socialisation": [("Giải bóng chuyền hơi Ngày hội Đại đoàn kết", 25_000_000, 23_000_000)],
    }
    for funding in plan.fundings.all():
        for name, planned, spent in lines.get(funding.source, []):
            BudgetLine.objects.create(
                funding=funding,
                name=f"{name} ({DEMO_LABEL.lower()})",
                planned_vnd=planned,
                spent_vnd=spent,
                task=tasks[0] if tasks else None,
            )


# -- a province: more communes ------------------------------------------------------------

# Generated communes' names: "Xã Hòa Bình 2", "Xã Tân Thành 3"… (numbered, so never two alike).
COMMUNE_NAMES = ["Hòa Bình", "Tân Thành", "Yên Trạch", "Thụy Hùng", "Gia Cát", "Hợp Thành", "Mẫu Sơn", "Công Sơn"]
PROVINCE_USER = ("tinh", Role.PROVINCE, "Sở Văn hóa Thể thao Du lịch")


def demo_commune_name(index: int) -> str:
    """The `index`-th commune of the demo (2, 3, …): 'Xã Hòa Bình 2'."""
    return f"Xã {COMMUNE_NAMES[(index - 2) % len(COMMUNE_NAMES)]} {index}"


def _commune_plan_data(index: int, rng: random.Random) -> dict:
    """The seed's plan file as another commune's: its profile, and 10–40 units, thôn and a few
    khối phố (the commune calls them thôn; a khối is named and titled as one)."""
    data = read_plan_file()
    name = demo_commune_name(index)
    data["commune"] = {
        "name": name,
        "kind": "xa",
        "district": "",
        "province": data["commune"]["province"],
        "place_name": name.removeprefix("Xã ").rsplit(" ", 1)[0],
        "people_committee": f"UBND {name.upper()}",
        "superior_body": "UBND TỈNH LẠNG SƠN",
        "steering_committee": f"BAN CHỈ ĐẠO PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA” {name.upper()}",
        "unit_kind": UnitKind.VILLAGE,
    }
    count = rng.randint(10, 40)
    towns = rng.randint(0, 3)  # the merged commune's former town centre: a few khối phố
    data["blocks"] = [
        {"number": n, "name": f"Khối {n}", "kind": UnitKind.BLOCK}
        if n <= towns
        else {"number": n, "name": f"Thôn {n - towns}", "kind": UnitKind.VILLAGE}
        for n in range(1, count + 1)
    ]
    return data


@transaction.atomic
def demo_communes(*, count: int, households_per_block: int = 40, seed: int = 2024) -> dict:
    """Communes 2…`count` of the demo province (the first is the seed's), each from the seed's
    plan file, with its own users (canbo-2, chutich-2, bcd-2, khoi1-2…), households, titles of
    2021–2023 (and 2024 for about half of them), approved figures, cultural houses and
    organisations; and the province's `tinh`. A commune already there is left as it is."""
    rng = random.Random(seed)
    password_hash = make_password(DEMO_PASSWORD)
    created: list[User] = []
    first = Commune.objects.order_by("pk").first()
    # The first commune's people (demo_seed's canbo, chutich, bcd and khối trưởng) work on it;
    # the IT admin, like the province, on none.
    commune_people = [username for username, role, _name in USERS if role != Role.ADMIN]
    User.objects.filter(username__in=commune_people, commune__isnull=True).update(commune=first)
    User.objects.filter(led_blocks__commune=first, commune__isnull=True).update(commune=first)
    _user(*PROVINCE_USER, password_hash, created)
    households_made = recognitions_made = 0
    communes = []
    for index in range(2, count + 1):
        data = _commune_plan_data(index, rng)
        if Commune.objects.named(data["commune"]["name"]).exists():
            continue
        plan_load(data=data)
        commune = Commune.objects.named(data["commune"]["name"]).get()
        communes.append(commune)
        with working_in(commune):  # no request here: the services write to this commune
            h, r = _demo_commune(commune, index, rng, households_per_block, password_hash, created)
        households_made += h
        recognitions_made += r
    return {"communes": communes, "created": created, "households": households_made, "recognitions": recognitions_made}


def _demo_commune(commune, index: int, rng: random.Random, per_block: int, password_hash: str, created: list):
    suffix = f"-{index}"
    officer = _user(f"canbo{suffix}", Role.OFFICER, "Hoàng Thị Thu", password_hash, created)
    for username, role, name in USERS[1:3]:
        _user(f"{username}{suffix}", role, name, password_hash, created)
    blocks = list(Block.objects.filter(commune=commune).order_by("number"))
    for block in blocks:
        block.leader = _user(
            f"khoi{block.number}{suffix}",
            Role.BLOCK_LEADER,
            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            password_hash,
            created,
        )
    Block.objects.bulk_update(blocks, ["leader"])
    User.objects.filter(username__endswith=suffix, commune__isnull=True).update(commune=commune)

    households = []
    for block in blocks:
        for i in range(1, per_block + rng.randint(-(per_block // 4), per_block // 4) + 1):
            households.append(
                Household(
                    block=block,
                    commune=commune,
                    code=f"X{index:02d}-{block.number:02d}-{i:03d}",
                    head_name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    address=f"{block.name}, {commune.name}",
                    members=rng.randint(1, 7),
                    note=DEMO_LABEL,
                )
            )
    for household in households:
        household.refresh_search_text()
    households = bulk_create_with_history(households, Household, batch_size=2000)

    # Titles: every year before the season; the season's for about half the communes (decided).
    years = list(YEARS[:-1]) + ([SEASON] if index % 2 == 0 else [])
    decisions = {year: _recorded(commune, Title.CULTURAL_FAMILY, year, officer) for year in years}
    share = rng.uniform(0.90, 0.995)  # a commune's own level: some meet 97 %, some do not
    recognitions = [
        Recognition(
            title=Title.CULTURAL_FAMILY,
            year=year,
            household=household,
            source=Recognition.Source.IMPORTED,
            valid_until=year,
            decision=decisions[year],
            note=DEMO_LABEL,
        )
        for household in households
        for year in years
        if rng.random() < share
    ]
    block_titles = _recorded(commune, Title.CULTURAL_BLOCK, SEASON - 1, officer)
    recognitions += [
        Recognition(
            title=Title.CULTURAL_BLOCK,
            year=SEASON - 1,
            block=block,
            source=Recognition.Source.IMPORTED,
            valid_until=SEASON - 1,
            decision=block_titles,
            note=DEMO_LABEL,
        )
        for block in blocks
        if rng.random() < 0.85
    ]
    figures, houses = [], []
    for block in blocks:
        population = sum(h.members for h in households if h.block_id == block.pk)
        for year in YEARS:
            approved = year != SEASON or rng.random() < 0.6
            figures.append(
                BlockFigures(
                    block=block,
                    year=year,
                    population=population,
                    regular_exercisers=int(population * rng.uniform(0.45, 0.68)),
                    legal_education_reached=int(population * rng.uniform(0.9, 1.0)),
                    status=BlockFigures.Status.APPROVED if approved else BlockFigures.Status.SUBMITTED,
                )
            )
        in_use = rng.random() < 0.85
        houses.append(
            CulturalHouse(
                block=block,
                state=CulturalHouse.State.IN_USE if in_use else CulturalHouse.State.NONE,
                in_use_since=rng.randint(2005, 2023) if in_use else None,
                notes=DEMO_LABEL,
            )
        )
    bulk_create_with_history(figures, BlockFigures, batch_size=2000)
    bulk_create_with_history(houses, CulturalHouse)
    organisations = bulk_create_with_history(
        [
            Organisation(
                commune=commune,
                name=f"{name.format(unit='xã')} ({DEMO_LABEL.lower()})",
                kind=kind,
                address=DEMO_LABEL,
            )
            for name, kind in ORGANISATIONS[:6]
        ],
        Organisation,
    )
    org_titles = _recorded(commune, Title.CULTURAL_ORGANISATION, 2022, officer)
    recognitions += [
        Recognition(
            title=Title.CULTURAL_ORGANISATION,
            year=2022,
            organisation=org,
            source=Recognition.Source.IMPORTED,
            valid_until=2026,
            decision=org_titles,
            note=DEMO_LABEL,
        )
        for org in organisations
        if rng.random() < 0.7
    ]
    bulk_create_with_history(recognitions, Recognition, batch_size=5000)
    return len(households), len(recognitions)
