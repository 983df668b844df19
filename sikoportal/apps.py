from django.apps import AppConfig


class SikoportalConfig(AppConfig):
    """Cross-cutting pieces: root URLs, start page, navigation, legal pages, demo data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sikoportal"
    verbose_name = "SiKo Ruhr Portal"
