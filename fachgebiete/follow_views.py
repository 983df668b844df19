"""Following a Fachgebiet: start, change the frequency, stop — and the list "Meine Abonnements"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Subscription
from common.redirects import redirect_back

from .models import Fachgebiet
from .notifications import FOLLOW_FREQUENCIES, follows_of

FREQUENCIES = {value: Frequency(value).label for value in FOLLOW_FREQUENCIES}


def _back(request):
    return redirect_back(request, "fachgebiete:follows")


@require_POST
def follow(request, slug: str):
    """aktion=folgen|aendern (with haeufigkeit=immediate|weekly) or beenden."""
    fachgebiet = get_object_or_404(Fachgebiet, slug=slug)
    action = request.POST.get("aktion")
    existing = Subscription.objects.of(fachgebiet).filter(user=request.user).first()
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
                outbox.subscribe(request.user, fachgebiet, frequency)
        except IntegrityError:  # a double click: the first request already created it
            existing = Subscription.objects.of(fachgebiet).get(user=request.user)
        else:
            messages.success(request, f"Sie folgen jetzt dem Fachgebiet „{fachgebiet}“. Benachrichtigung: {label}.")
            return _back(request)
    if existing.frequency == frequency:
        messages.info(request, f"Sie folgen dem Fachgebiet „{fachgebiet}“ bereits ({label}).")
    else:
        outbox.subscribe(request.user, fachgebiet, frequency)
        messages.success(request, f"Benachrichtigung für „{fachgebiet}“ geändert: {label}.")
    return _back(request)


def follow_list(request):
    page = Paginator(follows_of(request.user), settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "fachgebiete/follow_list.html",
        {"page": page, "total": page.paginator.count, "frequencies": list(FREQUENCIES.items())},
    )
