from django.apps import AppConfig


class BenachrichtigungenConfig(AppConfig):
    """The notification outbox shared by fachgebiete and facharbeitskreise (see the package docstring)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "benachrichtigungen"
    verbose_name = "Benachrichtigungen"

    def ready(self) -> None:
        from partner.signals import account_deactivated

        from .models import forget_subscriptions

        account_deactivated.connect(forget_subscriptions, dispatch_uid="benachrichtigungen_forget")
