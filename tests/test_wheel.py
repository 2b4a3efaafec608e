"""A non-editable wheel carries rules/, lexicons/ and policies/ and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, pip_install_target


@pytest.mark.slow
def test_wheel_installs_and_classifies_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = dist.glob("kommentar_regler-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("rules/sv/criminal.toml", "lexicons/sv/lexicons.toml", "policies/standard.toml"):
        assert f"kommentar_regler/data/{folder}" in names
    assert "kommentar_regler/py.typed" in names
    assert "kommentar_regler/data/lexicons/sv/morphology.tsv" in names  # the dictionary forms
    for asset in ("page.html", "report.css", "report.js"):  # the HTML report is built from them
        assert f"kommentar_regler/report/assets/{asset}" in names

    target = tmp_path / "site"
    pip_install_target(wheel, target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import kommentar_regler as kr, pathlib; "
        "assert 'site' in kr.__file__, kr.__file__; "
        "print(kr.classify('Gatlampan på Storgatan 14 är trasig').category)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert out.stdout.strip() == "fault_report"
