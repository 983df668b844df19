"""Restore of a backup written by sikoportal.backup into an EMPTY database and an empty file storage.

Everything that can be checked is checked before anything is written: the manifest (and, for an
encrypted backup, its HMAC with the key), the size and SHA-256 of every part, that this code knows
every migration the backup was made with, that the database has no tables and the storage no
files. Then pg_restore runs in one transaction (a failure leaves the database empty again) and the
files are written through Django's storage API under their original names.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from dokumente.storage import storage_files

from .backup import (
    CHUNK,
    DATABASE,
    FORMAT,
    MANIFEST,
    MANIFEST_HMAC,
    MEDIA,
    Backup,
    BackupError,
    _tool,
    file_sha256,
    key_id,
    pg_environment,
)


def open_backup(path: Path, key: bytes | None) -> Backup:
    """The backup at `path` with its manifest, after every checksum matched; BackupError otherwise."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"In {path} liegt keine Sicherung des Portals ({MANIFEST} fehlt).")
    text = manifest_path.read_bytes()
    try:
        manifest = json.loads(text)
    except ValueError:
        raise BackupError(f"{MANIFEST} ist kein gültiges JSON: die Sicherung ist beschädigt.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unbekanntes Sicherungsformat {manifest.get('format')!r} (erwartet {FORMAT}).")
    encryption = manifest.get("encryption")
    if encryption:
        if key is None:
            raise BackupError(
                "Die Sicherung ist verschlüsselt: setzen Sie SIKO_BACKUP_KEY auf den Schlüssel der Sicherung."
            )
        if not hmac.compare_digest(encryption.get("key_id", ""), key_id(key)):
            raise BackupError("Der Schlüssel in SIKO_BACKUP_KEY passt nicht zu dieser Sicherung.")
        signature = (path / MANIFEST_HMAC).read_text().strip() if (path / MANIFEST_HMAC).is_file() else ""
        if not hmac.compare_digest(signature, hmac.new(key, text, hashlib.sha256).hexdigest()):
            raise BackupError(f"{MANIFEST} wurde verändert (die Signatur {MANIFEST_HMAC} stimmt nicht).")
    parts = manifest.get("parts", {})
    if set(parts) != {DATABASE, MEDIA}:
        raise BackupError(f"{MANIFEST} nennt nicht beide Teile ({DATABASE}, {MEDIA}).")
    for part in parts.values():
        file = path / PurePosixPath(part["file"]).name
        if not file.is_file():
            raise BackupError(f"Der Teil {file.name} fehlt in der Sicherung.")
        if file.stat().st_size != part["size"] or file_sha256(file) != part["sha256"]:
            raise BackupError(
                f"Die Prüfsumme von {file.name} stimmt nicht mit {MANIFEST} überein: die Sicherung ist "
                "beschädigt oder verändert. Es wurde nichts wiederhergestellt."
            )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = sorted(set(manifest["database"]["migrations"]) - known)
    if unknown:
        raise BackupError(
            "Die Sicherung stammt aus einer neueren Version des Portals (unbekannte Migrationen: "
            f"{', '.join(unknown[:5])}). Installieren Sie zuerst diese Version (Commit "
            f"{manifest['portal'].get('commit') or 'unbekannt'})."
        )
    return Backup(path=path, manifest=manifest, key=key if encryption else None)


def ensure_empty(alias: str) -> None:
    tables = connections[alias].introspection.table_names()
    if tables:
        name = connections[alias].settings_dict["NAME"]
        raise BackupError(
            f"Die Datenbank „{name}“ ist nicht leer ({len(tables)} Tabellen). Wiederhergestellt wird nur in "
            "eine leere Datenbank: legen Sie eine neue an (createdb -O siko …) und tragen Sie sie in DATABASE_URL ein."
        )
    existing = next(storage_files(default_storage), None)
    if existing is not None:
        raise BackupError(
            f"Die Dateiablage ist nicht leer (etwa {existing}). Wiederhergestellt wird nur in eine leere "
            "Ablage (SIKO_MEDIA_ROOT)."
        )


def restore_backup(path: Path, *, alias: str = "default", key: bytes | None = None) -> dict:
    """Restores the backup at `path`; returns its manifest."""
    env = pg_environment(alias)
    pg_restore = _tool("pg_restore")
    backup = open_backup(path, key)
    ensure_empty(alias)
    connections[alias].close()  # pg_restore works on its own connection
    with backup.open_part(DATABASE) as source:
        process = subprocess.Popen(  # noqa: S603 - pg_restore with fixed arguments
            [pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
             "--dbname", env["PGDATABASE"]],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            while block := source.read(CHUNK):
                process.stdin.write(block)
        except BrokenPipeError:
            pass  # pg_restore stopped early: its message follows
        finally:
            process.stdin.close()
        output = process.stderr.read().decode(errors="replace")
        if process.wait() != 0:
            raise BackupError(f"pg_restore ist fehlgeschlagen (die Datenbank bleibt leer): {output.strip()}")
    with backup.open_part(MEDIA) as source, tarfile.open(fileobj=source, mode="r|") as tar:
        for member in tar:
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                raise BackupError(f"Unzulässiger Eintrag in {MEDIA}: {member.name}")
            content = File(_ForwardOnly(tar.extractfile(member)), name=name.name)
            content.size = member.size
            saved = default_storage.save(member.name, content)
            if saved != member.name:
                raise BackupError(f"Die Datei {member.name} wurde unter {saved} abgelegt statt unter ihrem Namen.")
    return backup.manifest


class _ForwardOnly(io.RawIOBase):
    """A file of media.tar, read once from front to back (the archive is a stream): says so to a
    storage that asks (django-storages' S3 upload checks seekable(), which the tar stream itself
    cannot answer), and refuses to seek."""

    def __init__(self, source) -> None:
        super().__init__()
        self._source = source

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        data = self._source.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
