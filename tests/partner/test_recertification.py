"""Re-certification and inactivity: the daily run warns once, then suspends exactly the
accounts nobody confirmed (or nobody used), and a second run sends nothing.

- member (Stadt Essen) is the contact person of her authority: she confirms her colleagues;
- erika and emil are ordinary Essen staff, olga (outsider) is at the LKA, which has no contact
  person: the office is asked for her;
- office is the Geschäftsstelle.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partner import recertification
from partner.models import AuditEvent, Decision, User

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

MONTHS = 12
WARNING_DAYS = 14


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.SIKO_RECERTIFICATION_MONTHS = MONTHS
    settings.SIKO_RECERTIFICATION_WARNING_DAYS = WARNING_DAYS
    settings.SIKO_INACTIVITY_SUSPEND_DAYS = 180


class Clock:
    days = 0


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """timezone.now everywhere it is called (services, recertification, audit), moved by `days`."""
    moved = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=moved.days))
    return moved


def confirmed_ago(user: User, days: int, *, logged_in_days_ago: int = 1) -> User:
    """The account was last confirmed `days` ago; it was used recently (no inactivity)."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(
        certified_at=now - timedelta(days=days),
        status_changed_at=now - timedelta(days=days),
        last_login=now - timedelta(days=logged_in_days_ago),
    )
    user.refresh_from_db()
    return user


def due_in(user: User, days: int) -> User:
    """The confirmation falls due in `days` days."""
    due = timezone.now() + timedelta(days=days)
    User.objects.filter(pk=user.pk).update(certified_at=recertification.add_months(due, -MONTHS))
    user.refresh_from_db()
    return user


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


# --- the daily run ----------------------------------------------------------------------------


def test_the_run_warns_the_person_and_asks_the_contact_person_once(erika, member, clock):
    due_in(erika, 10)
    confirmed_ago(member, 30)
    result = recertification.run_daily()
    assert (result.warned, result.suspended) == (1, 0)
    (warning,) = mails_to(erika.email)
    assert "bestätigt werden" in warning.subject and "Ansprechperson" in warning.body
    (request,) = mails_to(member.email)
    assert "Erika Muster" in request.subject and reverse("partner:recertification") in request.body
    (event,) = AuditEvent.objects.filter(kind=AuditEvent.Kind.SUSPENSION_WARNED, subject=erika)
    due = timezone.localtime(timezone.now() + timedelta(days=10))
    assert event.summary == f"nicht rechtzeitig bestätigt · ruht ab {due:%d.%m.%Y}"

    mail.outbox.clear()
    clock.days = 3
    assert recertification.run_daily().warned == 0
    assert mail.outbox == []


def test_without_contact_person_the_office_is_asked(outsider, settings):
    due_in(outsider, 5)
    recertification.run_daily()
    assert mails_to(outsider.email)
    assert mails_to(settings.SIKO_OFFICE_EMAILS[0])


def test_the_run_suspends_exactly_the_unconfirmed(client, erika, emil, member, clock):
    due_in(erika, 10)
    due_in(emil, 10)
    confirmed_ago(member, 30)
    erika_browser = Client()
    erika_browser.force_login(erika)
    assert erika_browser.get(reverse("home")).status_code == 200
    recertification.run_daily()
    mail.outbox.clear()

    # The contact person confirms emil, not erika.
    client.force_login(member)
    response = client.post(reverse("partner:recertification"), {"accounts": [emil.pk]})
    assert response.status_code == 302

    clock.days = WARNING_DAYS
    result = recertification.run_daily()
    assert (result.warned, result.suspended) == (0, 1)
    erika.refresh_from_db()
    emil.refresh_from_db()
    assert erika.status == User.Status.SUSPENDED and not erika.is_active
    assert emil.status == User.Status.ADMITTED
    decision = Decision.objects.get(user=erika, action=Decision.Action.SUSPENDED)
    assert decision.decided_by is None and "bestätigt" in decision.reason and decision.notified_at
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SUSPENDED, subject=erika)
    assert event.detail["cause"] == recertification.RECERTIFICATION and event.actor is None
    assert event.summary.startswith("nicht rechtzeitig bestätigt · Ihr Zugang wurde zuletzt am")
    (notice,) = mails_to(erika.email)
    assert notice.subject.endswith("Ihr Zugang zum Portal ruht")
    assert erika_browser.get(reverse("home")).status_code == 302  # her session ended with it

    mail.outbox.clear()
    clock.days = WARNING_DAYS + 1
    result = recertification.run_daily()
    assert (result.warned, result.suspended) == (0, 0) and mail.outbox == []


