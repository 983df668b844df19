"""The Geschäftsstelle changes a published Lagebild: edit it (audience included) or withdraw it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zielgruppen.forms import AudienceForm

from . import services
from .forms import LagebildEditForm, WithdrawForm
from .office_views import _lagebild, manage_required

WITHDRAWN_MESSAGE = "Dieser Eintrag ist zurückgezogen und kann nicht mehr geändert werden."


@manage_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    lagebild = _lagebild(pk)
    if lagebild.is_withdrawn:
        messages.error(request, WITHDRAWN_MESSAGE)
        return redirect("lagebilder:status", pk=lagebild.pk)
    form = LagebildEditForm(request.POST or None, instance=lagebild)
    audience_form = AudienceForm(request.POST or None, instance=lagebild.audience, prefix="zielgruppe")
    if request.method == "POST" and form.is_valid() and audience_form.is_valid():
        changed = services.lagebild_edit(form=form, audience_form=audience_form, user=request.user)
        if changed:
            messages.success(request, f"Die Änderungen sind gespeichert ({', '.join(map(str, changed))}).")
        else:
            messages.info(request, "Es wurde nichts geändert.")
        return redirect("lagebilder:status", pk=lagebild.pk)
    return render(
        request,
        "lagebilder/office/edit.html",
        {"lagebild": lagebild, "form": form, "audience_form": audience_form},
    )


@manage_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    """A confirmation page with the reason; the POST withdraws (once)."""
    lagebild = _lagebild(pk)
    if lagebild.is_withdrawn:
        messages.error(request, "Dieser Eintrag ist bereits zurückgezogen.")
        return redirect("lagebilder:status", pk=lagebild.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.lagebild_withdraw(lagebild=lagebild, reason=form.cleaned_data["reason"], user=request.user):
            messages.success(
                request, f"„{lagebild.title}“ ist zurückgezogen. Die Zielgruppe sieht den Eintrag nicht mehr."
            )
        else:
            messages.error(request, "Dieser Eintrag ist bereits zurückgezogen.")
        return redirect("lagebilder:status", pk=lagebild.pk)
    return render(request, "lagebilder/office/withdraw.html", {"lagebild": lagebild, "form": form})
