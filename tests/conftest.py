from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import kommentar_regler as kr

# CI: 500 examples per property, the same ones every run (no flaky CI); locally: random ones,
# to keep finding new cases. The fuzz harness in tests/fuzz explores further.
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


def pip_install_target(source: Path, target: Path) -> None:
    """``pip install`` a project or wheel into ``target`` (no dependencies, no build isolation),
    so a subprocess with ``PYTHONPATH=target`` sees it as an installed distribution."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def engine() -> kr.Engine:
    """The built-in engine without third-party entry points, so tests see only our rules."""
    return kr.Engine(load_entrypoints=False)
