from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsletterConfig(AppConfig):
    """Newsletter issues, subscribers with double opt-in and the background dispatch."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self) -> None:
        from partner.signals import account_deactivated

        from .roles import grant_office_permissions
        from .services import unsubscribe_deactivated

        account_deactivated.connect(unsubscribe_deactivated, dispatch_uid="newsletter_unsubscribe_deactivated")
        post_migrate.connect(grant_office_permissions, sender=self)
