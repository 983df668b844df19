"""Zielgruppen: who an announcement of the portal is meant for.

An own app because two rooms need the same rule and neither owns the other: events
(Veranstaltungen) and Lagebilder address all members, chosen authority types, chosen partner
authorities or closed areas. The rule sits above `partner` (authorities, admission) and
`facharbeitskreise` (area membership) and is asked, never re-implemented, by lists, search,
the start page, calendar feeds and mails alike.
"""
