"""exiftool (Debian's libimage-exiftool-perl) as a test helper: read every tag of a file."""

import json
import os
import shutil
import subprocess
import tempfile

import pytest

EXIFTOOL = shutil.which("exiftool")


def require_exiftool():
    """Skip without exiftool locally; under CI=true a missing exiftool is a failure."""
    if EXIFTOOL is None:
        if os.environ.get("CI") == "true":
            pytest.fail("exiftool is missing (apt-get install libimage-exiftool-perl)")
        pytest.skip("exiftool is not installed")


def read_tags(data: bytes) -> dict:
    """All tags exiftool finds, keyed "Group:Tag" (-G1), duplicates kept apart (-a)."""
    with tempfile.NamedTemporaryFile(suffix=".img") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(
            [EXIFTOOL, "-json", "-G1", "-a", "-struct", "-warning", "-all", handle.name],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    [tags] = json.loads(out)
    return tags
