from django.apps import AppConfig


class ZielgruppenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zielgruppen"
    verbose_name = "Zielgruppen"

    def ready(self) -> None:
        from .announcements import connect

        connect()
