""" "Konten bestätigen": contact persons confirm their authority's due accounts, the office all."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .recertification import accounts_confirm, certification_due, confirmable_by, is_confirmer


class ConfirmForm(forms.Form):
    accounts = forms.ModelMultipleChoiceField(
        queryset=None,
        error_messages={
            "required": "Bitte wählen Sie mindestens ein Konto aus.",
            "invalid_choice": (
                "Ein gewähltes Konto ist nicht mehr zur Bestätigung fällig oder gehört nicht zu Ihrem "
                "Zuständigkeitsbereich. Bitte wählen Sie erneut."
            ),
            "invalid_pk_value": "„%(pk)s“ ist keine gültige Kontonummer.",
        },
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = queryset


@require_http_methods(["GET", "POST"])
def recertification(request):
    if not is_confirmer(request.user):
        raise PermissionDenied("Konten bestätigen die Ansprechpersonen der Behörden und die Geschäftsstelle.")
    due = confirmable_by(request.user).select_related("partner").order_by("certified_at", "last_name", "pk")
    form = ConfirmForm(request.POST if request.method == "POST" else None, queryset=due)
    if request.method == "POST" and form.is_valid():
        confirmed = accounts_confirm(users=list(form.cleaned_data["accounts"]), by=request.user)
        months = settings.SIKO_RECERTIFICATION_MONTHS
        messages.success(request, f"{confirmed} Konto/Konten bestätigt – für weitere {months} Monate.")
        return redirect("partner:recertification")
    page = Paginator(due, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    selected = {str(value) for value in request.POST.getlist("accounts")}
    rows = [(account, certification_due(account), str(account.pk) in selected) for account in page]
    return render(
        request,
        "partner/recertification.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "office_view": request.user.is_geschaeftsstelle,
            "months": settings.SIKO_RECERTIFICATION_MONTHS,
            "warning_days": settings.SIKO_RECERTIFICATION_WARNING_DAYS,
        },
    )
