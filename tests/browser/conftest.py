"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

- Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
  from such a thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set (tests only).
- Never `playwright install`: the browser is Debian's /usr/bin/chromium (`make browser`).
- Every page a test visits is checked with axe-core (WCAG 2.1 A and AA) via `axe_check`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("SIKO_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The machine's network is closed: no background requests, no QUIC, no first-run dialogs.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} fehlt – bitte `make browser` ausführen (Debian-Paket chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp: the portal's CSP (script-src 'self') would block injecting axe-core.
    return {**browser_context_args, "bypass_csp": True, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


def _fail_fast(context):
    # A missing element fails after 10 s with a readable locator error, not after 30 s.
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(20_000)
    return context


@pytest.fixture
def context(context):
    return _fail_fast(context)


@pytest.fixture
def new_page(new_context):
    """`new_page()`: a page in a browser context of its own (own cookies: one person each)."""

    def make():
        return _fail_fast(new_context()).new_page()

    return make


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} WCAG-Verstoß/Verstöße auf {url}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    * {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    """Inject axe-core (once per document) and return the WCAG 2.1 A/AA violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} fehlt – bitte `npm ci` (oder `make install`) ausführen.")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations;
        }""",
        AXE_TAGS,
    )


@pytest.fixture
def axe_check(request):
    """`axe_check(page)` fails the test with a readable list if axe finds WCAG 2.1 A/AA violations.

    With SIKO_SCREENSHOT_DIR set, it also saves a full-page screenshot of every page it checks
    (to look at what the test saw).
    """
    shots = os.environ.get("SIKO_SCREENSHOT_DIR")
    counter = iter(range(1, 1000))

    def check(page) -> None:
        page.wait_for_load_state("load")
        if shots:
            name = f"{request.node.name}-{next(counter):02d}.png".replace("[", "-").replace("]", "")
            page.screenshot(path=str(Path(shots) / name), full_page=True)
        violations = run_axe(page)
        if violations:
            pytest.fail(_format_violations(page.url, violations), pytrace=False)

    return check
