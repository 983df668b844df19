from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnerConfig(AppConfig):
    """Authorities, their staff and admission: the base app that imports no other app of ours."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "partner"
    verbose_name = "Behörden & Nutzer"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_removed
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from . import sessions  # noqa: F401 - connects the session receivers
        from .audit import connect_receivers
        from .mfa_adapter import check_encryption_keys
        from .middleware import check_at_login, forget_check
        from .roles import ensure_office_group
        from .sso.csp import connect_signals as connect_sso_signals

        post_migrate.connect(ensure_office_group, sender=self)
        connect_receivers()
        user_logged_in.connect(check_at_login, dispatch_uid="partner.mfa_check_at_login")
        authenticator_removed.connect(forget_check, dispatch_uid="partner.mfa_forget_check")
        checks.register(check_encryption_keys)
        connect_sso_signals()
