"""Veranstaltungen: the cooperation's Fachveranstaltungen and its Jahrestagung.

An own app because an event belongs to no single room: the Geschäftsstelle announces events for
all members, chosen authority types or partners, and an area's Leitung announces events for her
closed area. Events have what neither Fachgebiete nor the areas' meetings have: a target audience
(`zielgruppen`), a capacity with registration and waiting list, and material for the "Rückblick".
It sits above `zielgruppen`, `dokumente` and `partner` and below `sikoportal` (start page, search).
"""
