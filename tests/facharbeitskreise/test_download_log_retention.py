"""Download log entries older than SIKO_DOWNLOAD_LOG_RETENTION_DAYS are deleted by the daily command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from facharbeitskreise import content_services
from facharbeitskreise.models import DownloadLog

from .inhalt_fixtures import *  # noqa: F403
from .inhalt_fixtures import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(area, ak_contributor):
    document = content_services.document_create(
        area=area, user=ak_contributor, title="Lagebild", description="", is_result=False, upload=pdf_upload()
    )
    return document.versions.get().file


def _log(user, area, stored, days_ago):
    return DownloadLog.objects.create(user=user, area=area, file=stored, at=timezone.now() - timedelta(days=days_ago))


def test_the_default_keeps_a_year(settings):
    assert settings.SIKO_DOWNLOAD_LOG_RETENTION_DAYS == 365


def test_the_daily_command_deletes_entries_past_the_retention(settings, ak_member, area, stored):
    settings.SIKO_DOWNLOAD_LOG_RETENTION_DAYS = 30
    old = _log(ak_member, area, stored, 31)
    recent = _log(ak_member, area, stored, 29)
    out = StringIO()
    call_command("run_access_reviews", stdout=out)
    assert list(DownloadLog.objects.all()) == [recent]
    assert not DownloadLog.objects.filter(pk=old.pk).exists()
    assert "1 alte(r) Eintrag/Einträge des Download-Protokolls gelöscht" in out.getvalue()


def test_purge_counts_and_respects_the_setting(settings, ak_member, area, stored):
    settings.SIKO_DOWNLOAD_LOG_RETENTION_DAYS = 365
    _log(ak_member, area, stored, 364)
    _log(ak_member, area, stored, 400)
    _log(ak_member, area, stored, 800)
    assert content_services.download_logs_purge() == 2
    assert content_services.download_logs_purge() == 0
    assert DownloadLog.objects.count() == 1
