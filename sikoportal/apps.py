from django.apps import AppConfig


class SikoportalConfig(AppConfig):
    """The project: root URLs, start page, navigation, legal and error pages, operations (health, metrics, backup)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sikoportal"
    verbose_name = "SiKo Ruhr Portal"

    def ready(self) -> None:
        from . import navigation, task_context, visits  # noqa: F401 - connect their receivers

        navigation.connect()
