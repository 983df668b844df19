"""`search_performed`: a search was run. Sent without the query and without the user, so that
whoever counts searches (statistik) can count nothing else; search itself imports no counter."""

from __future__ import annotations

from django.dispatch import Signal

search_performed = Signal()
