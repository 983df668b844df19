from django.apps import AppConfig


class FachgebieteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fachgebiete"
    verbose_name = "Fachgebiete"
