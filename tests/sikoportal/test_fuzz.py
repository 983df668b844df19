"""Fuzzing every route: hostile path parameters, query strings and form fields — 0 × 5xx.

The routes, their classification and the objects their URLs need come from the route matrix
(test_route_access: all_routes(), ROUTES, the `world` fixture). For each role — anonymous,
member, office (with TOTP) and an AK-Leitung who is also Redaktion, so that the forms behind
object permissions are reached too — every example sends to every route one GET with a fuzzed
query string and one POST with fuzzed form fields. The names come from the forms the page
itself renders (the view's form, its filter form), from the project's FilterSets and from the
request.GET/POST keys the views read; the values are hostile (NUL bytes, huge numbers, very
long and odd Unicode strings, foreign URLs) mixed with the page's own valid choices.

Every request runs in a savepoint that is rolled back (and with the session cookie of the
role's one login restored), so no request changes what the next one sees.

Bounded for CI: per role the explicit worst case plus SIKO_FUZZ_EXAMPLES (default 1) generated
examples from a fixed seed (SIKO_FUZZ_SEED, default 0: the same inputs on every run), no
shrinking. Locally, longer and with other inputs (an example costs about 330 requests per role):
    SIKO_FUZZ_EXAMPLES=30 SIKO_FUZZ_SEED=4711 pytest tests/sikoportal/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import django_filters
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, Phase, example, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from . import test_route_access as route_matrix

# The route matrix's world (built once for this module too) and its people, reused rather than rebuilt.
matrix, world = route_matrix.matrix, route_matrix.world

EXAMPLES = int(os.environ.get("SIKO_FUZZ_EXAMPLES", "1"))
# A fixed seed: CI sends the same inputs on every run; another seed explores other ones.
SEED = int(os.environ.get("SIKO_FUZZ_SEED", "0"))
ROLES = ["anonymous", "member", "office", "lead"]
APPS = ["partner", "newsletter", "dokumente", "fachgebiete", "facharbeitskreise", "sikoportal"]

# The Django admin is Django's own code and superuser-only; test_route_access covers its gate.
ROUTES = [
    (name, pattern)
    for name, path, pattern in route_matrix.all_routes()
    if name in route_matrix.ROUTES and not path.startswith("admin/")
]

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "abc",
    "1.5",
    "1e309",
    "NaN",
    "2147483648",
    "9223372036854775808",
    "9" * 40,
    "\x00",
    "a\x00b",
    "\r\n",
    "ä€😀\u202e\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "//boese.example/",
    "https://boese.example/",
    "javascript:alert(1)",
    "2026-13-45",
    "31.02.2026",
    "on",
    "x" * 5000,
    "ä" * 3000,
]
SCALAR = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
# Now and then a field arrives twice (?a=1&a=2): views that expect one value must cope.
VALUE = st.one_of(SCALAR, st.lists(SCALAR, min_size=2, max_size=3))

# Path parameters: per converter, values that still match its pattern (else no URL to send).
PATH_VALUES = {
    # 2**63 and beyond first: past SQLite's INTEGER, a lookup through a foreign key overflowed.
    "IntConverter": ["9223372036854775808", "9" * 40, "0", "2147483648"],
    "SlugConverter": ["x", "a" * 300, "-", "_"],
    "StringConverter": ["x", "ä😀", "a" * 2000, "..", "%00", "a.b:c"],
    "PathConverter": ["x/../../etc/passwd", "a" * 2000],
}


def _project_request_keys() -> tuple[set[str], set[str]]:
    """The request.GET/POST keys the views read by name (aktion, haeufigkeit, seite, buchstabe …)."""
    get_keys, post_keys = set(), set()
    pattern = re.compile(r"request\.(GET|POST)\.(?:get|getlist)\(\s*[\"'](\w+)[\"']")
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            for method, key in pattern.findall(path.read_text(encoding="utf-8")):
                (get_keys if method == "GET" else post_keys).add(key)
    return get_keys, post_keys


def _filterset_keys() -> set[str]:
    """Every query parameter of the project's FilterSets (range filters add _min/_max etc.)."""
    keys: set[str] = set()
    todo = list(django_filters.FilterSet.__subclasses__())
    while todo:
        filterset = todo.pop()
        todo += filterset.__subclasses__()
        if filterset.__module__.split(".")[0] not in APPS:
            continue
        for name, filter_ in filterset.base_filters.items():
            keys.add(name)
            widget = filter_.field_class.widget
            for suffix in getattr(widget, "suffixes", ()) or ():
                keys.add(f"{name}_{suffix}")
    return keys


