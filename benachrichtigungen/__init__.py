"""Benachrichtigungen: the one outbox for "mail me what is new".

Its own app because two apps share it — fachgebiete (follow a Fachgebiet) and
facharbeitskreise (news in a closed area) — and neither may import the other. It depends on
partner only. The apps record news (`outbox.record`), register a `Topic` for the model people
subscribe to (`topics.register`), and supply through it who may still hear of the news and
how the mails look; the rule is asked at send time, so whoever lost access in between gets
nothing. Everything else is here once: the subscriptions with their frequency, one notice per
recipient with claim/lease and retry, one sender and one digest scheduler
(`manage.py send_notifications`).
"""
