"""manage.py backup and manage.py restore (sikoportal/backup.py, sikoportal/restore.py).

The round trip backs up a filled PostgreSQL test database (documents with files, area documents,
the search index), restores it into a new database and a new media directory, and proves that
every file downloads with the same bytes and every search finds the same. The restored database
is read by pointing the default connection at it for a moment (`use_database`): downloads and the
search service then run unchanged, as they would on the restored machine.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from psycopg import sql

from devtools.generate import pdf_bytes
from dokumente.services import FileStore
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument, ArbeitskreisDocumentVersion
from facharbeitskreise.models.base import Role
from facharbeitskreise.services import role_grant
from fachgebiete.models import Document, DocumentVersion
from fachgebiete.models.content import Status
from sikoportal.backup import BackupError, DecryptingReader, EncryptingWriter, prune_backups
from suche.index import reindex
from suche.models import SearchEntry
from suche.query import search

pytestmark = pytest.mark.django_db(transaction=True)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Sicherung und Wiederherstellung gibt es nur für PostgreSQL: mit DATABASE_URL=postgres://… ausführen",
)
KEY = "q1Jr2n0x1uV9nQk6b7Zb0dXgUQ2QbZ3w7mWm3yJ9v2E="  # 32 bytes, URL-safe base64
QUERIES = ["Kohlenmonoxid", "Shisha", "Nordlicht", "Lagebild", "Wasserpfeife Kontrolle"]


@pytest.fixture
def filled(shisha, member, make_user) -> None:
    """Documents with files (one with two versions, umlauts in the names), a closed area's document
    and the search index over all of it."""
    now = timezone.now()
    files = FileStore()
    for title, words in (("Checkliste Shisha-Kontrolle", ["Kohlenmonoxid"]), ("Übersicht Wasserpfeife", ["Tabak"])):
        document = Document.objects.create(
            fachgebiet=shisha, title=title, kind=Document.Kind.CHECKLISTE, description="Prüfpunkte der Kontrolle",
            author=member, status=Status.PUBLISHED, submitted_at=now, published_at=now,
        )  # fmt: skip
        for number in (1, 2) if "Übersicht" in title else (1,):
            upload = SimpleUploadedFile(f"{title} {number}.pdf", pdf_bytes(title, [*words, f"Fassung {number}"]))
            document.versions.create(number=number, file=files.store(upload, user=member), note=f"Fassung {number}")
    arbeitskreis = Arbeitskreis.objects.create(name="Projekt Nordlicht", slug="nordlicht", is_confidential=True)
    lead = make_user("lea.leitung@essen.de", second_factor=True)
    role_grant(arbeitskreis=arbeitskreis, user=lead, role=Role.LEITUNG, actor=lead)
    role_grant(arbeitskreis=arbeitskreis, user=member, role=Role.MITGLIED, actor=lead)
    arbeitskreis_document = ArbeitskreisDocument.objects.create(
        arbeitskreis=arbeitskreis, title="Lagebild Nordlicht", description="Nur intern."
    )
    upload = SimpleUploadedFile("Lagebild Nordlicht.pdf", pdf_bytes("Lagebild", ["Nordlicht", "Kohlenmonoxid"]))
    arbeitskreis_document.versions.create(number=1, file=files.store(upload, user=lead))
    reindex()


def snapshot(user) -> dict:
    """What `user` gets: every file's bytes (as SHA-256, with the checksum stored at upload) and the
    hits of each query."""
    client = Client()
    client.force_login(user)
    downloads = {}
    for version in [*DocumentVersion.objects.all(), *ArbeitskreisDocumentVersion.objects.all()]:
        response = client.get(version.get_download_url())
        assert response.status_code == 200, version
        body = b"".join(response.streaming_content) if response.streaming else response.content
        downloads[version.get_download_url()] = (hashlib.sha256(body).hexdigest(), version.file.sha256)
    searches = {
        query: [(hit.type_label, str(hit.title), hit.url) for hit in search(user, query).hits] for query in QUERIES
    }
    return {"downloads": downloads, "searches": searches, "entries": SearchEntry.objects.count()}


@contextmanager
def use_database(name: str):
    """The default connection on database `name` for a moment (the test's own database afterwards)."""
    connection.close()
    original = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@pytest.fixture
def new_database():
    """An empty PostgreSQL database with a unique name, dropped at the end."""
    db = connection.settings_dict
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres"}
    if db["PASSWORD"]:
        params["password"] = db["PASSWORD"]
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def backup(filled, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SIKO_BACKUP_KEY", KEY)
    call_command("backup", output=tmp_path / "sicherungen", stdout=io.StringIO())
    (path,) = (tmp_path / "sicherungen").iterdir()
    return path


def restore(path: Path, database: str, media: Path, settings) -> None:
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(media)
    with use_database(database):
        call_command("restore", str(path), stdout=io.StringIO())


def is_empty(database: str, media: Path) -> bool:
    with use_database(database):
        return not connection.introspection.table_names() and not any(media.rglob("*"))


@postgres_only
@pytest.mark.parametrize("encrypted", [True, False], ids=["verschluesselt", "unverschluesselt"])
def test_restore_into_a_new_database_downloads_and_finds_the_same(
    filled, member, new_database, tmp_path, settings, monkeypatch, encrypted
):
    before = snapshot(member)
    assert len(before["downloads"]) == 4 and all(got == stored for got, stored in before["downloads"].values())
    assert all(before["searches"][query] for query in QUERIES)
    target = tmp_path / "sicherungen"
    monkeypatch.setenv("SIKO_BACKUP_KEY", KEY if encrypted else "")
    call_command("backup", output=target, stdout=io.StringIO())
    (path,) = target.iterdir()
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["media"]["files"] == 4
    assert "sikoportal.0001_search_index_and_visits" in manifest["database"]["migrations"]
    suffix = ".enc" if encrypted else ""
    assert sorted(p.name for p in path.iterdir()) == sorted(
        [f"database.dump{suffix}", "manifest.json", f"media.tar{suffix}"] + (["manifest.hmac"] if encrypted else [])
    )
    database, media = (path / f"database.dump{suffix}").read_bytes(), (path / f"media.tar{suffix}").read_bytes()
    # Encrypted: neither the PostgreSQL archive header nor a tar header is readable.
    assert (database.startswith(b"PGDMP"), b"ustar" in media) == (not encrypted, not encrypted)
    assert (manifest["encryption"] or {}).get("algorithm") == ("AES-256-GCM" if encrypted else None)

    restore(path, new_database, tmp_path / "restored-media", settings)
    with use_database(new_database):
        after = snapshot(member)
    assert after == before


@postgres_only
def test_restore_from_and_into_object_storage(object_storage, filled, member, new_database, tmp_path, settings):
    """The files are read and written through the storage API: a backup of an object store (an
    S3 bucket on a real S3 server, or Django's InMemoryStorage) restores into an empty one."""
    settings.SIKO_STORAGE_PRESIGNED_SECONDS = 0  # the snapshot compares the bytes the portal sends
    before = snapshot(member)
    stored = object_storage()
    assert len(before["downloads"]) == 4 and len(stored) == 4
    call_command("backup", output=tmp_path / "sicherungen", stdout=io.StringIO())
    (path,) = (tmp_path / "sicherungen").iterdir()
    assert json.loads((path / "manifest.json").read_text())["media"]["files"] == 4

    # An empty storage of the same kind: a new InMemoryStorage, or a new bucket.
    if object_storage.kind == "s3":
        from tests.object_storage import bucket_names, new_bucket, s3_storage_settings

        endpoint = settings.STORAGES["default"]["OPTIONS"]["endpoint_url"]
        bucket = new_bucket(endpoint)
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(endpoint, bucket)}
        restored = lambda: bucket_names(endpoint, bucket)  # noqa: E731
    else:
        settings.STORAGES = {**settings.STORAGES, "default": dict(settings.STORAGES["default"])}
        restored = object_storage
    assert restored() == []
    with use_database(new_database):
        call_command("restore", str(path), stdout=io.StringIO())
        after = snapshot(member)

    assert after == before
    assert restored() == stored


@postgres_only
def test_a_changed_part_is_refused_before_anything_is_written(backup, new_database, tmp_path, settings):
    part = backup / "media.tar.enc"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="Die Prüfsumme von media.tar.enc stimmt nicht"):
        restore(backup, new_database, tmp_path / "restored-media", settings)
    assert is_empty(new_database, tmp_path / "restored-media")