def test_a_late_warning_still_gives_the_full_warning_period(erika, clock):
    confirmed_ago(erika, 800)  # overdue for long (say, the first run after the deployment)
    recertification.run_daily()
    assert mails_to(erika.email)
    clock.days = WARNING_DAYS - 1
    recertification.run_daily()
    assert User.objects.get(pk=erika.pk).status == User.Status.ADMITTED
    clock.days = WARNING_DAYS
    recertification.run_daily()
    assert User.objects.get(pk=erika.pk).status == User.Status.SUSPENDED


def test_a_confirmation_starts_a_new_period_with_a_new_warning(erika, office, clock):
    due_in(erika, 5)
    recertification.run_daily()
    recertification.accounts_confirm(users=[erika], by=office)
    mail.outbox.clear()
    clock.days = 365 - 10
    User.objects.filter(pk=erika.pk).update(last_login=timezone.now())  # she uses the portal
    recertification.run_daily()
    assert len(mails_to(erika.email)) == 1
    assert User.objects.get(pk=erika.pk).status == User.Status.ADMITTED


def test_inactive_accounts_are_warned_then_suspended_unless_they_log_in(erika, emil, clock):
    now = timezone.now()
    User.objects.filter(pk__in=[erika.pk, emil.pk]).update(
        last_login=now - timedelta(days=170), status_changed_at=now - timedelta(days=400)
    )
    result = recertification.run_daily()
    assert result.warned == 2
    (warning,) = mails_to(erika.email)
    assert "melden Sie sich" in warning.subject and reverse("account_login") in warning.body

    User.objects.filter(pk=emil.pk).update(last_login=now + timedelta(days=3))  # emil logs in
    mail.outbox.clear()
    clock.days = WARNING_DAYS
    result = recertification.run_daily()
    assert result.suspended == 1
    assert User.objects.get(pk=erika.pk).status == User.Status.SUSPENDED
    assert User.objects.get(pk=emil.pk).status == User.Status.ADMITTED
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SUSPENDED, subject=erika)
    assert event.detail["cause"] == recertification.INACTIVITY
    assert mail.outbox and all(message.to == [erika.email] for message in mail.outbox)


def test_an_account_never_used_counts_from_its_admission(erika):
    User.objects.filter(pk=erika.pk).update(last_login=None, status_changed_at=timezone.now() - timedelta(days=200))
    assert recertification.run_daily().warned == 1
    User.objects.filter(pk=erika.pk).update(status_changed_at=timezone.now() - timedelta(days=10))
    assert not recertification.due_for_inactivity().filter(pk=erika.pk).exists()


def test_operators_are_never_suspended(make_user, clock):
    operator = make_user("op.betrieb@essen.de", is_staff=True, is_superuser=True)
    confirmed_ago(operator, 800, logged_in_days_ago=800)
    recertification.run_daily()
    clock.days = 60
    recertification.run_daily()
    assert User.objects.get(pk=operator.pk).status == User.Status.ADMITTED
    assert mail.outbox == []


def test_the_command_reports_and_runs_twice_without_a_second_mail(erika, capsys):
    due_in(erika, 3)
    call_command("recertify_accounts")
    assert "1 Konto/Konten gewarnt, 0 ruhend gestellt" in capsys.readouterr().out
    sent = len(mail.outbox)
    call_command("recertify_accounts")
    assert "0 Konto/Konten gewarnt" in capsys.readouterr().out
    assert len(mail.outbox) == sent


def test_a_failed_warning_is_retried_the_next_day(erika, settings):
    due_in(erika, 3)
    settings.EMAIL_BACKEND = "tests.partner.test_recertification.BrokenBackend"
    result = recertification.run_daily()
    assert (result.warned, result.failed_mails) == (0, 1)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.SUSPENSION_WARNED).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert recertification.run_daily().warned == 1


class BrokenBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP nicht erreichbar")


# --- reactivation and login -----------------------------------------------------------------


def test_the_office_reactivates_a_suspended_account_and_confirms_it(client, erika, office, clock):
    confirmed_ago(erika, 800)
    recertification.run_daily()
    clock.days = WARNING_DAYS
    recertification.run_daily()
    client.force_login(office)
    page = client.get(reverse("partner:account_detail", args=[erika.pk]))
    assert "Ruhend" in page.content.decode() and "Konto reaktivieren" in page.content.decode()
    response = client.post(reverse("partner:account_reactivate", args=[erika.pk]))
    assert response.status_code == 302
    erika.refresh_from_db()
    assert erika.status == User.Status.ADMITTED
    assert erika.certified_at >= timezone.now() - timedelta(minutes=1)
    assert not recertification.due_for_recertification().filter(pk=erika.pk).exists()


def test_a_suspended_person_cannot_log_in_and_learns_why(client, erika):
    User.objects.filter(pk=erika.pk).update(status=User.Status.SUSPENDED, is_active=False)
    response = client.post(reverse("account_login"), {"login": erika.email, "password": PASSWORD}, follow=True)
    assert response.wsgi_request.user.is_anonymous
    assert "Ihr Zugang zum Portal ruht" in response.content.decode()
