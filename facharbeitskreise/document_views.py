"""Documents of an area, their downloads, and each member's notification setting.

Every view is an `access.area_view`: outsiders get 404, too low a role 403, a wrong method 405.
Forms that would change an archived area are shown again with the typed input and a German message.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from benachrichtigungen.models import Frequency

from . import content_services, notifications
from .access import Role, area_view, may_edit_document
from .content_forms import AreaDocumentEditForm, AreaDocumentForm, NotificationSettingForm, VersionForm
from .models.content import AreaDocument, AreaDocumentVersion
from .view_helpers import area_context, can_edit_document, form_status, logged_file_response

_FORM = {"methods": ("GET", "POST"), "write": "POST"}


def _latest_version_prefetch() -> Prefetch:
    return Prefetch(
        "versions", queryset=AreaDocumentVersion.objects.select_related("file").defer("file__text").order_by("-number")
    )


@area_view()
def document_list(request, area, results: bool = False):
    documents = area.documents.select_related("created_by").prefetch_related(_latest_version_prefetch())
    if results:
        documents = documents.filter(is_result=True)
    page = Paginator(documents, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "facharbeitskreise/documents/document_list.html",
        area_context(area, page=page, total=page.paginator.count, results=results),
    )


@area_view()
def document_detail(request, area, pk: int):
    document = get_object_or_404(area.documents.select_related("created_by"), pk=pk)
    # Fetched through the document (and it through the area), each version already knows both:
    # get_download_url costs no query.
    versions = list(document.versions.select_related("file", "created_by").defer("file__text"))
    return render(
        request,
        "facharbeitskreise/documents/document_detail.html",
        area_context(
            area, document=document, versions=versions, can_edit=can_edit_document(request.user, area, document)
        ),
    )


@area_view(need=Role.MITWIRKEND, **_FORM)
def document_create(request, area):
    form = AreaDocumentForm(request.POST or None, request.FILES or None)
    status = form_status(area, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = content_services.document_create(
            area=area,
            user=request.user,
            title=data["title"],
            description=data["description"],
            is_result=data["is_result"],
            upload=data["file"],
        )
        messages.success(request, f"Das Dokument „{document.title}“ wurde hochgeladen.")
        return redirect(document.get_absolute_url())
    return render(
        request, "facharbeitskreise/documents/document_form.html", area_context(area, form=form), status=status
    )


@area_view(need=Role.MITWIRKEND, **_FORM)
def document_version_add(request, area, pk: int):
    document = get_object_or_404(area.documents, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    status = form_status(area, form)
    if request.method == "POST" and form.is_valid():
        version = content_services.document_version_add(
            document=document, user=request.user, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
        )
        messages.success(request, f"Version {version.number} von „{document.title}“ wurde hochgeladen.")
        return redirect(document.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/documents/version_form.html",
        area_context(area, form=form, document=document),
        status=status,
    )


@area_view(need=Role.MITWIRKEND, **_FORM)
def document_edit(request, area, pk: int):
    document = get_object_or_404(area.documents, pk=pk)
    if not may_edit_document(request.user, area, document):
        raise PermissionDenied("Sie können nur Dokumente bearbeiten, die Sie selbst hochgeladen haben.")
    # The form works on its own copy: headings and links keep the saved title while the input is checked.
    form = AreaDocumentEditForm(request.POST or None, instance=AreaDocument.objects.get(pk=document.pk))
    status = form_status(area, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content_services.document_update(
            document=document, title=data["title"], description=data["description"], is_result=data["is_result"]
        )
        messages.success(request, f"Die Angaben zum Dokument „{document.title}“ wurden gespeichert.")
        return redirect(document.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/documents/document_edit.html",
        area_context(area, form=form, document=document),
        status=status,
    )


@area_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def document_delete(request, area, pk: int):
    document = get_object_or_404(area.documents, pk=pk)
    if request.method == "POST":
        content_services.document_delete(document=document)
        messages.success(request, f"Das Dokument „{document.title}“ wurde mit allen Versionen gelöscht.")
        return redirect("facharbeitskreise:document_list", slug=area.slug)
    return render(
        request,
        "facharbeitskreise/documents/document_delete.html",
        area_context(area, document=document, version_count=document.versions.count()),
    )


@area_view()
def document_download(request, area, pk: int, number: int):
    version = get_object_or_404(
        AreaDocumentVersion.objects.select_related("file").defer("file__text"),
        document__area=area,
        document__pk=pk,  # not document_id: only the target field bounds a number past 2**63 (SQLite: 500)
        number=number,
    )
    return logged_file_response(
        request, area, version.file, f"facharbeitskreise.areadocument:{version.document_id}", version.number
    )


@area_view(methods=("GET", "POST"))
def notification_settings(request, area):
    """A member's own setting, not a change to the area: archived areas keep it changeable."""
    current = notifications.setting_for(request.user, area)
    form = NotificationSettingForm(request.POST or None, initial={"frequency": current})
    if request.method == "POST" and form.is_valid():
        frequency = form.cleaned_data["frequency"]
        notifications.setting_change(user=request.user, area=area, frequency=frequency)
        messages.success(
            request,
            f"Benachrichtigungen für „{area.name}“: {Frequency(frequency).label}. Die Einstellung ist gespeichert.",
        )
        return redirect("facharbeitskreise:notification_settings", slug=area.slug)
    return render(
        request, "facharbeitskreise/notification_settings.html", area_context(area, form=form, current=current)
    )
