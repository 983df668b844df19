from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommonConfig(AppConfig):
    """An app only so that one receiver grants the office group what every app declares
    (`office_permissions` on its AppConfig, see common.roles); it has no models."""

    name = "common"
    verbose_name = "Gemeinsame Grundlagen"

    def ready(self) -> None:
        from .roles import grant_office_permissions

        post_migrate.connect(grant_office_permissions, dispatch_uid="common_grant_office_permissions")