@postgres_only
def test_a_changed_checksum_in_the_manifest_is_refused(backup, new_database, tmp_path, settings):
    """Whoever changes a file and its checksum in the manifest is caught by the manifest's HMAC."""
    manifest = json.loads((backup / "manifest.json").read_text())
    part = backup / "database.dump.enc"
    part.write_bytes(part.read_bytes() + b"x")
    manifest["parts"]["database.dump"].update(
        sha256=hashlib.sha256(part.read_bytes()).hexdigest(), size=part.stat().st_size
    )
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="manifest.json wurde verändert"):
        restore(backup, new_database, tmp_path / "restored-media", settings)
    assert is_empty(new_database, tmp_path / "restored-media")


@postgres_only
@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "Die Sicherung ist verschlüsselt: setzen Sie SIKO_BACKUP_KEY"),
        ("Xq1Jr2n0x1uV9nQk6b7Zb0dXgUQ2QbZ3w7mWm3yJ9v0=", "passt nicht zu dieser Sicherung"),
        ("zu-kurz", "SIKO_BACKUP_KEY ist kein gültiger Schlüssel"),
    ],
)
def test_a_wrong_or_missing_key_is_refused(backup, new_database, tmp_path, settings, monkeypatch, key, message):
    monkeypatch.setenv("SIKO_BACKUP_KEY", key)
    with pytest.raises(CommandError, match=message):
        restore(backup, new_database, tmp_path / "restored-media", settings)
    assert is_empty(new_database, tmp_path / "restored-media")


