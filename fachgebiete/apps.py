from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_rubriken(**kwargs) -> None:
    """The open rubrics have fixed addresses (/lagebilder/ …): their rows must always exist."""
    from .models import RUBRIKEN, Fachgebiet

    for position, rubric in enumerate(RUBRIKEN, start=100):
        Fachgebiet.objects.get_or_create(
            slug=rubric.slug,
            defaults={
                "name": rubric.label,
                "description": rubric.description,
                "kind": Fachgebiet.Kind.RUBRIK,
                "position": position,
            },
        )


class FachgebieteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fachgebiete"
    verbose_name = "Fachgebiete"

    def ready(self) -> None:
        from benachrichtigungen import topics

        from . import fragments
        from .notifications import DownloadedTopic, FachgebietTopic

        fragments.connect()
        topics.register(FachgebietTopic())
        topics.register(DownloadedTopic())
        post_migrate.connect(ensure_rubriken, sender=self, dispatch_uid="fachgebiete_ensure_rubriken")
