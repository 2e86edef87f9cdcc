"""Who may see and change what: the one place every view, export, import and
command asks. Views never compare roles themselves.

A khối trưởng acts only inside the blocks they lead; every other role is
commune-wide (read-only for the steering committee, decisions for the chairman).

One installation serves a province: a commune role (officer, chairman, steering member, khối
trưởng) works only on its own commune (`User.commune`) and reaches nothing of another's, by
any id; the province (Sở VHTTDL) reads every commune and writes nothing; the system admin and
a superuser choose the commune they look at (caolocculture.scope).
"""

from enum import StrEnum
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from . import scope
from .models import Role, User

# Whoever asks: a signed-in person or, before login, Django's anonymous user.
Person = User | AnonymousUser


class Action(StrEnum):
    VIEW_COMMUNE = "view_commune"  # commune-wide figures, lists and reports
    VIEW_BLOCK = "view_block"  # one block's households, figures and meetings
    EDIT_BLOCK = "edit_block"  # a block's households, figures and meeting results
    MANAGE_BLOCKS = "manage_blocks"  # move households between blocks, import for any block
    EDIT_PLAN = "edit_plan"  # plan, targets, tasks, committee, funding, organisations
    APPROVE = "approve"  # check dossiers, approve figures, reopen a locked year
    ISSUE_DECISION = "issue_decision"  # recognition decisions
    USE_ADMIN = "use_admin"  # Django admin
    MANAGE_USERS = "manage_users"  # accounts and roles
    VIEW_PROVINCE = "view_province"  # every commune's figures side by side (Sở VHTTDL), read-only


# Actions checked against a particular block: a khối trưởng holds them only there.
BLOCK_SCOPED = {Action.VIEW_BLOCK, Action.EDIT_BLOCK}

POLICY: dict[str, frozenset[Action]] = {
    Role.OFFICER: frozenset(
        {
            Action.VIEW_COMMUNE,
            Action.VIEW_BLOCK,
            Action.EDIT_BLOCK,
            Action.MANAGE_BLOCKS,
            Action.EDIT_PLAN,
            Action.APPROVE,
            Action.USE_ADMIN,
        }
    ),
    Role.BLOCK_LEADER: frozenset({Action.VIEW_BLOCK, Action.EDIT_BLOCK}),
    Role.STEERING: frozenset({Action.VIEW_COMMUNE, Action.VIEW_BLOCK}),
    Role.CHAIRMAN: frozenset({Action.VIEW_COMMUNE, Action.VIEW_BLOCK, Action.ISSUE_DECISION}),
    Role.ADMIN: frozenset({Action.VIEW_COMMUNE, Action.VIEW_BLOCK, Action.USE_ADMIN, Action.MANAGE_USERS}),
    Role.PROVINCE: frozenset({Action.VIEW_PROVINCE, Action.VIEW_COMMUNE, Action.VIEW_BLOCK}),
}


# The roles that belong to one commune: without a commune such a person may do nothing.
COMMUNE_ROLES = frozenset({Role.OFFICER, Role.BLOCK_LEADER, Role.STEERING, Role.CHAIRMAN})


def role_of(user: Person) -> str | None:
    if not isinstance(user, User) or not user.is_active:
        return None
    if user.role:
        return user.role
    return Role.ADMIN if user.is_superuser else None


def _led_block_ids(user: User) -> set[int]:
    # Cached on the user object: one query per request, however many checks.
    if not hasattr(user, "_led_block_ids"):
        user._led_block_ids = set(user.led_blocks.values_list("pk", flat=True))  # type: ignore[attr-defined]  # a cache, not a field
    return user._led_block_ids  # type: ignore[attr-defined]  # set above


def belongs_to_a_commune(user: Person) -> bool:
    """A commune role (not a superuser): works only on `user.commune`."""
    return isinstance(user, User) and not user.is_superuser and role_of(user) in COMMUNE_ROLES


def lacks_commune(user: Person) -> bool:
    """A commune role with no commune: refused everything, shown nothing."""
    return belongs_to_a_commune(user) and user.commune_id is None  # type: ignore[union-attr]  # a User, checked above


def chooses_commune(user: Person) -> bool:
    """The province, the system admin and a superuser pick the commune they look at."""
    return isinstance(user, User) and user.is_active and not belongs_to_a_commune(user) and role_of(user) is not None


def is_read_only(user: Person) -> bool:
    """The province (Sở VHTTDL) reads every commune and changes nothing, by any page or POST."""
    return isinstance(user, User) and not user.is_superuser and role_of(user) == Role.PROVINCE


