"""The apps depend one way, members ← meetings ← reports, and none of them on the project
package sosvet, which holds what serves the whole site (middleware, /healthz, the login
throttle, backups)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What each app may import of the project's own packages.
ALLOWED = {
    "members": {"members"},
    "meetings": {"members", "meetings"},
    "reports": {"members", "meetings", "reports"},
}
OURS = {"members", "meetings", "reports", "sosvet"}


def imported_packages(path):
    """The top-level packages of ours a module imports (relative imports stay in its app)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        yield from (name.split(".")[0] for name in names if name.split(".")[0] in OURS)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_apps_below_it_and_never_sosvet(app):
    wrong = {
        f"{path.relative_to(ROOT)}: {package}"
        for path in (ROOT / app).rglob("*.py")
        for package in imported_packages(path)
        if package not in ALLOWED[app]
    }
    assert not wrong, sorted(wrong)


def test_no_template_comment_spans_lines():
    """Django's ``{# #}`` ends at the line's end: one spanning lines is printed into the page."""
    templates = [p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts]
    templates += list(ROOT.glob("templates/**/*.html"))
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert unclosed == []
