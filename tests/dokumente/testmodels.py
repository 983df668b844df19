"""A concrete document/version pair for testing the abstract machinery without another app.

The tables are created by the `versioned_tables` fixture (tests/dokumente/conftest.py), not by
migrations; the models exist only inside the test process.
"""

from django.db import models

from dokumente.models import DocumentVersionBase, connect_version_models


class Binder(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "dokumente"
        db_table = "dokumente_test_binder"

    def __str__(self) -> str:
        return self.title


class BinderVersion(DocumentVersionBase):
    document = models.ForeignKey(Binder, on_delete=models.CASCADE, related_name="versions")

    class Meta(DocumentVersionBase.Meta):
        app_label = "dokumente"
        db_table = "dokumente_test_binderversion"
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="dokumente_test_version_unique")]

    def get_download_url(self) -> str:
        return f"/test/dokumente/{self.document_id}/versionen/{self.number}/"


connect_version_models([BinderVersion])
