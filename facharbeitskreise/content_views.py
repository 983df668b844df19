"""Documents of an area, their downloads, and each member's notification setting.

Every view starts with `access.area_for`: outsiders get 404, too low a role 403. Forms that
would change an archived area are shown again with the typed input and a German message.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from benachrichtigungen.models import Frequency
from dokumente.downloads import file_response

from . import content_services, notifications
from .access import Role, area_for
from .content_forms import (
    ARCHIVED_FORM_MESSAGE,
    AreaDocumentEditForm,
    AreaDocumentForm,
    NotificationSettingForm,
    VersionForm,
)
from .models.content import AreaDocument, AreaDocumentVersion


def only(request, method: str) -> HttpResponseNotAllowed | None:
    """Method check *after* the area check: an outsider gets 404 whatever the method."""
    return (
        None if request.method in (method, "HEAD" if method == "GET" else method) else HttpResponseNotAllowed([method])
    )


def refused_archived(request, area, form) -> bool:
    """On an archived area a POST is refused with the form kept (nothing typed is lost)."""
    if area.is_archived and request.method == "POST":
        form.add_error(None, ARCHIVED_FORM_MESSAGE)
        return True
    return False


def area_context(area, **extra) -> dict:
    role = area.user_role
    return {
        "area": area,
        "role": role,
        "can_contribute": role.covers(Role.MITWIRKEND) and not area.is_archived,
        "can_lead": role.covers(Role.LEITUNG) and not area.is_archived,
        **extra,
    }


def _latest_version_prefetch() -> Prefetch:
    return Prefetch(
        "versions", queryset=AreaDocumentVersion.objects.select_related("file").defer("file__text").order_by("-number")
    )


def document_list(request, slug: str, results: bool = False):
    area = area_for(request, slug)
    if refusal := only(request, "GET"):
        return refusal
    documents = area.documents.select_related("created_by").prefetch_related(_latest_version_prefetch())
    if results:
        documents = documents.filter(is_result=True)
    page = Paginator(documents, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "facharbeitskreise/documents/document_list.html",
        area_context(area, page=page, total=page.paginator.count, results=results),
    )


def document_detail(request, slug: str, pk: int):
    area = area_for(request, slug)
    if refusal := only(request, "GET"):
        return refusal
    document = get_object_or_404(area.documents.select_related("created_by"), pk=pk)
    # Fetched through the document (and it through the area), each version already knows both:
    # get_download_url costs no query.
    versions = list(document.versions.select_related("file", "created_by").defer("file__text"))
    return render(
        request,
        "facharbeitskreise/documents/document_detail.html",
        area_context(
            area,
            document=document,
            versions=versions,
            can_edit=not area.is_archived and may_edit_document(request.user, area, document),
        ),
    )


@require_http_methods(["GET", "POST"])
def document_create(request, slug: str):
    area = area_for(request, slug, Role.MITWIRKEND)
    form = AreaDocumentForm(request.POST or None, request.FILES or None)
    refused = refused_archived(request, area, form)
    if request.method == "POST" and not refused and form.is_valid():
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
        request,
        "facharbeitskreise/documents/document_form.html",
        area_context(area, form=form),
        status=403 if refused else 200,
    )


@require_http_methods(["GET", "POST"])
def document_version_add(request, slug: str, pk: int):
    area = area_for(request, slug, Role.MITWIRKEND)
    document = get_object_or_404(area.documents, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    refused = refused_archived(request, area, form)
    if request.method == "POST" and not refused and form.is_valid():
        version = content_services.document_version_add(
            document=document, user=request.user, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
        )
        messages.success(request, f"Version {version.number} von „{document.title}“ wurde hochgeladen.")
        return redirect(document.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/documents/version_form.html",
        area_context(area, form=form, document=document),
        status=403 if refused else 200,
    )


def may_edit_document(user, area, document) -> bool:
    """Leads edit every document; contributors the ones they uploaded themselves."""
    role = area.user_role
    return role.covers(Role.LEITUNG) or (role.covers(Role.MITWIRKEND) and document.created_by_id == user.pk)


@require_http_methods(["GET", "POST"])
def document_edit(request, slug: str, pk: int):
    area = area_for(request, slug, Role.MITWIRKEND)
    document = get_object_or_404(area.documents, pk=pk)
    if not may_edit_document(request.user, area, document):
        raise PermissionDenied("Sie können nur Dokumente bearbeiten, die Sie selbst hochgeladen haben.")
    # The form works on its own copy: headings and links keep the saved title while the input is checked.
    form = AreaDocumentEditForm(request.POST or None, instance=AreaDocument.objects.get(pk=document.pk))
    refused = refused_archived(request, area, form)
    if request.method == "POST" and not refused and form.is_valid():
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
        status=403 if refused else 200,
    )


@require_http_methods(["GET", "POST"])
def document_delete(request, slug: str, pk: int):
    area = area_for(request, slug, Role.LEITUNG, write=True)
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


def logged_file_response(request, area, stored, target: str, version: int | None = None):
    """Serve a file of the area; every download view of the area ends here (the audit log
    records the fetch in `file_response`)."""
    return file_response(
        request,
        stored,
        area=area.audit_area,
        target=target,
        version=version,
    )


def document_download(request, slug: str, pk: int, number: int):
    area = area_for(request, slug)
    if refusal := only(request, "GET"):
        return refusal
    version = get_object_or_404(
        AreaDocumentVersion.objects.select_related("file").defer("file__text"),
        document__area=area,
        document__pk=pk,  # not document_id: only the target field bounds a number past 2**63 (SQLite: 500)
        number=number,
    )
    return logged_file_response(
        request, area, version.file, f"facharbeitskreise.areadocument:{version.document_id}", version.number
    )


@require_http_methods(["GET", "POST"])
def notification_settings(request, slug: str):
    area = area_for(request, slug)
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