PROJECT_GET_KEYS, PROJECT_POST_KEYS = _project_request_keys()
COMMON_GET_KEYS = sorted(PROJECT_GET_KEYS | _filterset_keys() | {"page", "sort", "ordering", "o", "q", "next"})
COMMON_POST_KEYS = sorted(PROJECT_POST_KEYS | {"next"})


# --- What a page offers: its forms' field names and valid values ---------------------------


@dataclass
class PageFields:
    get: set[str] = field(default_factory=set)
    post: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    choices: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.fields = PageFields()
        self.method: str | None = None  # of the form we are in; None outside, "" for another URL's form
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = attr.get("action", "")
            ours = action in ("", self.path) or action.startswith("?")
            self.method = attr.get("method", "get").lower() if ours else ""
        elif tag in ("input", "select", "textarea", "button", "option") and self.method:
            name = attr.get("name")
            if tag == "option":
                name = self._select
            elif tag == "select":
                self._select = name
            if not name or name == "csrfmiddlewaretoken":
                return
            if attr.get("type") == "file":
                self.fields.files.add(name)
            else:
                (self.fields.get if self.method == "get" else self.fields.post).add(name)
            if "value" in attr and attr["value"]:
                self.fields.choices.setdefault(name, []).append(attr["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.method = None


def page_fields(html: str, path: str) -> PageFields:
    parser = _FormParser(path)
    parser.feed(html)
    return parser.fields


# --- One example: a pool of values and where they go ---------------------------------------


@dataclass(frozen=True)
class Inputs:
    pool: tuple  # values (str, or a list of str for a repeated field)
    shift: int  # which pool value goes to which field
    hostile_path: bool  # fill path parameters with hostile values instead of the world's objects
    one_hostile: bool = False  # every field valid where a valid value is known, but one


INPUTS = st.builds(
    Inputs,
    pool=st.lists(VALUE, min_size=3, max_size=8).map(tuple),
    shift=st.integers(min_value=0, max_value=50),
    hostile_path=st.booleans(),
    one_hostile=st.booleans(),
)
NASTIEST = Inputs(pool=("0", "abc", "\x00", "9" * 40, "x" * 5000, "//boese.example/"), shift=0, hostile_path=True)


def _values(names: set[str], inputs: Inputs, page: PageFields, seen: dict[str, list[str]]) -> dict:
    data = {}
    hostile_index = inputs.shift % max(len(names), 1)
    for index, name in enumerate(sorted(names)):
        # Valid values (the page's own, else any page's: a POST-only route's form lives on another
        # page) let a form pass its other fields, so that the code behind them is reached too.
        valid = page.choices.get(name) or seen.get(name, [])
        if inputs.one_hostile and valid and index != hostile_index:
            data[name] = valid[0]
        else:
            candidates = [*valid, *inputs.pool]
            data[name] = candidates[(index + inputs.shift) % len(candidates)]
    return data


def _url(name: str, pattern, world: dict, inputs: Inputs) -> str:
    route = route_matrix.ROUTES[name]
    kwargs = {key: value.format(**world) for key, value in route.kwargs}
    plain = reverse(name, kwargs=kwargs)
    if not inputs.hostile_path or not kwargs:
        return plain
    converters = pattern.pattern.converters
    for offset, key in enumerate(sorted(kwargs)):
        values = PATH_VALUES.get(type(converters.get(key)).__name__)
        if values:
            kwargs[key] = values[(inputs.shift + offset) % len(values)]
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a custom converter (the rubrics) accepts only its own values
        return plain


# --- The roles ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lead(matrix, module_fixtures):
    """AK-Leitung of the world's closed area and Redaktion of its Fachgebiet: the widest member."""
    from guardian.shortcuts import assign_perm

    from facharbeitskreise import services
    from facharbeitskreise.access import Role
    from facharbeitskreise.models import Arbeitskreis
    from fachgebiete.models import Fachgebiet

    world, _, _ = matrix
    # Both roles require a second factor: without it every page is the MFA set-up.
    user = module_fixtures.getfixturevalue("make_user")("lena.leitung@essen.de", second_factor=True)
    arbeitskreis = Arbeitskreis.objects.get(slug=world["ak_slug"])
    services.role_grant(arbeitskreis=arbeitskreis, user=user, role=Role.LEITUNG, actor=None)
    assign_perm("fachgebiete.edit_fachgebiet", user, Fachgebiet.objects.get(slug=world["fg_slug"]))
    return user


@dataclass
class Fuzzer:
    client: object
    world: dict
    role: str
    pages: dict[str, PageFields] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)  # valid values seen on any page
    cookies: dict[str, str] = field(default_factory=dict)

    def send(self, method: str, url: str, data: dict, failures: list) -> object | None:
        # Back to the role's own session: a POST to logout or a login rotates the client's cookie.
        for cookie_name, value in self.cookies.items():
            self.client.cookies[cookie_name] = value
        cache.clear()  # rate limits would turn later requests into 429s and hide their code
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(url, data)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - every escaping exception is a finding
            lines = traceback.format_exception(error)
            failures.append((self.role, method.upper(), url[:120], _short(data), "".join(lines[-4:])))
            return None
        if response.status_code >= 500:
            failures.append((self.role, method.upper(), url[:120], _short(data), response.status_code))
        return response

    def page(self, name: str, url: str, failures: list) -> PageFields:
        if name not in self.pages:
            response = self.send("get", url, {}, failures)
            ok = response is not None and response.status_code == 200 and "html" in response.get("Content-Type", "")
            self.pages[name] = page_fields(response.content.decode(errors="replace"), url) if ok else PageFields()
            for key, values in self.pages[name].choices.items():
                self.choices.setdefault(key, []).extend(v for v in values if v not in self.choices[key])
        return self.pages[name]

    def run(self, inputs: Inputs) -> list:
        failures: list = []
        for name, pattern in ROUTES:
            plain_url = _url(name, pattern, self.world, Inputs((), 0, False))
            page = self.page(name, plain_url, failures)
            url = _url(name, pattern, self.world, inputs)
            query = _values({*COMMON_GET_KEYS, *page.get}, inputs, page, self.choices)
            self.send("get", url, query, failures)
            form = _values({*COMMON_POST_KEYS, *page.post}, inputs, page, self.choices)
            for index, file_field in enumerate(sorted(page.files)):
                content = str(inputs.pool[(index + inputs.shift) % len(inputs.pool)]).encode("utf-8", "replace")
                form[file_field] = SimpleUploadedFile(f"fuzz-{index}.txt", content or b"x", content_type="text/plain")
            self.send("post", url, form, failures)
        return failures


def _short(data: dict) -> str:
    text = repr({key: value for key, value in data.items() if not hasattr(value, "read")})
    return text if len(text) < 300 else text[:300] + "…"


@pytest.fixture
def fuzzer(request, matrix, world, lead, login) -> Fuzzer:
    role = request.param
    _, people, _ = matrix
    client = login({**people, "lead": lead}.get(role, role))
    return Fuzzer(client=client, world=world, role=role, cookies={k: v.value for k, v in client.cookies.items()})


@pytest.mark.django_db
@pytest.mark.parametrize("fuzzer", ROLES, indirect=True)
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    # Every example already reports all its failing requests; shrinking would resend hundreds.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@example(inputs=NASTIEST)
@seed(SEED)
@given(inputs=INPUTS)
def test_no_route_answers_with_a_server_error(fuzzer, inputs):
    failures = fuzzer.run(inputs)
    assert not failures, "\n\n".join(" | ".join(str(part) for part in failure) for failure in failures)
    if fuzzer.role != "anonymous":
        # The role's pages were reached and their forms fuzzed, not just a login redirect.
        assert sum(1 for page in fuzzer.pages.values() if page.post) >= 5
