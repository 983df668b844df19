"""Walking Django's file storage through its API only (listdir, never os.walk): the same code then
serves the local disk, an S3-compatible object store or Django's InMemoryStorage. Used by
dokumente_orphans and by the portal's backup and restore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from django.core.files.storage import Storage


def storage_files(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name in `storage` under `directory`, sorted per directory; a directory that does
    not exist (yet) has none. Object stores have no directories of their own: their listdir
    answers with the prefixes, which is all this needs."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(directory, name)) if directory else name
    for sub in sorted(directories):
        yield from storage_files(storage, str(PurePosixPath(directory, sub)) if directory else sub)
