"""The yearly pass rule of the bình xét (DOMAIN.md §4). Nghị định 86/2023 sets no
quorum and no threshold; the default is "more than half of those present agree",
and the commune may set both per year (the former decree's 60 % / 60 % is a preset)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from caolocculture import formatting


@dataclass(frozen=True)
class VoteRule:
    quorum_percent: Decimal | None
    threshold_percent: Decimal
    threshold_inclusive: bool = False

    @classmethod
    def of_plan(cls, plan) -> "VoteRule":
        return cls(plan.vote_quorum_percent, plan.vote_threshold_percent, plan.vote_threshold_inclusive)

    @classmethod
    def of_meeting(cls, meeting) -> "VoteRule":
        return cls(meeting.quorum_percent, meeting.threshold_percent, meeting.threshold_inclusive)

    def quorate(self, present: int, invited: int) -> bool:
        if self.quorum_percent is None:
            return True
        return present * 100 >= self.quorum_percent * invited

    def passes(self, agreed: int, present: int) -> bool:
        # Integers against the percentage, no rounding: 5 of 10 is not "more than half".
        if present == 0:
            return False
        if self.threshold_inclusive:
            return agreed * 100 >= self.threshold_percent * present
        return agreed * 100 > self.threshold_percent * present

    def votes_needed(self, present: int) -> int:
        """The fewest agreeing votes that pass, with `present` people in the room."""
        return next((n for n in range(present + 1) if self.passes(n, present)), present + 1)

    def describe(self) -> str:
        """The rule in words, for the screen and the minutes. The meeting only proposes: the title
        is conferred ("tặng") by the decision, so a passing household is "đề nghị xét tặng"."""
        threshold = formatting.target_percent(self.threshold_percent)
        if self.threshold_percent == 50 and not self.threshold_inclusive:
            agree = _("hộ được đề nghị xét tặng khi có trên một nửa số người dự họp tán thành")
        elif self.threshold_inclusive:
            agree = _("hộ được đề nghị xét tặng khi có từ %(t)s số người dự họp trở lên tán thành") % {"t": threshold}
        else:
            agree = _("hộ được đề nghị xét tặng khi có trên %(t)s số người dự họp tán thành") % {"t": threshold}
        if self.quorum_percent is None:
            return _("%(agree)s; không yêu cầu số người dự họp tối thiểu.") % {"agree": agree.capitalize()}
        return _("Cuộc họp hợp lệ khi có từ %(q)s số người được mời trở lên dự; %(agree)s.") % {
            "q": formatting.target_percent(self.quorum_percent),
            "agree": agree,
        }
