from django.apps import AppConfig


class LagebilderConfig(AppConfig):
    """Lagebilder and Hinweise to an audience, with acknowledgement (see the package docstring)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lagebilder"
    verbose_name = "Lagebilder und Hinweise"
    office_permissions = [("lagebild", "manage_lagebilder")]

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from benachrichtigungen import topics
        from dokumente.models import delete_owned_file
        from zielgruppen.announcements import connect_models

        from .models import Acknowledgement, Attachment, Lagebild
        from .notifications import LagebildTopic

        topics.register(LagebildTopic())
        post_delete.connect(delete_owned_file, sender=Attachment, dispatch_uid="lagebilder-attachment-file")
        connect_models(Lagebild, Acknowledgement, prefix="siko-announcements")
