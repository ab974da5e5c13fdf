"""Run axe-core (pinned, shipped inside axe-playwright-python) on the page in view."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# Every rule axe-core runs by default (WCAG 2.0–2.2 A/AA and best practices).
AXE_OPTIONS = {"resultTypes": ["violations"]}


def assert_accessible(page) -> None:
    """Fail with axe's own report when the current page has any violation."""
    results = _axe.run(page, options=AXE_OPTIONS)
    if results.violations_count:
        raise AssertionError(
            f"axe-core found {results.violations_count} violation(s) on {page.url}:\n"
            + results.generate_report()
        )
