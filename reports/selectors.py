from dataclasses import dataclass

from campaigns.models import Plan
from caolocculture.permissions import Action, blocks_for, can

from .indicators import BlockResult, IndicatorResult, compute


@dataclass
class IndicatorsView:
    """The indicators a user may see. `rows` are the targets with their progress:
    the commune's for commune roles, their own block's for a khối trưởng with one
    block. `blocks` are the per-block rows they may see."""

    plan: Plan
    scope: str  # the commune's or the block's name, for the caption
    rows: list[IndicatorResult]
    blocks: list[BlockResult]
    commune_wide: bool


def indicators_for(user, plan: Plan) -> IndicatorsView:
    result = compute(plan)
    if can(user, Action.VIEW_COMMUNE):
        return IndicatorsView(plan, plan.commune.name, result.indicators, result.blocks, commune_wide=True)
    visible = set(blocks_for(user).values_list("pk", flat=True))
    blocks = [b for b in result.blocks if b.block.pk in visible]
    rows = []
    if len(blocks) == 1:
        names = {i.code: i for i in result.indicators}
        rows = [
            IndicatorResult(code=code, name=names[code].name, unit=names[code].unit, measure=measure)
            for code, measure in blocks[0].indicators.items()
        ]
    scope = blocks[0].block.name if len(blocks) == 1 else ""
    return IndicatorsView(plan, scope, rows, blocks, commune_wide=False)
