from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def engine() -> kr.Engine:
    """The built-in engine without third-party entry points, so tests see only our rules."""
    return kr.Engine(load_entrypoints=False)
