"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

from django_tasks import task

from . import extraction
from .models import StoredFile, TextStatus

# Its own queue and worker: reading a large PDF (up to SIKO_EXTRACTION_SECONDS) never delays a mail.
EXTRACTION_QUEUE = "extraction"


@task(queue_name=EXTRACTION_QUEUE)
def extract_file_text(file_id: int) -> dict:
    """Read the text of one uploaded file for the search. Never raises for a bad file (the
    outcome is stored on the file); not retried by the queue – whatever stays PENDING is picked
    up by the daily `manage.py dokumente_extract`. A file whose text was read in the meantime
    (by that command, or by `load_demo` for its own files) is not read a second time."""
    already = StoredFile.objects.filter(pk=file_id).exclude(text_status=TextStatus.PENDING).first()
    if already is not None:
        return {"file_id": file_id, "status": str(already.text_status), "chars": len(already.text), "again": False}
    stored = extraction.extract_and_save(file_id)
    if stored is None:
        return {"file_id": file_id, "status": "missing"}
    return {"file_id": file_id, "status": str(stored.text_status), "chars": len(stored.text)}
