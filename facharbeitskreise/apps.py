from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FacharbeitskreiseConfig(AppConfig):
    """Closed areas (Facharbeitskreise, Projekte): access by object permission, membership, review."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "facharbeitskreise"
    verbose_name = "Facharbeitskreise und Projekte"

    def ready(self) -> None:
        from benachrichtigungen import topics
        from partner.signals import account_deactivated

        from .notifications import AreaTopic
        from .roles import grant_office_permissions
        from .services import revoke_deactivated

        account_deactivated.connect(revoke_deactivated, dispatch_uid="facharbeitskreise_revoke_deactivated")
        post_migrate.connect(grant_office_permissions, sender=self)
        topics.register(AreaTopic())
