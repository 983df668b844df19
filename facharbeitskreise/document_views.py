"""Documents of an area, their downloads, and each member's notification setting.

Every view is an `access.arbeitskreis_view`: outsiders get 404, too low a role 403, a wrong method 405.
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
from .access import Role, arbeitskreis_view, may_edit_document
from .content_forms import ArbeitskreisDocumentEditForm, ArbeitskreisDocumentForm, NotificationSettingForm, VersionForm
from .models.content import ArbeitskreisDocument, ArbeitskreisDocumentVersion
from .view_helpers import arbeitskreis_context, can_edit_document, form_status, logged_file_response

_FORM = {"methods": ("GET", "POST"), "write": "POST"}


def _latest_version_prefetch() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=ArbeitskreisDocumentVersion.objects.select_related("file").defer("file__text").order_by("-number"),
    )


@arbeitskreis_view()
def document_list(request, arbeitskreis, results: bool = False):
    documents = arbeitskreis.documents.select_related("created_by").prefetch_related(_latest_version_prefetch())
    if results:
        documents = documents.filter(is_result=True)
    page = Paginator(documents, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "facharbeitskreise/documents/document_list.html",
        arbeitskreis_context(arbeitskreis, page=page, total=page.paginator.count, results=results),
    )


@arbeitskreis_view()
def document_detail(request, arbeitskreis, pk: int):
    document = get_object_or_404(arbeitskreis.documents.select_related("created_by"), pk=pk)
    # Fetched through the document (and it through the area), each version already knows both:
    # get_download_url costs no query.
    versions = list(document.versions.select_related("file", "created_by").defer("file__text"))
    return render(
        request,
        "facharbeitskreise/documents/document_detail.html",
        arbeitskreis_context(
            arbeitskreis,
            document=document,
            versions=versions,
            can_edit=can_edit_document(request.user, arbeitskreis, document),
        ),
    )


@arbeitskreis_view(need=Role.MITWIRKEND, **_FORM)
def document_create(request, arbeitskreis):
    form = ArbeitskreisDocumentForm(request.POST or None, request.FILES or None)
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = content_services.document_create(
            arbeitskreis=arbeitskreis,
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
        arbeitskreis_context(arbeitskreis, form=form),
        status=status,
    )


@arbeitskreis_view(need=Role.MITWIRKEND, **_FORM)
def document_version_add(request, arbeitskreis, pk: int):
    document = get_object_or_404(arbeitskreis.documents, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        version = content_services.document_version_add(
            document=document, user=request.user, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
        )
        messages.success(request, f"Version {version.number} von „{document.title}“ wurde hochgeladen.")
        return redirect(document.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/documents/version_form.html",
        arbeitskreis_context(arbeitskreis, form=form, document=document),
        status=status,
    )


@arbeitskreis_view(need=Role.MITWIRKEND, **_FORM)
def document_edit(request, arbeitskreis, pk: int):
    document = get_object_or_404(arbeitskreis.documents, pk=pk)
    if not may_edit_document(request.user, arbeitskreis, document):
        raise PermissionDenied("Sie können nur Dokumente bearbeiten, die Sie selbst hochgeladen haben.")
    # The form works on its own copy: headings and links keep the saved title while the input is checked.
    form = ArbeitskreisDocumentEditForm(request.POST or None, instance=ArbeitskreisDocument.objects.get(pk=document.pk))
    status = form_status(arbeitskreis, form)
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
        arbeitskreis_context(arbeitskreis, form=form, document=document),
        status=status,
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def document_delete(request, arbeitskreis, pk: int):
    document = get_object_or_404(arbeitskreis.documents, pk=pk)
    if request.method == "POST":
        content_services.document_delete(document=document)
        messages.success(request, f"Das Dokument „{document.title}“ wurde mit allen Versionen gelöscht.")
        return redirect("facharbeitskreise:document_list", slug=arbeitskreis.slug)
    return render(
        request,
        "facharbeitskreise/documents/document_delete.html",
        arbeitskreis_context(arbeitskreis, document=document, version_count=document.versions.count()),
    )


@arbeitskreis_view()
def document_download(request, arbeitskreis, pk: int, number: int):
    version = get_object_or_404(
        ArbeitskreisDocumentVersion.objects.select_related("file").defer("file__text"),
        document__arbeitskreis=arbeitskreis,
        document__pk=pk,  # not document_id: only the target field bounds a number past 2**63 (SQLite: 500)
        number=number,
    )
    return logged_file_response(
        request, arbeitskreis, version.file, f"facharbeitskreise.areadocument:{version.document_id}", version.number
    )


@arbeitskreis_view(methods=("GET", "POST"))
def notification_settings(request, arbeitskreis):
    """A member's own setting, not a change to the area: archived areas keep it changeable."""
    current = notifications.setting_for(request.user, arbeitskreis)
    form = NotificationSettingForm(request.POST or None, initial={"frequency": current})
    if request.method == "POST" and form.is_valid():
        frequency = form.cleaned_data["frequency"]
        notifications.setting_change(user=request.user, arbeitskreis=arbeitskreis, frequency=frequency)
        messages.success(
            request,
            f"Benachrichtigungen für „{arbeitskreis.name}“: {Frequency(frequency).label}. Die Einstellung ist "
            "gespeichert.",
        )
        return redirect("facharbeitskreise:notification_settings", slug=arbeitskreis.slug)
    return render(
        request,
        "facharbeitskreise/notification_settings.html",
        arbeitskreis_context(arbeitskreis, form=form, current=current),
    )
