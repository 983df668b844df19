from django.apps import AppConfig


class PartnerConfig(AppConfig):
    """Authorities, their staff and admission: the base app, importing no app of ours but the bottom layer `common`."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "partner"
    verbose_name = "Behörden & Nutzer"
    # The office decides on admission, manages accounts and keeps the partner directory (common.roles).
    office_permissions = [
        ("user", "review_application"),
        ("user", "manage_accounts"),
        ("user", "view_user"),
        ("user", "change_user"),
        ("partner", "view_partner"),
        ("partner", "add_partner"),
        ("partner", "change_partner"),
        ("partnerdomain", "view_partnerdomain"),
        ("partnerdomain", "add_partnerdomain"),
        ("partnerdomain", "change_partnerdomain"),
        ("partnerdomain", "delete_partnerdomain"),
        ("decision", "view_decision"),
    ]

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_removed
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from . import (
            listing,
            sessions,  # noqa: F401 - connects the session receivers
        )
        from .audit import connect_receivers
        from .mfa_adapter import check_encryption_keys
        from .middleware import check_at_login, forget_check
        from .sso.csp import connect_signals as connect_sso_signals

        connect_receivers()
        listing.connect()
        user_logged_in.connect(check_at_login, dispatch_uid="partner.mfa_check_at_login")
        authenticator_removed.connect(forget_check, dispatch_uid="partner.mfa_forget_check")
        checks.register(check_encryption_keys)
        connect_sso_signals()
