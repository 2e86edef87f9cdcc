"""Test data builders (factory_boy)."""

import factory

from campaigns.models import BlockFigures, Organisation
from caolocculture.models import Role, User
from caolocculture.permissions import COMMUNE_ROLES
from households.models import Block, Commune, CulturalHouse, Household
from recognition.models import NotAssessedCase, Recognition, Title, before_app_decision


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "An"
    last_name = "Nguyễn Văn"
    role = Role.STEERING
    password = factory.django.Password("mat-khau-thu")
    # A commune role works in a commune: the installation's first (the plan's), when there is one.
    commune = factory.LazyAttribute(
        lambda u: Commune.objects.installation().first() if u.role in COMMUNE_ROLES else None
    )


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    kind = "xa"
    province = "tỉnh Thử"
    place_name = "Thử"
    people_committee = "UBND XÃ THỬ"
    steering_committee = "BAN CHỈ ĐẠO PHONG TRÀO XÃ THỬ"


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    commune = factory.SubFactory(CommuneFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda b: f"Khối {b.number}")


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    block = factory.SubFactory(BlockFactory)
    code = factory.Sequence(lambda n: f"HO-{n:05d}")
    head_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    members = 4


def _subject(r):
    """The block (of the household) or organisation whose commune a title belongs to."""
    for name in ("household", "block", "organisation"):
        subject = getattr(r, name, None)
        if subject is not None:
            return subject.block if name == "household" else subject
    raise ValueError("a recognition needs a subject")


class FamilyRecognitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recognition

    title = Title.CULTURAL_FAMILY
    year = 2024
    household = factory.SubFactory(HouseholdFactory)
    source = Recognition.Source.IMPORTED
    valid_until = factory.SelfAttribute("year")
    # Every title has a decision: history gets the commune's "before the app" one.
    decision = factory.LazyAttribute(lambda r: before_app_decision(_subject(r).commune, r.title, r.year))


class BlockRecognitionFactory(FamilyRecognitionFactory):
    title = Title.CULTURAL_BLOCK
    household = None
    block = factory.SubFactory(BlockFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Cơ quan {n}")
    kind = Organisation.Kind.AGENCY
    in_registry_since = 2021


class OrganisationRecognitionFactory(FamilyRecognitionFactory):
    title = Title.CULTURAL_ORGANISATION
    household = None
    organisation = factory.SubFactory(OrganisationFactory)
    valid_until = factory.LazyAttribute(lambda r: r.year + 4)


class BlockFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlockFigures

    block = factory.SubFactory(BlockFactory)
    year = 2024
    population = 1000
    regular_exercisers = 600
    legal_education_reached = 1000
    status = BlockFigures.Status.APPROVED


class CulturalHouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CulturalHouse

    block = factory.SubFactory(BlockFactory)
    state = CulturalHouse.State.IN_USE
    in_use_since = 2010


class NotAssessedCaseFactory(factory.django.DjangoModelFactory):
    """A case of Nghị định 86/2023, Điều 6 (the migration seeds them; transactional tests empty
    the tables, so tests ask for the ones they use)."""

    class Meta:
        model = NotAssessedCase
        django_get_or_create = ("text",)

    order = factory.Sequence(lambda n: n + 1)
    text = "Có thành viên bị xử phạt vi phạm hành chính về hành vi đánh bạc"
