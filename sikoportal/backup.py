"""Backup and restore of the portal: the PostgreSQL database (pg_dump custom format), the uploaded
files and a manifest with a SHA-256 checksum of every part.

One backup is one directory:

    sikoportal-20261204T031500Z/
        manifest.json       version, commit, applied migrations, parts with size and sha256
        manifest.hmac       only when encrypted: HMAC-SHA256 of manifest.json with the backup key
        database.dump       pg_dump --format=custom          (database.dump.enc when encrypted)
        media.tar           every file of the default storage (media.tar.enc when encrypted)

The uploaded files are read and written through Django's storage API (`default_storage`), not by
walking MEDIA_ROOT: the same command then backs up a local disk or an object store, and restore
writes exactly the names the database refers to.

Encryption (optional, key from SIKO_BACKUP_KEY, 32 random bytes in URL-safe base64): AES-256-GCM in
chunks of 1 MiB, so that gigabytes stream through a fixed amount of memory. Each chunk has its own
nonce (a random 8-byte prefix per file plus a 4-byte counter) and authenticates whether it is the
last one, so chunks can be neither reordered nor cut off. The checksums in the manifest are those
of the stored (encrypted) bytes; with a key the manifest is authenticated by manifest.hmac, so a
changed file cannot be hidden behind a changed checksum.

The database is dumped before the files: a file is deleted from storage only by dokumente_orphans
after its row is gone, so every row in the dump finds its file in media.tar (an upload finished in
between leaves at most an orphan file, which dokumente_orphans removes).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import io
import json
import os
import shutil
import subprocess
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from dokumente.storage import storage_files

FORMAT = 1
CHUNK = 1024 * 1024
MAGIC = b"SIKOBAK1"
DATABASE, MEDIA = "database.dump", "media.tar"
MANIFEST, MANIFEST_HMAC = "manifest.json", "manifest.hmac"
PREFIX = "sikoportal-"


class BackupError(Exception):
    """A refusal with a German message for the operator; nothing has been changed."""


# --- Encryption ----------------------------------------------------------------------------------


def parse_key(value: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(value.strip().encode())
    except ValueError:
        key = b""
    if len(key) != 32:
        raise BackupError(
            "SIKO_BACKUP_KEY ist kein gültiger Schlüssel: erwartet werden 32 zufällige Bytes in URL-sicherem Base64, "
            "erzeugt etwa mit python3 -c 'import base64, os; "
            "print(base64.urlsafe_b64encode(os.urandom(32)).decode())'."
        )
    return key


def key_id(key: bytes) -> str:
    """Names the key in the manifest without revealing it: a wrong key is told apart from a tampered file."""
    return hmac.new(key, b"sikoportal-backup key id", hashlib.sha256).hexdigest()[:16]


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + counter.to_bytes(4, "big")


class EncryptingWriter(io.RawIOBase):
    """Writes AES-256-GCM chunks of CHUNK plaintext bytes to `raw`; close() writes the last one."""

    def __init__(self, raw: BinaryIO, key: bytes) -> None:
        self.raw, self.aead, self.prefix = raw, AESGCM(key), os.urandom(8)
        self.buffer, self.counter = bytearray(), 0
        raw.write(MAGIC + self.prefix)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._emit(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.prefix, self.counter), plain, b"last" if last else b"more")
        self.raw.write(len(sealed).to_bytes(4, "big") + sealed)
        self.counter += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self.buffer), last=True)
            self.buffer.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """Reads what EncryptingWriter wrote; a changed, reordered or cut-off chunk raises BackupError."""

    def __init__(self, raw: BinaryIO, key: bytes) -> None:
        self.raw, self.aead = raw, AESGCM(key)
        header = raw.read(len(MAGIC) + 8)
        if header[: len(MAGIC)] != MAGIC:
            raise BackupError("Die Datei ist nicht mit dem Sicherungsformat des Portals verschlüsselt.")
        self.prefix, self.counter, self.pending, self.done = header[len(MAGIC) :], 0, b"", False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self.pending and not self.done:
            self._next_chunk()
        size = min(len(target), len(self.pending))
        target[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def _next_chunk(self) -> None:
        length = int.from_bytes(self.raw.read(4) or b"\0\0\0\0", "big")
        sealed = self.raw.read(length) if length else b""
        if not sealed:
            raise BackupError("Die verschlüsselte Datei endet vorzeitig (unvollständige Sicherung).")
        nonce = _nonce(self.prefix, self.counter)
        self.counter += 1
        for flag in (b"more", b"last"):
            try:
                self.pending = self.aead.decrypt(nonce, sealed, flag)
            except InvalidTag:
                continue
            self.done = flag == b"last"
            if self.done and self.raw.read(1):
                raise BackupError("Hinter dem letzten verschlüsselten Block folgen weitere Daten.")
            return
        raise BackupError("Die Entschlüsselung ist fehlgeschlagen: falscher Schlüssel oder veränderte Datei.")


class HashingWriter(io.RawIOBase):
    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.raw.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


# --- PostgreSQL tools ----------------------------------------------------------------------------


def pg_environment(alias: str) -> dict[str, str]:
    """libpq's variables for the database `alias`: the password never appears on a command line."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise BackupError(
            "Sicherung und Wiederherstellung gibt es nur für PostgreSQL (DATABASE_URL postgres://…); "
            f"die Datenbank „{alias}“ ist {connection.vendor}. Eine SQLite-Datei sichert man durch Kopieren."
        )
    db, options = connection.settings_dict, connection.settings_dict.get("OPTIONS", {})
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    values = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGCONNECT_TIMEOUT": options.get("connect_timeout"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} fehlt: apt-get install postgresql-client")
    return path


