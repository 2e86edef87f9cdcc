from dataclasses import dataclass

from campaigns.models import Plan
from caolocculture.permissions import Action, blocks_for, can

from .indicators import BlockResult, IndicatorResult, compute


@dataclass
class IndicatorsView:
    """The indicators a user may see: commune-wide ones for commune roles, their
    own blocks' for a khối trưởng."""

    plan: Plan
    commune: list[IndicatorResult] | None
    blocks: list[BlockResult]


def indicators_for(user, plan: Plan) -> IndicatorsView:
    result = compute(plan)
    if can(user, Action.VIEW_COMMUNE):
        return IndicatorsView(plan=plan, commune=result.indicators, blocks=result.blocks)
    visible = set(blocks_for(user).values_list("pk", flat=True))
    return IndicatorsView(plan=plan, commune=None, blocks=[b for b in result.blocks if b.block.pk in visible])
