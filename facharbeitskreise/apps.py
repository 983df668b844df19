from django.apps import AppConfig


class FacharbeitskreiseConfig(AppConfig):
    """Closed areas (Facharbeitskreise, Projekte): access by object permission, membership, review."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "facharbeitskreise"
    verbose_name = "Facharbeitskreise und Projekte"
    # The office creates, archives and grants areas (common.roles). That is no grant on any area:
    # the office reads no area content without its own object permission (data protection).
    office_permissions = [("arbeitskreis", "manage_arbeitskreise")]

    def ready(self) -> None:
        from benachrichtigungen import topics
        from partner.signals import account_deactivated

        from . import overview, recent
        from .notifications import ArbeitskreisTopic
        from .services import revoke_deactivated

        account_deactivated.connect(revoke_deactivated, dispatch_uid="facharbeitskreise_revoke_deactivated")
        topics.register(ArbeitskreisTopic())
        overview.connect()
        recent.connect()
