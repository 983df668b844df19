from __future__ import annotations

import logging
import uuid
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from .validators import KIND_BY_EXTENSION

logger = logging.getLogger(__name__)


def stored_file_path(instance: StoredFile, filename: str) -> str:
    """dokumente/<yyyy>/<mm>/<uuid4hex>.<ext>: only the (detected, canonical) extension comes from outside."""
    extension = filename.rpartition(".")[2].lower()
    if extension not in KIND_BY_EXTENSION:
        extension = "bin"
    now = timezone.now()
    return f"dokumente/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{extension}"


def size_label(size: int) -> str:
    """German file size: "512 Bytes", "12 KB", "1,2 MB"."""
    if size < 1024:
        return "1 Byte" if size == 1 else f"{size} Bytes"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    if size < 1024**3:
        return f"{size / 1024**2:.1f} MB".replace(".", ",")
    return f"{size / 1024**3:.1f} GB".replace(".", ",")


class TextStatus(models.TextChoices):
    """How far the text inside a file could be read for the search (see `dokumente.extraction`)."""

    PENDING = "pending", "wird ausgelesen"
    DONE = "done", "Text erkannt"
    NO_TEXT = "no_text", "kein Text enthalten"
    FAILED = "failed", "Auslesen fehlgeschlagen"


class StoredFile(models.Model):
    """One uploaded file, stored under a generated name; served only through permission-checked views."""

    file = models.FileField("Datei", upload_to=stored_file_path, max_length=200)
    original_name = models.CharField("Dateiname", max_length=255)
    content_type = models.CharField("Dateityp", max_length=100)
    size = models.PositiveBigIntegerField("Größe (Bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="hochgeladen von",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("hochgeladen am", default=timezone.now)
    # The text inside the file, read in the background after upload (for the search only).
    text = models.TextField("ausgelesener Text", blank=True, editable=False)
    text_status = models.CharField(
        "Volltext", max_length=20, choices=TextStatus.choices, default=TextStatus.PENDING, db_index=True
    )
    text_error = models.CharField("Hinweis zum Volltext", max_length=300, blank=True)
    text_extracted_at = models.DateTimeField("ausgelesen am", null=True, blank=True)

    class Meta:
        verbose_name = "Datei"
        verbose_name_plural = "Dateien"

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return self.file.name.rpartition(".")[2].lower()

    @property
    def kind_label(self) -> str:
        kind = KIND_BY_EXTENSION.get(self.extension)
        return kind.label if kind else "Datei"

    @property
    def size_label(self) -> str:
        return size_label(self.size)

    @property
    def label(self) -> str:
        """ "PDF-Dokument, 12 KB": what dokumente/file_label.html shows (a list row reads it directly)."""
        return f"{self.kind_label}, {self.size_label}"

    @property
    def searchable_text(self) -> str:
        """The text read from the file, once it could be read; a pending or failed file adds nothing."""
        return self.text if self.text_status == TextStatus.DONE else ""


def _delete_from_storage(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Datei %s konnte nicht gelöscht werden", name)


@receiver(post_delete, sender=StoredFile)
def _delete_file_after_commit(sender, instance: StoredFile, using, **kwargs) -> None:
    # After commit only: if the deleting transaction rolls back, the row and its file both stay.
    if instance.file.name:
        transaction.on_commit(partial(_delete_from_storage, instance.file.storage, instance.file.name), using=using)


class DocumentVersionBase(models.Model):
    """One version of a document. Subclasses add

    document = models.ForeignKey(TheirDocument, on_delete=models.CASCADE, related_name="versions")

    plus `UniqueConstraint(fields=["document", "number"], …)` and `get_download_url()`.
    """

    number = models.PositiveIntegerField("Version")
    file = models.OneToOneField(StoredFile, verbose_name="Datei", on_delete=models.PROTECT, related_name="+")
    note = models.CharField("Änderungshinweis", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="erstellt von",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("erstellt am", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-number"]
        verbose_name = "Version"
        verbose_name_plural = "Versionen"

    def __str__(self) -> str:
        return f"Version {self.number}"


def delete_owned_file(sender, instance, **kwargs) -> None:
    """post_delete handler for a model that owns its `file` (a StoredFile), such as a version or
    an attachment: deleting it (or its parent, by cascade) removes the StoredFile row, whose own
    post_delete handler removes the file from storage after commit."""
    if instance.file_id is not None:
        StoredFile.objects.filter(pk=instance.file_id).delete()


def connect_version_models(models_iterable) -> None:
    """Connect the file clean-up to every concrete subclass of DocumentVersionBase (from apps.ready)."""
    for model in models_iterable:
        if issubclass(model, DocumentVersionBase) and not model._meta.abstract:
            uid = f"dokumente-version-{model._meta.label}"
            post_delete.connect(delete_owned_file, sender=model, dispatch_uid=uid)
