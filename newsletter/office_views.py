"""The Geschäftsstelle's pages: write, preview, test and dispatch issues; manage subscribers."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import content, mail, services, subscribers
from .forms import ImportForm, IssueForm, SubscriberAddForm, SubscriberFilterForm
from .models import Delivery, Issue, Subscriber

logger = logging.getLogger(__name__)

manage_required = permission_required("newsletter.manage_newsletter", raise_exception=True)


# --- Issues -----------------------------------------------------------------------------


@manage_required
def issue_list(request):
    issues = Issue.objects.with_delivery_counts().order_by("-issue_date", "-number")
    page = Paginator(issues, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "newsletter/office/issue_list.html",
        {"page": page, "total": page.paginator.count, "receiving": Subscriber.objects.receiving().count()},
    )


@manage_required
@require_http_methods(["GET", "POST"])
def issue_create(request):
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issue = form.save(commit=False)
        issue.created_by = request.user
        issue.save()
        messages.success(request, "Der Entwurf wurde gespeichert. Prüfen Sie hier die Vorschau.")
        return redirect("newsletter:office_issue_preview", pk=issue.pk)
    return render(request, "newsletter/office/issue_form.html", {"form": form, "issue": None})


def _draft_or_refuse(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    if not issue.is_draft:
        messages.error(request, "Diese Ausgabe ist bereits versandt und kann nicht mehr geändert werden.")
        return issue, redirect("newsletter:office_issue_preview", pk=pk)
    return issue, None


@manage_required
@require_http_methods(["GET", "POST"])
def issue_edit(request, pk: int):
    issue, refusal = _draft_or_refuse(request, pk)
    if refusal:
        return refusal
    form = IssueForm(request.POST or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Die Änderungen wurden gespeichert.")
        return redirect("newsletter:office_issue_preview", pk=pk)
    return render(request, "newsletter/office/issue_form.html", {"form": form, "issue": issue})


@manage_required
@require_http_methods(["GET", "POST"])
def issue_delete(request, pk: int):
    issue, refusal = _draft_or_refuse(request, pk)
    if refusal:
        return refusal
    if request.method == "POST":
        issue.delete()
        messages.success(request, f"Der Entwurf „{issue.title}“ wurde gelöscht.")
        return redirect("newsletter:office_issue_list")
    return render(request, "newsletter/office/issue_delete.html", {"issue": issue})


@manage_required
def issue_preview(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    rendered = mail.RenderedIssue.of(issue)
    own = Subscriber.objects.filter(user=request.user).first()
    message = mail.issue_message(rendered, to=request.user.email, name=request.user.get_full_name(), subscriber=own)
    return render(
        request,
        "newsletter/office/issue_preview.html",
        {
            "issue": issue,
            "rendered": rendered,
            "salutation": mail.salutation(request.user.get_full_name()),
            "message": message,
            "receiving": services.recipient_count() if issue.is_draft else None,
        },
    )


@manage_required
@require_POST
def issue_test_mail(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    try:
        services.issue_send_test(issue=issue, user=request.user)
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("Testmail zu Ausgabe %s nicht versandt", pk)
        messages.error(request, f"Die Testmail konnte nicht gesendet werden ({error}). Bitte versuchen Sie es erneut.")
    else:
        messages.success(request, f"Die Testmail wurde an {request.user.email} gesendet.")
    return redirect("newsletter:office_issue_preview", pk=pk)


@manage_required
@require_http_methods(["GET", "POST"])
def issue_dispatch(request, pk: int):
    """The explicit confirmation step before the final dispatch, with the number of recipients."""
    issue = get_object_or_404(Issue, pk=pk)
    if not issue.is_draft:
        messages.info(request, services.dispatch_refusal(issue))
        return redirect("newsletter:office_issue_progress", pk=pk)
    if request.method == "POST":
        try:
            count = services.dispatch_start(issue=issue, started_by=request.user)
        except services.NewsletterError as error:
            messages.error(request, str(error))
            return redirect("newsletter:office_issue_preview", pk=pk)
        messages.success(request, f"Der Versand an {_recipients(count)} wurde gestartet.")
        return redirect("newsletter:office_issue_progress", pk=pk)
    try:
        content.validate_body(issue.body)
        content.parse_portal_links(issue.portal_links)
        problems = []
    except ValidationError as error:
        problems = error.messages
    return render(
        request,
        "newsletter/office/issue_dispatch.html",
        {"issue": issue, "count": services.recipient_count(), "problems": problems},
    )


def _recipients(count: int) -> str:
    return "1 Empfängerin bzw. Empfänger" if count == 1 else f"{count} Empfängerinnen und Empfänger"


def _progress(issue: Issue) -> dict:
    counts = issue.delivery_counts()
    total = counts["total"]
    return {
        "status": issue.status,
        "status_label": issue.get_status_display(),
        "total": total,
        "sent": counts[Delivery.Status.SENT],
        "failed": counts[Delivery.Status.FAILED],
        "pending": counts[Delivery.Status.PENDING],
        "skipped": counts[Delivery.Status.SKIPPED],
        "done": counts["done"],
        "percent": round(100 * counts["done"] / total) if total else 100,
        "finished": issue.status == Issue.Status.SENT,
        "stalled": issue.is_stalled(),
        "problem": issue.dispatch_error,
    }


@manage_required
def issue_progress(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    if issue.is_draft:
        return redirect("newsletter:office_issue_preview", pk=pk)
    failed = issue.deliveries.filter(status=Delivery.Status.FAILED).order_by("pk")
    page = Paginator(failed, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "newsletter/office/issue_progress.html",
        {"issue": issue, "progress": _progress(issue), "page": page, "now": timezone.now()},
    )


@manage_required
@require_GET
def issue_progress_status(request, pk: int):
    """The numbers of the progress page for its polling script (progressive enhancement)."""
    issue = get_object_or_404(Issue, pk=pk)
    return JsonResponse(_progress(issue), headers={"Cache-Control": "no-store"})


@manage_required
@require_POST
def issue_retry(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    try:
        count = services.dispatch_retry_failed(issue=issue)
    except services.NewsletterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{_recipients(count)} werden erneut versucht. "
            "Bereits zugestellte Ausgaben gehen nicht noch einmal hinaus.",
        )
    return redirect("newsletter:office_issue_progress", pk=pk)


@manage_required
@require_POST
def issue_resume(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    if services.dispatch_resume(issue=issue):
        messages.success(
            request, "Der Versand wird fortgesetzt. Bereits zugestellte Ausgaben gehen nicht noch einmal hinaus."
        )
    else:
        messages.info(request, "Der Versand dieser Ausgabe ist bereits abgeschlossen.")
    return redirect("newsletter:office_issue_progress", pk=pk)


# --- Subscribers ---------------------------------------------------------------------


@manage_required
def subscriber_list(request):
    form = SubscriberFilterForm(request.GET or None)
    subscribers = Subscriber.objects.select_related("user").order_by("email")
    if form.is_valid():
        if status := form.cleaned_data["status"]:
            subscribers = subscribers.filter(status=status)
        if q := form.cleaned_data["q"].strip():
            subscribers = subscribers.filter(
                Q(email__icontains=q)
                | Q(name__icontains=q)
                | Q(user__email__icontains=q)
                | Q(user__first_name__icontains=q)
                | Q(user__last_name__icontains=q)
            )
    page = Paginator(subscribers, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    totals = Subscriber.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Subscriber.Status.values}
    )
    return render(
        request,
        "newsletter/office/subscriber_list.html",
        {"form": form, "page": page, "total": page.paginator.count, "totals": totals, "Status": Subscriber.Status},
    )


@manage_required
@require_http_methods(["GET", "POST"])
def subscriber_add(request):
    form = SubscriberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscriber = subscribers.subscriber_add(email=form.cleaned_data["email"], name=form.cleaned_data["name"])
        except services.NewsletterError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                f"An {subscriber.email} wurde eine Bestätigungsanfrage gesendet. Die Adresse erhält den Newsletter "
                "erst, wenn sie die Anmeldung bestätigt hat.",
            )
            return redirect("newsletter:office_subscriber_list")
    return render(request, "newsletter/office/subscriber_add.html", {"form": form})


@manage_required
@require_http_methods(["GET", "POST"])
def subscriber_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = subscribers.subscribers_import(lines=form.cleaned_data["lines"])
        # Only the invalid lines come back into the form, to be corrected and sent again.
        form = ImportForm(initial={"addresses": "\n".join(report.invalid_lines)})
    return render(request, "newsletter/office/subscriber_import.html", {"form": form, "report": report})


@manage_required
@require_http_methods(["GET", "POST"])
def subscriber_remove(request, pk: int):
    subscriber = get_object_or_404(Subscriber.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        subscribers.subscriber_remove(subscriber=subscriber)
        messages.success(request, f"{subscriber.address} wurde aus der Liste der Abonnements entfernt.")
        return redirect("newsletter:office_subscriber_list")
    return render(request, "newsletter/office/subscriber_remove.html", {"subscriber": subscriber})
