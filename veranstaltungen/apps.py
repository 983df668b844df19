from django.apps import AppConfig


class VeranstaltungenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "veranstaltungen"
    verbose_name = "Veranstaltungen"
    office_permissions = [("event", "manage_events")]

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from dokumente.models import delete_owned_file
        from zielgruppen.announcements import connect_models

        from .models import Event, EventDocument

        post_delete.connect(delete_owned_file, sender=EventDocument, dispatch_uid="veranstaltungen-document-file")
        connect_models(Event, prefix="siko-announcements")
