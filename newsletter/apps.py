from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Newsletter issues, subscribers with double opt-in and the background dispatch."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "newsletter"
    verbose_name = "Newsletter"
    # The office writes and sends the newsletter and keeps its subscribers (common.roles).
    office_permissions = [("issue", "manage_newsletter")]

    def ready(self) -> None:
        from partner.signals import account_deactivated

        from .services import unsubscribe_deactivated

        account_deactivated.connect(unsubscribe_deactivated, dispatch_uid="newsletter_unsubscribe_deactivated")
