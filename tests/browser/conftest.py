"""Browser journeys: Playwright (sync API) driving Debian's Chromium against a
live server on 127.0.0.1 with the real test database.

- No browser: the journeys are skipped with a loud message, unless
  ``KOKOMA_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which turns that into a
  failure. ``playwright install`` is never needed: the system Chromium is used.
- Any request to another host than 127.0.0.1/localhost fails the test (and
  is blocked, so nothing leaves the machine).
- ``screenshot(name)`` writes the journey's end state to screenshots/journeys/.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "screenshots" / "journeys"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _no_browser(reason: str):
    message = (
        "\n" + "!" * 78 + f"\n!! BROWSER JOURNEYS NOT RUN: {reason}\n"
        "!! Install Debian's Chromium (apt-get install chromium, or scripts/system-deps.sh"
        " as root).\n" + "!" * 78
    )
    if os.environ.get("KOKOMA_REQUIRE_BROWSER") == "1":
        pytest.fail(message + "\n(KOKOMA_REQUIRE_BROWSER=1: a missing browser is a failure)")
    pytest.skip(message)


@pytest.fixture
def browser(django_db_setup):
    executable = find_chromium()
    if executable is None:
        _no_browser("no chromium on the PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra brings it
        _no_browser("the Python package playwright is not installed")
    # Playwright's sync API runs an asyncio event loop in the test thread, so
    # Django would refuse ORM calls from the test ("async-unsafe"). The ORM is
    # used from one thread at a time here (the live server has its own). Only
    # while the browser runs: the variable must not leak into later tests (e.g.
    # `check --deploy` in a subprocess refuses it), and the database flush after
    # the test runs after Playwright has stopped.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    try:
        browser = manager.chromium.launch(executable_path=executable, headless=True, args=args)
    except Exception as error:  # noqa: BLE001 - any launch failure means "no browser"
        manager.stop()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        _no_browser(f"Chromium at {executable} does not start: {error}")
    yield browser
    browser.close()
    manager.stop()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class ForeignRequests(list):
    """Requests the page tried to send to another host (blocked)."""


@pytest.fixture
def foreign_requests():
    return ForeignRequests()


@pytest.fixture
def new_page(browser, live_server, foreign_requests):
    """A factory of pages, each in its own browser context (own cookies)."""
    contexts = []

    def block_foreign(route):
        host = urlsplit(route.request.url).hostname
        if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            foreign_requests.append(route.request.url)
            route.abort()

    def make(viewport=None, locale="de-DE", axe=False):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport or {"width": 1280, "height": 900},
            locale=locale,
        )
        context.set_default_timeout(15_000)
        context.route("**/*", block_foreign)
        if axe:
            # An init script is injected by the browser itself, so axe-core runs
            # under the site's Content-Security-Policy without loosening it.
            from tests.browser.helpers import AXE_JS

            context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    def take(page, name):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    requests = item.funcargs.get("foreign_requests")
    if requests:
        raise AssertionError(
            "The page requested other hosts than 127.0.0.1 (blocked): " + ", ".join(requests)
        )
    return result
