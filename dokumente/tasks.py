"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

from django_tasks import task

from . import extraction

# Its own queue and worker: reading a large PDF (up to SIKO_EXTRACTION_SECONDS) never delays a mail.
EXTRACTION_QUEUE = "extraction"


@task(queue_name=EXTRACTION_QUEUE)
def extract_file_text(file_id: int) -> dict:
    """Read the text of one uploaded file for the search. Never raises for a bad file (the
    outcome is stored on the file); not retried by the queue – whatever stays PENDING is picked
    up by the daily `manage.py dokumente_extract`."""
    stored = extraction.extract_and_save(file_id)
    if stored is None:
        return {"file_id": file_id, "status": "missing"}
    return {"file_id": file_id, "status": str(stored.text_status), "chars": len(stored.text)}
