from django.apps import AppConfig


class SikoportalConfig(AppConfig):
    """Cross-cutting pieces: root URLs, start page, global search, navigation, legal pages, demo data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sikoportal"
    verbose_name = "SiKo Ruhr Portal"

    def ready(self) -> None:
        from . import navigation, task_context, visits  # noqa: F401 - connect their receivers
        from .search import index

        index.connect()
        navigation.connect()
