"""Figures for the annual report: the Geschäftsstelle's statistics page and its CSV downloads.

An app of its own at the top, next to sikoportal: it reads every app (accounts, newsletter,
Fachgebiete, areas, the download log, search use) and only ever aggregates. No app imports it;
the one thing it stores, a daily count of searches, it hears from search's own signal.
"""