def commune_pk_for(user: Person) -> "int | None | scope._Unset":
    """The commune `user` works on now: a commune role's own; for those who choose, the scope's
    (the commune chosen in the request, or set by a command); scope.UNSET when none is set."""
    if belongs_to_a_commune(user):
        return user.commune_id  # type: ignore[union-attr]  # a User, checked above
    return scope.current_pk()


def in_commune(user: Person, path: str) -> Q:
    """A filter keeping the rows (reached by `path`, e.g. "plan__commune") of the commune `user`
    works on: nothing for a commune role without a commune, everything when no scope is set."""
    pk = commune_pk_for(user)
    if pk is scope.UNSET:
        return Q()
    if pk is None:
        return Q(pk__in=[])
    return Q(**{path: pk})


def can(user: Person, action: Action, block: Model | None = None) -> bool:
    """May `user` do `action` (on `block`, for block-scoped actions)?"""
    role = role_of(user)
    if role is None or not isinstance(user, User):
        return False
    if user.is_superuser:
        return True
    if action not in POLICY.get(role, ()):
        return False
    if role in COMMUNE_ROLES and user.commune_id is None:
        return False
    if block is not None and role in COMMUNE_ROLES and getattr(block, "commune_id", user.commune_id) != user.commune_id:
        return False
    if role == Role.BLOCK_LEADER and action in BLOCK_SCOPED:
        if block is None:
            return bool(_led_block_ids(user))
        return block.pk in _led_block_ids(user)
    return True


def require(user: Person, action: Action, block: Model | None = None) -> None:
    if not can(user, action, block):
        raise PermissionDenied


def blocks_for(user: Person, action: Action = Action.VIEW_BLOCK) -> QuerySet[Any]:
    """The blocks `user` may do `action` on."""
    # The bottom floor names the model, not the app's module: caolocculture imports no app.
    Block = apps.get_model("households", "Block")

    role = role_of(user)
    if role is None or not isinstance(user, User) or not (user.is_superuser or action in POLICY.get(role, ())):
        return Block.objects.none()
    blocks = Block.objects.filter(in_commune(user, "commune"))
    if role == Role.BLOCK_LEADER and not user.is_superuser:
        return blocks.filter(leader=user)
    return blocks


def get_block_for(user: Person, pk: int | str, action: Action = Action.VIEW_BLOCK) -> Any:
    """Fetch a block the user may act on; 404 for one outside their reach so a
    guessed URL reveals nothing."""
    return get_object_or_404(blocks_for(user, action), pk=pk)


# -- one row, fetched by its id ----------------------------------------------------------
# The rules for a single thing a page opens by the id in its address. A role that may open none
# of its kind is refused before the row is looked up (403 whatever the id); a row out of the
# person's reach is a 404, so a guessed URL reveals nothing. Each takes the row (or nothing) and
# runs no query of its own; the scopes return a filter the selector puts into its one query.


def may_see_household_import(user: Person, job: Any) -> bool:
    """A households import is seen by the person who made it and by the officer (who imports for
    any block) of the uploader's commune. `job.uploaded_by` comes with the job."""
    if job.uploaded_by_id == user.pk:
        return True
    pk = commune_pk_for(user)
    same_commune = pk is scope.UNSET or (pk is not None and job.uploaded_by.commune_id == pk)
    return same_commune and can(user, Action.MANAGE_BLOCKS)


def may_see_figures_import(user: Person, job: Any) -> bool:
    """A block figures import is seen only by the person who uploaded the file (even by no officer)."""
    return job.uploaded_by_id == user.pk


def may_see_task_evidence(user: Person) -> bool:
    """A task's evidence, like the task, is for the commune-wide roles."""
    return can(user, Action.VIEW_COMMUNE)


def activities_in_reach(user: Person) -> Q:
    """The activities a person may see: the commune-wide ones, and those of the blocks they may
    see (an activity's evidence goes with it). As a filter: the blocks are a sub-query."""
    return (Q(block__isnull=True) | Q(block__in=blocks_for(user))) & in_commune(user, "plan__commune")


def may_see_decisions(user: Person) -> bool:
    """A decision, its signed paper and its scan are for the commune-wide roles (a khối trưởng
    prints their own block's certificates, through the block)."""
    return can(user, Action.VIEW_COMMUNE)


def may_see_report_files(user: Person) -> bool:
    """The year-end report's printings (their progress and the PDF) are for the commune-wide roles."""
    return can(user, Action.VIEW_COMMUNE)


def may_act_on_organisation(organisation: Any, commune: Model | None) -> bool:
    """An organisation is titled and registered only as one of this installation's commune
    (`commune`; None before a profile exists): another's is out of reach."""
    return commune is not None and organisation.commune_id == commune.pk
