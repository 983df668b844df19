from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnerConfig(AppConfig):
    """Authorities, their staff and admission: the base app that imports no other app of ours."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "partner"
    verbose_name = "Behörden & Nutzer"

    def ready(self) -> None:
        from allauth.account.signals import email_changed

        from . import sessions  # noqa: F401 - connects the session receivers
        from .audit import record_email_changed
        from .roles import ensure_office_group

        post_migrate.connect(ensure_office_group, sender=self)
        email_changed.connect(record_email_changed, dispatch_uid="partner_record_email_changed")
