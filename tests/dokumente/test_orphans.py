import os
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from dokumente.services import files_atomic

from . import samples
from .conftest import make_upload, stored_files

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def test_outer_rollback_leaves_orphan_that_command_removes(media_root, member, capsys):
    """Documented limitation: files_atomic() inside an outer atomic that rolls back later keeps the file."""
    with pytest.raises(Rollback), transaction.atomic():
        with files_atomic() as files:
            files.store(make_upload("Bericht.pdf", samples.pdf()), user=member)
        raise Rollback
    (orphan,) = stored_files(media_root)
    old = time.time() - 2 * 24 * 3600
    os.utime(orphan, (old, old))

    call_command("dokumente_orphans", "--delete")

    assert stored_files(media_root) == []
    assert "1 verwaiste Datei(en)." in capsys.readouterr().out


def test_orphan_command_keeps_referenced_and_recent_files(media_root, member):
    with files_atomic() as files:
        stored = files.store(make_upload("Bericht.pdf", samples.pdf()), user=member)
    path = media_root / stored.file.name
    old = time.time() - 2 * 24 * 3600
    os.utime(path, (old, old))
    recent = media_root / "dokumente" / "2024" / "01" / "laufender-upload.pdf"
    recent.parent.mkdir(parents=True)
    recent.write_bytes(b"%PDF-")

    call_command("dokumente_orphans", "--delete")

    assert path.exists()
    assert recent.exists()
