"""The house's floors: imports only point down.

core < locations < pressroom < subscriptions < jobcenter_site. Every module of
the five is parsed (not imported) and each import, also inside functions and
relative ones, is checked against the order; core may import no app at all.
"""

import ast
from pathlib import Path

import pytest

FLOORS = ["core", "locations", "pressroom", "subscriptions", "jobcenter_site"]
ROOT = Path(__file__).resolve().parent.parent


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, absolute dotted name) of every import in `source`, which is `module`."""
    package = module.split(".")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module
            found.append((node.lineno, name))
    return found


def upward_imports(source: str, module: str) -> list[str]:
    floor = FLOORS.index(module.split(".")[0])
    problems = []
    for line, name in imported_modules(source, module):
        target = name.split(".")[0]
        if target in FLOORS and FLOORS.index(target) > floor:
            problems.append(f"{module}:{line} imports {name} (a higher floor)")
    return problems


def project_modules():
    for app in FLOORS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = (*parts[:-1], "__init__")
            yield ".".join(parts), path


def test_no_module_imports_a_higher_floor():
    problems = []
    for module, path in project_modules():
        problems += upward_imports(path.read_text(encoding="utf-8"), module)
    assert problems == []


def test_every_floor_is_checked():
    seen = {module.split(".")[0] for module, _ in project_modules()}
    assert seen == set(FLOORS)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("core.qr", "from locations.models import Office"),
        ("core.ratelimit", "def f():\n    import pressroom.models\n"),
        ("locations.views", "from pressroom import models"),
        ("pressroom.views", "from subscriptions.models import Subscription"),
        ("subscriptions.views", "import jobcenter_site.settings"),
        ("pressroom.media", "from ..jobcenter_site import views"),
    ],
)
def test_an_upward_import_is_caught(module, source):
    assert upward_imports(source, module)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("core.qr", "import segno\nfrom django.utils.safestring import mark_safe"),
        ("locations.views", "from core import ical\nfrom . import display"),
        ("jobcenter_site.views", "from pressroom.models import PressRelease"),
        ("subscriptions.models", "from .opt_in import x"),
    ],
)
def test_downward_and_sideways_imports_pass(module, source):
    assert upward_imports(source, module) == []
