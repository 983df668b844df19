"""Accounts over time, rebuilt from the office's decisions.

An account counts as admitted at a moment if its last admission event before that moment
admitted it. The events: the office's decisions (`partner.Decision`: zugelassen and reaktiviert
admit; abgelehnt, deaktiviert and ruhend gestellt end it), the erasure of an account at the
person's request (its `status_changed_at`), and for accounts that never had an admission
decision because they were created admitted (administration, demo data, import) their creation
(`date_joined`). The grouping by authority is today's (an erased account has none).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from partner.models import Decision, User

_OPENS = {Decision.Action.ADMITTED, Decision.Action.REACTIVATED}
# Created admitted, or admitted once and since changed without an admission decision on file.
_NEVER_ADMITTED = {User.Status.APPLIED, User.Status.VERIFIED, User.Status.REJECTED}


@dataclass
class Account:
    pk: int
    partner_id: int | None
    admitted_at: datetime | None
    # When the application came in; None for accounts created admitted
    applied_at: datetime | None
    # (when, admitted afterwards?) in time order
    events: list[tuple[datetime, bool]]

    def admitted_before(self, moment: datetime) -> bool:
        index = bisect.bisect_left(self.events, (moment, False))
        # bisect on (moment, False): an event exactly at `moment` is not yet "before" it
        return index > 0 and self.events[index - 1][1]


class AccountHistory:
    """Every account's admission history, read with two queries."""

    def __init__(self) -> None:
        decisions: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
        for user_id, action, decided_at in (
            Decision.objects.filter(user__isnull=False)
            .order_by("decided_at", "pk")
            .values_list("user_id", "action", "decided_at")
        ):
            decisions[user_id].append((decided_at, action))
        self.accounts: list[Account] = []
        self.rejections: list[datetime] = []
        rows = list(User.objects.values_list("pk", "partner_id", "status", "status_changed_at", "date_joined"))
        for pk, partner_id, status, changed_at, joined_at in rows:
            own = decisions.get(pk, [])
            events: list[tuple[datetime, bool]] = []
            admitted_at = None
            applied_at = joined_at
            actions = {action for _, action in own}
            if Decision.Action.ADMITTED not in actions and Decision.Action.REJECTED not in actions:
                if status not in _NEVER_ADMITTED:
                    events.append((joined_at, True))
                    admitted_at = joined_at
                    applied_at = None
            for decided_at, action in own:
                events.append((decided_at, action in _OPENS))
                if action == Decision.Action.ADMITTED:
                    admitted_at = decided_at
                elif action == Decision.Action.REJECTED:
                    self.rejections.append(decided_at)
            if status == User.Status.ERASED:
                events.append((changed_at, False))
            events.sort(key=lambda event: event[0])
            self.accounts.append(Account(pk, partner_id, admitted_at, applied_at, events))
        self.pending = Counter(status for _, _, status, _, _ in rows)

    def admitted_at(self, moment: datetime) -> list[Account]:
        """The accounts admitted just before `moment` (an end of period, which is exclusive)."""
        return [account for account in self.accounts if account.admitted_before(moment)]

    def newly_admitted(self, start: datetime, end: datetime) -> list[Account]:
        """Accounts whose admission falls in [start, end)."""
        return [account for account in self.accounts if account.admitted_at and start <= account.admitted_at < end]

    def applications(self, start: datetime, end: datetime) -> int:
        return sum(1 for account in self.accounts if account.applied_at and start <= account.applied_at < end)

    def rejected(self, start: datetime, end: datetime) -> int:
        return sum(1 for moment in self.rejections if start <= moment < end)
