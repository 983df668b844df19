from django.apps import AppConfig


class FacharbeitskreiseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "facharbeitskreise"
    verbose_name = "Facharbeitskreise und Projekte"
