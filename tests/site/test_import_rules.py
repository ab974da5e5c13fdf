"""Dependencies run one way: config reaches the apps only through its URL conf, and
clinics never imports articles (they meet in templates through inclusion tags)."""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def imports_of(package: str, *, exempt: tuple[str, ...] = ()) -> dict[str, set[str]]:
    found = {}
    for path in sorted((BASE_DIR / package).rglob("*.py")):
        relative = path.relative_to(BASE_DIR).as_posix()
        if relative not in exempt:
            found[relative] = imported_modules(path)
    return found


def top_level(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize(
    ("package", "forbidden", "exempt"),
    [
        ("config", {"clinics", "articles"}, ("config/urls.py",)),
        ("clinics", {"articles"}, ()),
    ],
)
def test_package_does_not_import_the_apps_it_must_not(package, forbidden, exempt):
    offenders = {
        path: sorted(module for module in modules if top_level(module) in forbidden)
        for path, modules in imports_of(package, exempt=exempt).items()
    }
    assert {path: found for path, found in offenders.items() if found} == {}
