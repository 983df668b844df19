"""Signals for apps that build on partner; partner itself imports none of them.

`account_deactivated` is sent after a deactivation has been committed, with the
deactivated `user` as keyword argument. Receivers run outside the decision's
transaction: whatever they do cannot undo the deactivation.
"""

from __future__ import annotations

from django.dispatch import Signal

account_deactivated = Signal()
