"""A database that exists for one benchmark run (`benchmark_search`, `benchmark_newsletter`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


class throwaway_database:  # noqa: N801 - used like a function
    """A fresh database for the benchmark: PostgreSQL next to DATABASE_URL's, else a SQLite file."""

    def __enter__(self) -> tuple[str, str]:
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            import psycopg

            self.parts = urlsplit(url)
            self.name = f"sikoportal_benchmark_{os.getpid()}"
            self.admin = urlunsplit(self.parts._replace(path="/postgres", scheme="postgresql"))
            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')
            return urlunsplit(self.parts._replace(path=f"/{self.name}")), f"PostgreSQL ({self.name}, wird gelöscht)"
        self.name = None
        self.directory = tempfile.TemporaryDirectory(prefix="siko-benchmark-")
        path = Path(self.directory.name) / "benchmark.sqlite3"
        return f"sqlite:///{path}", f"SQLite ({path}, wird gelöscht)"

    def __exit__(self, *exc) -> None:
        if self.name:
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            self.directory.cleanup()
