from __future__ import annotations

from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods

from .adapter import SESSION_JUST_CONFIRMED_KEY, SESSION_STATUS_KEY
from .email_change import email_change_needs_holder
from .forms import ProfileForm
from .listing import cached_partner_list
from .models import Partner, User


@login_not_required
def application_status(request):
    """Where applicants land: after registering, confirming, or a refused login."""
    return render(
        request,
        "partner/application_status.html",
        {
            "status": request.session.get(SESSION_STATUS_KEY),
            "just_confirmed": request.session.pop(SESSION_JUST_CONFIRMED_KEY, False),
            "Status": User.Status,
            "expiry_days": settings.SIKO_APPLICATION_EXPIRY_DAYS,
        },
    )


def partner_list(request):
    """Filter form and rows from partner.listing (the same for every reader)."""
    filter_form, listing = cached_partner_list(request)
    return render(
        request,
        "partner/partner_list.html",
        {"filter_form": filter_form, "page": listing.page(), "rows": listing.html(), "total": listing.total},
    )


def partner_detail(request, slug: str):
    partner = get_object_or_404(Partner.objects.active(), slug=slug)
    contacts = partner.staff.contact_persons().order_by("last_name", "first_name")
    return render(request, "partner/partner_detail.html", {"partner": partner, "contacts": contacts})


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Ihr Profil wurde gespeichert.")
        return redirect("partner:profile")
    return render(request, "partner/profile.html", {"form": form})


@method_decorator(login_not_required, name="dispatch")
class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth's confirmation, but a used, expired or wrong link explains itself instead of a 404."""

    def post(self, *args, **kwargs):
        try:
            confirmation = self.get_object()
        except Http404:
            self.object = None
            return self.render_to_response(self.get_context_data())
        address = confirmation.email_address
        if self.request.user.pk != address.user_id and email_change_needs_holder(address):
            self.object = confirmation
            context = self.get_context_data()
            context["needs_holder"] = True
            return self.render_to_response(context, status=403)
        try:
            return super().post(*args, **kwargs)
        except Http404:
            self.object = None
            return self.render_to_response(self.get_context_data())