@postgres_only
def test_restore_into_a_database_with_tables_is_refused(backup, tmp_path, settings):
    with pytest.raises(CommandError, match=r"Die Datenbank „.*“ ist nicht leer"):
        restore(backup, connection.settings_dict["NAME"], tmp_path / "restored-media", settings)
    assert not (tmp_path / "restored-media").exists() or not any((tmp_path / "restored-media").iterdir())


@postgres_only
def test_restore_into_a_storage_with_files_is_refused(backup, new_database, tmp_path, settings):
    media = tmp_path / "restored-media"
    media.mkdir()
    (media / "alt.pdf").write_bytes(b"%PDF-")
    with pytest.raises(CommandError, match="Die Dateiablage ist nicht leer"):
        restore(backup, new_database, media, settings)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="prüft die Ablehnung auf SQLite")
def test_sqlite_is_refused_in_german(tmp_path):
    with pytest.raises(CommandError, match="nur für PostgreSQL"):
        call_command("backup", output=tmp_path)
    assert not any(tmp_path.iterdir())


# --- Without a database: the stream cipher and the rotation ---------------------------------------


def encrypt(data: bytes, key: bytes) -> bytes:
    target = io.BytesIO()
    writer = EncryptingWriter(target, key)
    for start in range(0, len(data), 300_000):
        writer.write(data[start : start + 300_000])
    writer.close()
    return target.getvalue()


@pytest.mark.django_db(transaction=False)
def test_encryption_round_trip_over_several_chunks_and_cut_off_detected():
    key, data = os.urandom(32), os.urandom(2_500_000)
    sealed = encrypt(data, key)
    assert DecryptingReader(io.BytesIO(sealed), key).read() == data
    assert DecryptingReader(io.BytesIO(encrypt(b"", key)), key).read() == b""
    # Dropping the last chunk (4-byte length + 16-byte tag + 452,864 bytes of plaintext) is noticed.
    cut = sealed[: -(4 + 16 + len(data) - 2 * 1024 * 1024)]
    with pytest.raises(BackupError, match="endet vorzeitig"):
        DecryptingReader(io.BytesIO(cut), key).read()
    with pytest.raises(BackupError, match="falscher Schlüssel"):
        DecryptingReader(io.BytesIO(sealed), os.urandom(32)).read()


@pytest.mark.django_db(transaction=False)
def test_only_the_newest_backups_are_kept(tmp_path):
    for stamp in ("20261201T031500Z", "20261202T031500Z", "20261203T031500Z"):
        (tmp_path / f"sikoportal-{stamp}").mkdir()
        (tmp_path / f"sikoportal-{stamp}" / "manifest.json").write_text("{}")
    (tmp_path / "sikoportal-fremd").mkdir()  # no manifest: not ours, left alone
    removed = prune_backups(tmp_path, keep=2)
    assert [path.name for path in removed] == ["sikoportal-20261201T031500Z"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "sikoportal-20261202T031500Z", "sikoportal-20261203T031500Z", "sikoportal-fremd"
    ]  # fmt: skip
