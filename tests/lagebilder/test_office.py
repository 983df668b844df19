"""The office's follow-up: figures per authority and person, remind once, CSV, publishing."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devtools.generate import pdf_bytes
from lagebilder import services, statistics
from lagebilder.models import Acknowledgement, Attachment, Lagebild
from partner.models import AuditEvent, PartnerType
from tests.helpers import main_text
from zielgruppen.models import Audience, Scope

from .conftest import lagebild

pytestmark = pytest.mark.django_db


@pytest.fixture
def for_all(office, member, colleague, outsider, insider):
    item = lagebild("Lagebild Clankriminalität NRW 2026", Scope.ALLE, office=office)
    Acknowledgement.objects.create(lagebild=item, user=member)
    Acknowledgement.objects.create(lagebild=item, user=insider)
    return item


def test_figures_per_authority(for_all):
    rows, total = statistics.by_authority(for_all)
    # Essen: member, colleague, office; LKA: outsider, insider.
    assert [(r.name, r.addressed, r.acknowledged, r.missing) for r in rows] == [
        ("Landeskriminalamt NRW", 2, 1, 1),
        ("Stadt Essen", 3, 1, 2),
    ]
    assert (total.addressed, total.acknowledged, total.percent) == (5, 2, 40)


def test_status_page_lists_figures_and_people_missing_first(for_all, login):
    text = main_text(login("office").get(reverse("lagebilder:status", kwargs={"pk": for_all.pk})))
    assert "2 von 5" in text
    assert "Landeskriminalamt NRW" in text and "Stadt Essen" in text
    assert text.index("Karl Muster") < text.index("Max Muster")  # colleague (missing) before member


@pytest.mark.parametrize("role, status", [("member", 403), ("outsider", 403), ("office", 200)])
def test_status_page_is_the_office_s(for_all, role, status, login):
    assert login(role).get(reverse("lagebilder:status", kwargs={"pk": for_all.pk})).status_code == status


def test_remind_once_mails_the_missing_ones_only(for_all, login, django_capture_on_commit_callbacks):
    client = login("office")
    url = reverse("lagebilder:remind", kwargs={"pk": for_all.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "3 Personen werden per E-Mail" in main_text(response)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "gina.geschaeftsstelle@essen.de",
        "karl.kollege@essen.de",
        "olga.aussen@polizei.nrw.de",
    ]
    assert all("Erinnerung" in m.subject for m in mail.outbox)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACKNOWLEDGEMENT_REMINDED).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, follow=True)
    assert "bereits erinnert" in main_text(second)
    assert len(mail.outbox) == 3


def test_remind_refused_when_done_before_by_the_service(for_all, office):
    assert services.remind(lagebild=for_all, user=office) == 3
    assert services.remind(lagebild=for_all, user=office) is None


@pytest.mark.parametrize("role, status", [("member", 403), ("office", 302)])
def test_remind_is_the_office_s(for_all, role, status, login):
    assert login(role).post(reverse("lagebilder:remind", kwargs={"pk": for_all.pk})).status_code == status


def test_csv_export_with_audit(for_all, login):
    response = login("office").get(reverse("lagebilder:export", kwargs={"pk": for_all.pk}))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["Behörde", "Name", "E-Mail", "Organisationseinheit", "zur Kenntnis genommen am"]
    by_email = {row[2]: row for row in rows[1:]}
    assert len(by_email) == 5
    assert by_email["max.nutzer@essen.de"][4] != "" and by_email["karl.kollege@essen.de"][4] == ""
    assert by_email["ina.innen@polizei.nrw.de"][0] == "Landeskriminalamt NRW"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACKNOWLEDGEMENTS_EXPORTED).count() == 1


def test_csv_name_carries_the_handling_note(for_kommunen, login):
    response = login("office").get(reverse("lagebilder:export", kwargs={"pk": for_kommunen.pk}))
    assert f'filename="VS-NfD_kenntnisnahmen-{for_kommunen.pk}.csv"' in response["Content-Disposition"]


def test_csv_is_the_office_s(for_all, login):
    assert login("member").get(reverse("lagebilder:export", kwargs={"pk": for_all.pk})).status_code == 403


def _form(**overrides) -> dict:
    data = {
        "kind": "lagebild",
        "title": "Lagebild Glücksspiel 2026",
        "summary": "Illegales Glücksspiel in Shisha-Bars nimmt zu.",
        "handling_note": "nfd",
        "zielgruppe-scope": Scope.BEHOERDENARTEN,
        "zielgruppe-types": [PartnerType.KOMMUNE],
    }
    data.update(overrides)
    return data


def test_office_publishes_with_attachment_and_the_audience_hears_of_it(
    office, member, outsider, login, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile(
        "Lagebild Glücksspiel.pdf", pdf_bytes("Lagebild", ["Lage im Ruhrgebiet."]), content_type="application/pdf"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(office).post(reverse("lagebilder:create"), _form(attachment=upload))
    item = Lagebild.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("lagebilder:status", kwargs={"pk": item.pk})
    assert item.audience.includes(member) and not item.audience.includes(outsider)
    assert [m.to for m in mail.outbox] == [["max.nutzer@essen.de"]]
    attachment = Attachment.objects.get()

    download = login(member).get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert "NfD_Lagebild" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD, actor=member).count() == 1
    assert login(outsider).get(attachment.get_absolute_url()).status_code == 404


def test_bad_input_keeps_the_input_and_saves_nothing(office, login):
    response = login(office).post(reverse("lagebilder:create"), _form(title="", **{"zielgruppe-types": []}))
    text = main_text(response)
    assert response.status_code == 200
    assert "Bitte geben Sie einen Titel ein." in text
    assert "Bitte wählen Sie mindestens einen Behördentyp." in text
    assert "Illegales Glücksspiel in Shisha-Bars nimmt zu." in text
    assert not Lagebild.objects.exists() and not Audience.objects.exists()


def test_a_rejected_upload_saves_nothing(office, login):
    upload = SimpleUploadedFile("makro.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = login(office).post(reverse("lagebilder:create"), _form(attachment=upload))
    assert response.status_code == 200
    assert not Lagebild.objects.exists() and not Audience.objects.exists()
    assert "Lagebild Glücksspiel 2026" in main_text(response)


@pytest.mark.parametrize("role, status", [("member", 403), ("office", 200)])
def test_create_page_is_the_office_s(role, status, login):
    assert login(role).get(reverse("lagebilder:create")).status_code == status


def test_office_adds_an_attachment_later(for_all, login):
    upload = SimpleUploadedFile(
        "Anlage.pdf", pdf_bytes("Anlage", ["Anlage zum Lagebild."]), content_type="application/pdf"
    )
    url = reverse("lagebilder:attachment_add", kwargs={"pk": for_all.pk})
    assert login("office").post(url, {"attachment": upload}).status_code == 302
    assert for_all.attachments.count() == 1
    refused = login("office").post(url, {})
    assert refused.status_code == 200 and "Bitte wählen Sie eine Datei aus." in main_text(refused)
    assert for_all.attachments.count() == 1
