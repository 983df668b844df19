from django.apps import AppConfig


class SucheConfig(AppConfig):
    """Global search: the index of everything the apps describe in their `search.py`, and `/suche/`.

    Its own app so that `sikoportal` holds the project (settings, root URLs, start page,
    navigation) only. It sits above the content apps: it reads their `search` modules and joins
    each entry back to the app's own visibility rule. The apps import nothing of it but the shape
    of an entry (`suche.entry`, a module that imports nothing of ours).
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "suche"
    verbose_name = "Suche"

    def ready(self) -> None:
        from . import index

        index.connect()
