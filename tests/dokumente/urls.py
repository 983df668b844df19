"""Test-only URLs: a download view as the apps write it (permission check omitted here)."""

from django.shortcuts import get_object_or_404
from django.urls import path

from dokumente.downloads import file_response
from dokumente.models import StoredFile


def download(request, pk: int):
    return file_response(request, get_object_or_404(StoredFile, pk=pk), bereich="", target=f"dokumente.storedfile:{pk}")


urlpatterns = [path("test-datei/<int:pk>/", download, name="test_download")]
