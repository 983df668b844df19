from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


@contextmanager
def recorded_sql():
    """The SQL statements run inside, as a list (an execute wrapper: the test client's
    request_started resets Django's query log, which would upset CaptureQueriesContext)."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def logged_in_client(user) -> Client:
    """A client of its own, logged in as `user` (for pages of several people in one test)."""
    client = Client()
    client.force_login(user)
    return client


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def migrate(*targets: tuple[str, str]):
    """Migrate the test database to `targets` (app, migration) and return the historical apps
    as the database now stands; (app, None) unapplies all of an app's migrations; `migrate()` without targets goes back
    to the newest state. For data-migration tests (`django_db(transaction=True)`); such a test must
    end with `migrate()`."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    nodes = list(targets) or executor.loader.graph.leaf_nodes()
    executor.migrate(nodes)
    executor.loader.build_graph()
    # The state of everything applied now, so a test also reaches the models of other apps as
    # they were at that point (e.g. the audit log before a later migration renamed a column).
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


def make_audience(scope: str = "alle", *, types=(), partners=(), arbeitskreise=()):
    """An audience (zielgruppen) with its selection, for the tests of the rooms that announce things."""
    from zielgruppen.models import Audience, AudienceType

    audience = Audience.objects.create(scope=scope)
    audience.partners.set(partners)
    audience.arbeitskreise.set(arbeitskreise)
    AudienceType.objects.bulk_create(AudienceType(audience=audience, type=value) for value in types)
    return audience
