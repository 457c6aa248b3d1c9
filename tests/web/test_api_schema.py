"""schemathesis against the OpenAPI spec of the running API: generated requests (valid and
not) never cause a server error, and every answer matches what the spec promises.

The schemathesis command line drives it (its pytest plugin does not run under pytest 9)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.slow


def test_the_api_keeps_its_spec(live_server: str) -> None:
    report = ARTIFACTS / "schemathesis.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{live_server}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        "30",
        "--seed",
        "7",
        "--no-color",
    ]
    result = subprocess.run(  # in build/, where its cache belongs
        command, capture_output=True, text=True, timeout=900, check=False, cwd=ARTIFACTS
    )
    report.write_text(result.stdout + result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stdout[-6000:]
