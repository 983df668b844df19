"""The login page's section "Mit dem Konto Ihrer Behörde anmelden" (only where a provider exists)."""

from __future__ import annotations

from django import template

from ..sso.csp import login_origins
from ..sso.forms import SSOLoginForm

register = template.Library()


@register.inclusion_tag("partner/sso/login_section.html", takes_context=True)
def sso_login_section(context):
    # login_origins() is cached and non-empty exactly when an active provider exists.
    return {"show": bool(login_origins()), "form": SSOLoginForm(auto_id="sso_%s"), "request": context.get("request")}