# --- Manifest ------------------------------------------------------------------------------------


def portal_version() -> dict[str, str | None]:
    base = Path(settings.BASE_DIR)
    version = tomllib.loads((base / "pyproject.toml").read_text())["project"]["version"]
    try:
        git = ["git", "rev-parse", "HEAD"]
        commit = subprocess.run(  # noqa: S603 - fixed arguments; git from PATH, optional
            git, cwd=base, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None  # an installation without .git
    return {"version": version, "commit": commit}


def applied_migrations(alias: str) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[alias]).applied_migrations())


@dataclass
class Backup:
    """A backup directory after its checksums have been verified."""

    path: Path
    manifest: dict
    key: bytes | None

    def open_part(self, name: str) -> BinaryIO:
        raw = (self.path / self.manifest["parts"][name]["file"]).open("rb")
        if self.key is None:
            return raw
        return io.BufferedReader(DecryptingReader(raw, self.key), CHUNK)


# --- Backup --------------------------------------------------------------------------------------


def create_backup(target: Path, *, alias: str = "default", key: bytes | None = None) -> Path:
    """Writes a new backup directory below `target` and returns it; a failed run leaves no directory
    that looks complete (it is written as .partial and renamed at the end)."""
    env = pg_environment(alias)
    pg_dump = _tool("pg_dump")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    final = target / f"{PREFIX}{stamp}"
    partial = target / f".{PREFIX}{stamp}.partial"
    target.mkdir(parents=True, exist_ok=True)
    partial.mkdir(mode=0o700)
    try:
        parts = {}
        suffix = ".enc" if key else ""
        with _part(partial / (DATABASE + suffix), key) as (writer, hashing):
            process = subprocess.Popen(  # noqa: S603 - pg_dump with fixed arguments
                [pg_dump, "--format=custom", "--no-owner", "--no-privileges"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            while block := process.stdout.read(CHUNK):
                writer.write(block)
            errors = process.stderr.read().decode(errors="replace")
            if process.wait() != 0:
                raise BackupError(f"pg_dump ist fehlgeschlagen: {errors.strip()}")
        parts[DATABASE] = {"file": DATABASE + suffix, "sha256": hashing.sha256.hexdigest(), "size": hashing.size}
        count = 0
        with _part(partial / (MEDIA + suffix), key) as (writer, hashing):
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name in storage_files(default_storage):
                    info = tarfile.TarInfo(name)
                    info.size = default_storage.size(name)
                    info.mode = 0o600
                    with default_storage.open(name, "rb") as handle:
                        tar.addfile(info, handle)
                    count += 1
        parts[MEDIA] = {"file": MEDIA + suffix, "sha256": hashing.sha256.hexdigest(), "size": hashing.size}
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "portal": portal_version(),
            "database": {"vendor": "postgresql", "migrations": applied_migrations(alias)},
            "media": {"storage": type(default_storage._wrapped).__name__, "files": count},
            "encryption": {"algorithm": "AES-256-GCM", "chunk": CHUNK, "key_id": key_id(key)} if key else None,
            "parts": parts,
        }
        text = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        (partial / MANIFEST).write_bytes(text)
        if key:
            (partial / MANIFEST_HMAC).write_text(hmac.new(key, text, hashlib.sha256).hexdigest() + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


class _part:
    """A part file: bytes go through encryption (if any) and then hashing onto disk."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.handle = path.open("xb")
        self.hashing = HashingWriter(self.handle)
        self.writer: io.RawIOBase = EncryptingWriter(self.hashing, key) if key else self.hashing

    def __enter__(self) -> tuple[io.RawIOBase, HashingWriter]:
        return self.writer, self.hashing

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.writer.close()
        self.handle.close()


def prune_backups(target: Path, keep: int) -> list[Path]:
    """Removes all but the newest `keep` complete backups below `target` (names sort by time)."""
    found = sorted(p for p in target.glob(f"{PREFIX}*") if p.is_dir() and (p / MANIFEST).is_file())
    removed = found[:-keep] if keep > 0 else []
    for path in removed:
        shutil.rmtree(path)
    return removed
