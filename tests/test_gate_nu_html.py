"""The Nu Html Checker (vnu.jar) on the HTML of every inventory page: 0 errors.

The jar comes from the npm package vnu-jar, pinned in tests/tools/package.json
and installed by `make tools` (tests/tools/install.sh). One Java start checks
all pages at once: a JVM per page would cost seconds each.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser_checks import GATE_LANGUAGES, inventory
from .conftest import IN_CI

VNU_JAR = (
    Path(__file__).parent / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def _require_vnu() -> str:
    java = shutil.which("java")
    missing = None if java and VNU_JAR.exists() else f"no java or no {VNU_JAR}: run `make tools`"
    if missing and IN_CI:
        pytest.fail(f"CI=true but {missing}")
    if missing:
        pytest.skip(missing)
    return java


def _run_vnu(java: str, files: list[Path]) -> list[dict]:
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stderr)["messages"]  # vnu writes its report to stderr


def _format(message: dict, names: dict[str, str]) -> str:
    page = names.get(unquote(urlsplit(message.get("url", "")).path), message.get("url"))
    return (
        f"{page} line {message.get('lastLine', '?')}: {message.get('message')}\n"
        f"    {message.get('extract', '').strip()}"
    )


@pytest.mark.django_db
def test_nu_html_checker_finds_no_error_on_any_page(client, tmp_path, demo_data):
    java = _require_vnu()
    names = {}
    for item in inventory():
        for lang in GATE_LANGUAGES:
            response = client.get(item.url("", lang))
            assert response.status_code == item.status, f"{item.name} {lang}"
            file = tmp_path / f"{item.name}-{lang}.html"
            file.write_bytes(response.content)
            names[str(file)] = f"{item.name} (/{lang}{item.path})"
    errors = _run_vnu(java, [Path(f) for f in names])
    assert not errors, "Nu Html Checker:\n" + "\n".join(_format(m, names) for m in errors)
