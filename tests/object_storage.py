"""Uploads on storages without local paths, for the tests of downloads, extraction, virus scan,
orphans and backup/restore (tests/dokumente/test_object_storage.py, tests/sikoportal/test_backup.py).

Two kinds: Django's own InMemoryStorage, and django-storages' S3Storage against a real S3 endpoint
served over HTTP by moto's server (`moto_server`, from PyPI, test extra), started as a separate
process for the test session like clamd. Each test gets a bucket of its own.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage

from devtools.production_process import ServerNotReady, free_port, stop, wait_for_port

MEMORY = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
S3_KEYS = {"access_key": "siko-test", "secret_key": "siko-test-geheim", "region_name": "eu-central-1"}


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """http://127.0.0.1:<port> of a moto S3 server for the whole session."""
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    executable = Path(sys.executable).with_name("moto_server")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(executable), "-H", "127.0.0.1", "-p", str(port)], stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_for_port(port, process, "moto_server")
    except ServerNotReady:
        stop(process)
        pytest.fail(f"moto_server ist nicht gestartet:\n{log.read_text(errors='replace')}")
    yield f"http://127.0.0.1:{port}"
    stop(process)


def s3_storage_settings(endpoint: str, bucket: str) -> dict:
    """STORAGES["default"] as production.py builds it for SIKO_STORAGE=s3, on the test server."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            **S3_KEYS,
        },
    }


def new_bucket(endpoint: str) -> str:
    name = f"siko-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=endpoint, **_client_keys())
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_KEYS["region_name"]})
    return name


def _client_keys() -> dict:
    return {
        "aws_access_key_id": S3_KEYS["access_key"],
        "aws_secret_access_key": S3_KEYS["secret_key"],
        "region_name": S3_KEYS["region_name"],
    }


def bucket_names(endpoint: str, bucket: str) -> list[str]:
    """Every object key in the bucket, asked of the server directly (not through Django)."""
    client = boto3.client("s3", endpoint_url=endpoint, **_client_keys())
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", []))


@pytest.fixture(params=["memory", "s3"])
def object_storage(request, settings):
    """The default storage switched to one without local paths; returns a function that lists
    every stored name as the storage itself holds them."""
    if request.param == "memory":
        settings.STORAGES = {**settings.STORAGES, "default": MEMORY}

        def names() -> list[str]:
            from dokumente.storage import storage_files

            return sorted(storage_files(default_storage))
    else:
        endpoint = request.getfixturevalue("s3_endpoint")
        bucket = new_bucket(endpoint)
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(endpoint, bucket)}

        def names() -> list[str]:
            return bucket_names(endpoint, bucket)

    names.kind = request.param
    return names
