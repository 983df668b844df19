"""Following a Fachgebiet: start, change the frequency, stop — and the list "Meine Abonnements"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from common.redirects import redirect_back

from .models import Fachgebiet, Follow

FREQUENCIES = dict(Follow.Frequency.choices)


def _back(request):
    return redirect_back(request, "fachgebiete:follows")


@require_POST
def follow(request, slug: str):
    """aktion=folgen|aendern (with haeufigkeit=immediate|weekly) or beenden."""
    fachgebiet = get_object_or_404(Fachgebiet, slug=slug)
    action = request.POST.get("aktion")
    existing = Follow.objects.filter(user=request.user, fachgebiet=fachgebiet).first()
    if action == "beenden":
        if existing is None:
            messages.info(request, f"Sie folgen dem Fachgebiet „{fachgebiet}“ nicht.")
        else:
            existing.delete()
            messages.success(
                request, f"Sie folgen dem Fachgebiet „{fachgebiet}“ nicht mehr und erhalten dazu keine E-Mails."
            )
        return _back(request)
    if action not in ("folgen", "aendern"):
        messages.error(request, "Diese Aktion ist unbekannt. Bitte versuchen Sie es erneut.")
        return _back(request)
    frequency = request.POST.get("haeufigkeit")
    if frequency not in FREQUENCIES:
        messages.error(request, "Bitte wählen Sie, ob Sie sofort oder wöchentlich benachrichtigt werden möchten.")
        return _back(request)
    label = FREQUENCIES[frequency]
    if existing is None:
        try:
            with transaction.atomic():
                Follow.objects.create(user=request.user, fachgebiet=fachgebiet, frequency=frequency)
        except IntegrityError:  # a double click: the first request already created it
            existing = Follow.objects.get(user=request.user, fachgebiet=fachgebiet)
        else:
            messages.success(request, f"Sie folgen jetzt dem Fachgebiet „{fachgebiet}“. Benachrichtigung: {label}.")
            return _back(request)
    if existing.frequency == frequency:
        messages.info(request, f"Sie folgen dem Fachgebiet „{fachgebiet}“ bereits ({label}).")
    else:
        existing.frequency = frequency
        existing.save(update_fields=["frequency"])
        messages.success(request, f"Benachrichtigung für „{fachgebiet}“ geändert: {label}.")
    return _back(request)


def follow_list(request):
    follows = Follow.objects.filter(user=request.user).select_related("fachgebiet")
    page = Paginator(follows, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "fachgebiete/follow_list.html",
        {"page": page, "total": page.paginator.count, "frequencies": Follow.Frequency.choices},
    )
