"""allauth's MFA login stage, satisfied also by a second factor the authority's provider reported."""

from __future__ import annotations

from allauth.mfa.stages import AuthenticateStage as MFAAuthenticateStage

from ..middleware import login_used_mfa


class AuthenticateStage(MFAAuthenticateStage):
    def _should_handle(self, request) -> bool:
        # partner.sso.adapter records a trusted provider's second factor as an "mfa" step.
        if self.login.user is not None and login_used_mfa(request, self.login.user):
            return False
        return super()._should_handle(request)
