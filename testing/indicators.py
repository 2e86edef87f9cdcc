"""Helpers for tests that read the indicators."""

from reports.indicators import IndicatorResult, YearIndicators, compute


def indicator(source, code: str) -> IndicatorResult:
    """The indicator `code` ("GDVH") of a plan, computed now, or of a compute() result already
    in hand (to read several from one computation, or one made under a query count)."""
    result = source if isinstance(source, YearIndicators) else compute(source)
    return next(i for i in result.indicators if i.code == code)
