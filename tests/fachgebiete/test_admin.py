"""The Django admin (superusers only) shows the Fachgebiete's records; those written by services stay read-only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from benachrichtigungen.models import Frequency, Notice, Subscription
from dokumente.models import StoredFile
from fachgebiete import services
from fachgebiete.models import FachgebietVisit, GlossaryTerm

pytestmark = pytest.mark.django_db

READ_ONLY = [FachgebietVisit, Notice, GlossaryTerm, Subscription, StoredFile]


@pytest.fixture
def records(shisha, outsider, office, make_article):
    from django.contrib.contenttypes.models import ContentType

    services.editor_grant(fachgebiet=shisha, user=outsider, by=office, notify=False)
    FachgebietVisit.objects.create(user=outsider, fachgebiet=shisha)
    GlossaryTerm.objects.create(term="Nadelstichtaktik", definition="Viele kleine Kontrollen.")
    Subscription.objects.create(user=outsider, topic=shisha, frequency=Frequency.WEEKLY)
    article = make_article(shisha, attachment=True)
    Notice.objects.create(
        user=outsider,
        topic_type=ContentType.objects.get_for_model(shisha),
        topic_id=shisha.pk,
        item_type=ContentType.objects.get_for_model(article),
        item_id=article.pk,
        title=article.title,
        url=article.get_absolute_url(),
        kind=article.section_label,
        occurred_at=timezone.now(),
    )
    return {model: model.objects.first() for model in READ_ONLY}


def _url(model, view: str, *args) -> str:
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_the_superuser_sees_list_and_record(client, superuser, records, model):
    client.force_login(superuser)
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "change", records[model].pk)).status_code == 200


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_records_are_neither_added_nor_changed(client, superuser, records, model):
    client.force_login(superuser)
    assert client.get(_url(model, "add")).status_code == 403
    page = client.get(_url(model, "change", records[model].pk)).content.decode()
    assert 'name="_save"' not in page


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_records_cannot_be_deleted(client, superuser, records, model):
    client.force_login(superuser)
    assert client.post(_url(model, "delete", records[model].pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=records[model].pk).exists()


def test_stored_files_show_metadata_but_no_file(client, superuser, records):
    client.force_login(superuser)
    stored = records[StoredFile]
    listing = client.get(_url(StoredFile, "changelist")).content.decode()
    assert "Ablauf Kontrolle.pdf" in listing and "PDF" in listing and stored.size_label in listing
    detail = client.get(_url(StoredFile, "change", stored.pk)).content.decode()
    assert stored.sha256 in detail
    assert stored.file.name not in detail and stored.file.name.rpartition("/")[2] not in detail


@pytest.mark.parametrize("role", ["member", "editor", "office"])
def test_others_never_reach_these_pages(login, records, role):
    client = login(role)
    for model in READ_ONLY:
        response = client.get(_url(model, "changelist"))
        assert not 200 <= response.status_code < 300, (model, role)
