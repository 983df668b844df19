"""The subscriber import (Geschäftsstelle) reads a CSV file without storing it; it passes the
virus scan all the same (real clamd), and nothing is imported from a refused file."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter.models import Subscriber
from tests.dokumente import refused_samples

from ..helpers import main_text

pytestmark = pytest.mark.django_db

IMPORT = reverse("newsletter:office_subscriber_import")


def test_a_csv_with_malware_imports_nothing(office_client):
    data = b"E-Mail;Name\r\nanna@herne.de;Anna Arndt\r\n" + refused_samples.eicar() + b"\r\n"

    page = main_text(office_client.post(IMPORT, {"csv_file": SimpleUploadedFile("liste.csv", data)}))

    assert "Die Datei „liste.csv“ enthält Schadsoftware" in page
    assert not Subscriber.objects.exists()


def test_without_clamd_the_csv_is_refused_and_logged(office_client, settings, tmp_path, caplog):
    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")
    upload = SimpleUploadedFile("liste.csv", b"anna@herne.de;Anna Arndt\r\n")

    with caplog.at_level(logging.ERROR, logger="dokumente.virusscan"):
        page = main_text(office_client.post(IMPORT, {"csv_file": upload}))

    assert "Die Virenprüfung ist derzeit nicht erreichbar" in page
    assert not Subscriber.objects.exists()
    assert any(record.levelno == logging.ERROR for record in caplog.records)


def test_typed_addresses_need_no_scan(office_client, settings, tmp_path):
    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")

    office_client.post(IMPORT, {"addresses": "anna@herne.de"})

    assert Subscriber.objects.filter(email="anna@herne.de").exists()
