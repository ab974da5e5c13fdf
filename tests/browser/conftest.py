"""Real-browser tests: Playwright for Python driving the system Chromium.

Chromium comes from the Debian package (`apt-get install chromium`), never
from Playwright's own download. Set CHROMIUM_PATH to use another binary.
When none is found these tests are skipped, loudly.
"""

import os
import shutil

import pytest
from playwright.sync_api import expect

# The shared test machine can be slow; give auto-waiting assertions the same
# patience as page actions (set_default_timeout below).
expect.set_options(timeout=10_000)

STAFF_PASSWORD = "correct-horse-battery-9"  # UserFactory's test password

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


NO_CHROMIUM_MESSAGE = (
    "NO CHROMIUM FOUND: browser tests were SKIPPED. Install Debian's `chromium` "
    "package or set CHROMIUM_PATH."
)


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    skip = pytest.mark.skip(reason=NO_CHROMIUM_MESSAGE)
    for item in items:
        if "browser" in str(item.path):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not chromium_path():
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(NO_CHROMIUM_MESSAGE, red=True, bold=True)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all browser tests, stopped before any test outside this package.

    While Playwright's sync API runs, its event loop counts as running in this
    thread, so Django refuses the ORM calls the tests make themselves (they are
    still synchronous and safe). DJANGO_ALLOW_ASYNC_UNSAFE allows them for exactly
    as long as Playwright runs, and is put back as it was when it stops.

    A running loop also makes Django look up this thread's connections in separate
    storage, where it would open new ones that lack the snapshot serialized_rollback
    restores: browser tests would start without the migrations' rows, and their flush
    would re-create content types under new ids, breaking every later test that
    restores the snapshot. So the thread keeps its own connections while the loop runs.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    own_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in own_connections.items():
                connections[alias] = connection
            instance = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
            )
            yield instance
            instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def signed_in_page(browser, live_server):
    """Make a desktop page signed in to the admin as a username, in a browser context of its own,
    so that several staff accounts can act in one test."""
    contexts = []

    def sign_in(username: str):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(STAFF_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A 320 px wide phone viewport."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
