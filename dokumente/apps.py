from django.apps import AppConfig, apps


class DokumenteConfig(AppConfig):
    name = "dokumente"
    verbose_name = "Dokumente und Dateien"

    def ready(self) -> None:
        from .models import connect_version_models

        connect_version_models(apps.get_models())
