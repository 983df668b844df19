"""The Geschäftsstelle's pages: admission queue and account management."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import email_change, services
from .filters import AccountFilter
from .forms import AdmitOtherAuthorityForm, DecisionForm, LoginEmailChangeForm
from .models import Decision, Partner, PartnerDomain, User, domain_owner_ids

# The Geschäftsstelle's pages; `User.is_geschaeftsstelle` asks the same permission for menus and MFA.
office_required = permission_required("partner.review_application", raise_exception=True)
account_manager_required = permission_required("partner.manage_accounts", raise_exception=True)

# Two reason fields on one page: distinct labels, so screen readers can tell them apart.
_REJECT = {
    "label": "Begründung der Ablehnung",
    "help_text": "Die Begründung wird der antragstellenden Person per E-Mail mitgeteilt.",
}
_ADMIT = {"label": "Vermerk zur Zulassung", "help_text": "Nur für die Akte der Geschäftsstelle."}
_DEACTIVATE_HELP = "Die Begründung wird der Person per E-Mail mitgeteilt und in der Akte vermerkt."


def _admit_form(account: User, data=None):
    """An "Andere Behörde" applicant gets an authority with the admission: one of the list
    (preselected: the owner of the e-mail domain) or a new one."""
    if account.partner_id is not None:
        return DecisionForm(data, prefix="admit", **_ADMIT)
    owner = Partner.objects.active().for_email(account.email).first()
    return AdmitOtherAuthorityForm(data, prefix="admit", account=account, owner=owner, **_ADMIT)


def _decision_forms(account: User, admit=None, reject=None) -> dict:
    return {
        "admit_form": admit or _admit_form(account),
        "reject_form": reject or DecisionForm(prefix="reject", reason_required=True, **_REJECT),
    }


def _report(request, outcome: services.Outcome, done: str) -> None:
    if outcome.mail == services.MAIL_SENT:
        messages.success(request, f"{done} Die Person wurde per E-Mail benachrichtigt.")
    elif outcome.mail == services.MAIL_QUEUED:
        messages.success(request, f"{done} Die Person wird per E-Mail benachrichtigt.")
    else:
        messages.warning(
            request,
            f"{done} Die E-Mail an die Person konnte jedoch nicht versandt werden. "
            "Sie können sie in der Entscheidungshistorie erneut senden.",
        )


@office_required
def admission_list(request):
    applications = User.objects.awaiting_admission().select_related("partner").order_by("status_changed_at")
    page = Paginator(applications, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    owners = PartnerDomain.owners()
    names = dict(Partner.objects.filter(pk__in=set(owners.values())).values_list("pk", "name"))
    rows = [
        (
            applicant,
            applicant.domain_check(owners),
            ", ".join(sorted(names[pk] for pk in domain_owner_ids(applicant.email, owners))),
        )
        for applicant in page
    ]
    return render(
        request,
        "partner/office/admission_list.html",
        {
            "page": page,
            "rows": rows,
            "unconfirmed_count": User.objects.filter(status=User.Status.APPLIED).count(),
            "expiry_days": settings.SIKO_APPLICATION_EXPIRY_DAYS,
        },
    )


@office_required
def account_list(request):
    accounts = User.objects.select_related("partner").order_by("last_name", "first_name", "email")
    account_filter = AccountFilter(request.GET, queryset=accounts)
    page = Paginator(account_filter.qs, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "partner/office/account_list.html",
        {"filter": account_filter, "page": page, "total": page.paginator.count},
    )


def _render_account(request, account: User, **forms):
    context = {
        "account": account,
        "domain_check": account.domain_check(),
        "domain_owner": Partner.objects.for_email(account.email).first(),
        "decisions": account.decisions.select_related("decided_by"),
        "pending_email": EmailAddress.objects.get_new(account),
        "audit_events": account.audit_events.all()[:20],
        "open_deletion": account.deletion_requests.open().first(),
        "Status": User.Status,
        "recertification_months": settings.SIKO_RECERTIFICATION_MONTHS,
        **_decision_forms(account, **forms),
    }
    return render(request, "partner/office/account_detail.html", context)


@office_required
def account_detail(request, pk: int):
    account = get_object_or_404(User.objects.select_related("partner"), pk=pk)
    return _render_account(request, account)


@office_required
@require_POST
def account_admit(request, pk: int):
    account = get_object_or_404(User, pk=pk)
    form = _admit_form(account, request.POST)
    if not form.is_valid():
        return _render_account(request, account, admit=form)
    partner = form.partner_choice() if isinstance(form, AdmitOtherAuthorityForm) else None
    try:
        outcome = services.application_admit(
            user=account, decided_by=request.user, reason=form.cleaned_data["reason"], partner=partner
        )
    except services.DecisionError as error:
        messages.error(request, str(error))
        return redirect("partner:account_detail", pk=pk)
    assigned = f" und der Behörde „{outcome.decision.user.partner}“ zugeordnet" if partner is not None else ""
    _report(request, outcome, f"{account} wurde zugelassen{assigned}.")
    return redirect("partner:admission_list")


@office_required
@require_POST
def account_reject(request, pk: int):
    account = get_object_or_404(User, pk=pk)
    form = DecisionForm(request.POST, prefix="reject", reason_required=True, **_REJECT)
    if not form.is_valid():
        return _render_account(request, account, reject=form)
    try:
        outcome = services.application_reject(user=account, decided_by=request.user, reason=form.cleaned_data["reason"])
    except services.DecisionError as error:
        messages.error(request, str(error))
        return redirect("partner:account_detail", pk=pk)
    _report(request, outcome, f"Der Antrag von {account} wurde abgelehnt.")
    return redirect("partner:admission_list")


@account_manager_required
@require_http_methods(["GET", "POST"])
def account_deactivate(request, pk: int):
    account = get_object_or_404(User.objects.select_related("partner"), pk=pk)
    form = DecisionForm(
        request.POST or None, reason_required=True, label="Begründung der Deaktivierung", help_text=_DEACTIVATE_HELP
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.account_deactivate(
                user=account, decided_by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.DecisionError as error:
            form.add_error(None, str(error))
        else:
            _report(request, outcome, f"Das Konto von {account} wurde deaktiviert und alle Sitzungen beendet.")
            return redirect("partner:account_detail", pk=pk)
    return render(request, "partner/office/account_deactivate.html", {"account": account, "form": form})


@account_manager_required
@require_POST
def account_reactivate(request, pk: int):
    account = get_object_or_404(User, pk=pk)
    try:
        outcome = services.account_reactivate(user=account, decided_by=request.user)
    except services.DecisionError as error:
        messages.error(request, str(error))
    else:
        _report(request, outcome, f"Das Konto von {account} ist wieder aktiv.")
    return redirect("partner:account_detail", pk=pk)


@office_required
@require_POST
def decision_notify(request, pk: int, decision_pk: int):
    # user__pk, not user_id: Django bounds out-of-range integers only on the target's own field
    # (SQLite raised OverflowError, a 500, for a user number past 2**63).
    decision = get_object_or_404(Decision, pk=decision_pk, user__pk=pk)
    if decision.notified_at is not None:
        messages.info(request, "Die Person wurde zu dieser Entscheidung bereits benachrichtigt.")
    elif (state := services.decision_notify(decision)) == services.MAIL_SENT:
        messages.success(request, "Die E-Mail wurde versandt.")
    elif state == services.MAIL_QUEUED:
        messages.success(request, "Die E-Mail wird versandt.")
    else:
        messages.error(request, "Die E-Mail konnte wieder nicht versandt werden. Bitte versuchen Sie es später erneut.")
    return redirect("partner:account_detail", pk=pk)


@account_manager_required
@require_http_methods(["GET", "POST"])
def account_email_change(request, pk: int):
    account = get_object_or_404(User.objects.select_related("partner"), pk=pk)
    form = LoginEmailChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            address = email_change.login_email_change(
                user=account,
                new_email=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
                requested_by=request.user,
                request=request,
            )
        except email_change.EmailChangeError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                f"An {address.email} wurde ein Bestätigungslink gesandt; mit der Bestätigung wird sie "
                f"die Anmeldeadresse von {account}. Die bisherige Adresse wurde benachrichtigt.",
            )
            return redirect("partner:account_detail", pk=pk)
    return render(
        request,
        "partner/office/account_email_change.html",
        {"account": account, "form": form, "pending_email": EmailAddress.objects.get_new(account)},
    )
