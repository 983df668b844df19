from django.apps import AppConfig


class DokumenteConfig(AppConfig):
    name = "dokumente"
    verbose_name = "Dokumente und Dateien"
