"""The recipients' pages: the list addressed to me, one Lagebild, "zur Kenntnis genommen", files."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_POST

from dokumente.downloads import file_response

from . import services
from .models import MANAGE_PERMISSION, Attachment, Lagebild

# How many Lagebilder the rubric page shows besides the open ones.
PANEL_RECENT = 5


def visible_or_404(request, pk: int) -> Lagebild:
    """The one access helper: outside the audience (and not the office) the Lagebild does not exist."""
    return get_object_or_404(Lagebild.objects.visible_to(request.user).select_related("audience"), pk=pk)


def rubric_panel(request) -> str:
    """ "An Sie gerichtete Lagebilder und Hinweise" at the top of the rubric page /lagebilder/
    (common.rubrics.Rubric.panel): the open ones, then the latest acknowledged. Three queries."""
    user = request.user
    mine = Lagebild.objects.addressed_to(user).with_acknowledgement_of(user)
    open_items = list(mine.filter(acknowledged_at__isnull=True))
    done = list(mine.filter(acknowledged_at__isnull=False)[:PANEL_RECENT])
    return render_to_string(
        "lagebilder/rubric_panel.html",
        {
            "open_items": open_items,
            "done_items": done,
            "may_manage": user.has_perm(MANAGE_PERMISSION),
        },
        request=request,
    )


@require_GET
def lagebild_list(request):
    """Every Lagebild addressed to the user, open ones marked; the office sees all of them."""
    items = Lagebild.objects.visible_to(request.user).current().with_acknowledgement_of(request.user)
    page = Paginator(items, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "lagebilder/list.html",
        {"page": page, "may_manage": request.user.has_perm(MANAGE_PERMISSION)},
    )


@require_GET
def detail(request, pk: int):
    lagebild = visible_or_404(request, pk)
    addressed = lagebild.is_addressed_to(request.user)
    acknowledgement = lagebild.acknowledgements.filter(user=request.user).first() if addressed else None
    may_manage = request.user.has_perm(MANAGE_PERMISSION)
    return render(
        request,
        "lagebilder/detail.html",
        {
            "lagebild": lagebild,
            "attachments": list(lagebild.attachments.select_related("file")),
            "addressed": addressed,
            "acknowledgement": acknowledgement,
            "may_manage": may_manage,
            "audience_label": lagebild.audience.describe(None if may_manage else request.user),
        },
    )


@require_POST
def acknowledge(request, pk: int):
    lagebild = visible_or_404(request, pk)
    if not lagebild.is_addressed_to(request.user):
        messages.error(request, "Dieser Eintrag ist nicht an Sie gerichtet; eine Kenntnisnahme ist nicht vorgesehen.")
        return redirect(lagebild)
    row, created = services.acknowledge(lagebild=lagebild, user=request.user)
    when = date_format(timezone.localtime(row.at), "d.m.Y, H:i")
    if created:
        messages.success(request, f"Vielen Dank. Ihre Kenntnisnahme ist am {when} Uhr vermerkt.")
    else:
        messages.info(request, f"Ihre Kenntnisnahme war bereits am {when} Uhr vermerkt.")
    return redirect(lagebild)


@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    lagebild = visible_or_404(request, pk)
    attachment = get_object_or_404(Attachment.objects.select_related("file"), pk=attachment_pk, lagebild=lagebild)
    return file_response(
        request,
        attachment.file,
        bereich="lagebilder:lagebilder",
        target=f"lagebilder.lagebild:{lagebild.pk}",
        prefix=lagebild.file_prefix,
    )
