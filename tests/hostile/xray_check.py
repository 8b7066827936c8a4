"""Free Law Project's x-ray, run on our outputs from its own virtual environment.

x-ray pins an older PyMuPDF (1.24.14) than the service (1.26.7), so it cannot
live in the project's venv: `make xray` puts it in `.venv-xray` (REDACTOR_XRAY_PYTHON
names another interpreter), and the tests call it through a subprocess. Without
it the tests skip on a developer's machine and fail under CI (CI=true), so CI
never passes without the independent check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import _in_ci

PROJECT = Path(__file__).resolve().parents[2]
XRAY_PYTHON = Path(
    os.environ.get("REDACTOR_XRAY_PYTHON", PROJECT / ".venv-xray" / "bin" / "python")
)

# Runs in x-ray's interpreter: inspect each path given, print one JSON object.
# x-ray 0.4 made `inspect` a coroutine; older releases return the dict.
_SCRIPT = """
import asyncio, inspect, json, sys
import xray
out = {}
for path in sys.argv[1:]:
    found = xray.inspect(path)
    if inspect.isawaitable(found):
        found = asyncio.run(found)
    out[path] = found
json.dump(out, sys.stdout)
"""


def xray_python() -> Path:
    """The interpreter that has x-ray; skips (or, under CI, fails) when there is none."""
    ok = XRAY_PYTHON.exists() and (
        subprocess.run(
            [str(XRAY_PYTHON), "-c", "import xray"], capture_output=True, timeout=60
        ).returncode
        == 0
    )
    if not ok:
        message = f"x-ray is not installed in {XRAY_PYTHON} (run `make xray`)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return XRAY_PYTHON


def inspect_files(paths: list[Path]) -> dict[str, Any]:
    """x-ray's findings per file: {path: {page: [{bbox, text}, ...]}}; {} when clean."""
    python = xray_python()
    run = subprocess.run(
        [str(python), "-c", _SCRIPT, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if run.returncode != 0:
        sys.stderr.write(run.stderr[-2000:])
        raise AssertionError("x-ray failed to run")
    result: dict[str, Any] = json.loads(run.stdout)
    return result
