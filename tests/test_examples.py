"""Every example runs; the example plugin installs and its rule fires; scale-out is exact."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kommentar_regler as kr

from .conftest import DATA, ROOT, pip_install_target

EXAMPLES = ROOT / "examples"


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


def test_classify_csv_report(tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    res = run(
        [
            str(EXAMPLES / "classify_csv_report.py"),
            str(EXAMPLES / "data" / "kommentarer.csv"),
            "--policy",
            "tyreso",
            "--out",
            str(out),
        ],
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    report = out.read_text("utf-8")
    assert "Kommentarer: 240 st, policy tyreso" in report
    assert "| Felanmälan |" in report and "ta bort/avpublicera" in report
    assert len(out.with_suffix(".jsonl").read_text("utf-8").splitlines()) == 240


def test_custom_profile_example(tmp_path: Path) -> None:
    res = run([str(EXAMPLES / "custom_profile.py")], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    standard, own = res.stdout.split("--- minkommun")
    # standard keeps swearing alone; the municipality's own announced rule removes it
    assert "ta bort/avpublicera" not in standard and "ta bort/avpublicera" in own
    assert "svara" in own and "Min kommun 4.2" in own and "Min kommun 3.1" in own


def test_notebook_cells_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = json.loads((EXAMPLES / "policy_analysis.ipynb").read_text("utf-8"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kommentarer.csv").write_bytes(
        (EXAMPLES / "data" / "kommentarer.csv").read_bytes()
    )
    namespace: dict[str, object] = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "policy_analysis.ipynb", "exec"), namespace)
    frame = namespace["frame"]
    assert len(frame) == 240  # type: ignore[arg-type]
    assert (tmp_path / "kommentarer_per_vecka.png").stat().st_size > 10_000
    assert namespace["per_week"].to_numpy().sum() == 240  # type: ignore[attr-defined]


def test_to_frame() -> None:
    decisions = list(kr.classify_many(["Jag ska döda dig", "Toppen!", "Gatlampan är trasig"]))
    frame = kr.to_frame(decisions)
    assert list(frame["category"]) == ["criminal", "praise", "fault_report"]
    assert list(frame["remove"]) == [True, False, False]
    assert frame["register_fault_report"].tolist() == [False, False, True]
    assert {k.value for k in kr.ActionKind} <= set(frame.columns)
    assert str(frame["earliest_due"].dtype).startswith("datetime64")


def _texts() -> list[str]:
    return [
        json.loads(line)["text"]
        for name in ("dev_service.jsonl", "dev_abuse.jsonl")
        for line in (DATA / name).read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_n_process_2_gives_exactly_the_sequential_results() -> None:
    texts = _texts() + ["Köp billiga solglasögon på www.sol.example!"] * 4
    engine = kr.Engine(load_entrypoints=False)
    one_by_one = [engine.classify(t) for t in texts]
    assert list(engine.classify_many(iter(texts), n_process=2)) == one_by_one
    sequential = list(engine.classify_many(texts, flood=True))
    parallel = list(engine.classify_many(iter(texts), n_process=2, flood=True))
    assert parallel == sequential
    assert ["flood" in d.labels for d in parallel[-4:]] == [False, False, True, True]


@pytest.mark.slow
def test_dask_example_on_a_local_cluster(tmp_path: Path) -> None:
    # run as a user runs it: a process of its own that starts a local cluster of 2 workers
    out = tmp_path / "decisions.json"
    source = EXAMPLES / "data" / "kommentarer.csv"
    res = run([str(EXAMPLES / "dask_classify.py"), str(source), "--json", str(out)], cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-2000:]
    got = json.loads(out.read_text("utf-8"))
    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    want = [d.model_dump(mode="json") for d in kr.Engine().classify_many(rows)]
    assert len(got) == 240
    assert got == want


@pytest.mark.slow
def test_example_plugin_installs_and_its_rule_fires(tmp_path: Path) -> None:
    target = tmp_path / "site"
    pip_install_target(EXAMPLES / "plugin", target)
    code = (
        "import kommentar_regler as kr; e = kr.Engine(); "
        "d = e.classify('Smällare vid skolan, farligt för barnen'); "
        "print('exempel' in e.plugin_names, d.category, [f.rule_id for f in d.findings])"
    )
    res = run(["-c", code], cwd=tmp_path, PYTHONPATH=str(target))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("True fault_report"), res.stdout
    assert "exempel.fyrverkerier" in res.stdout
    blocked = run(
        ["-c", "import kommentar_regler as kr; print(kr.Engine(blocked=['exempel']).plugin_names)"],
        cwd=tmp_path,
        PYTHONPATH=str(target),
    )
    assert "exempel" not in blocked.stdout


def test_classify_csv_report_reads_what_the_cli_reads(tmp_path: Path) -> None:
    src = tmp_path / "export.csv"
    body = "Gatlampan på Storgatan 14 är trasig, igen, och igen, " * 300  # commas past 8 KB
    src.write_text(
        f"\ufeffid;Kommentar;Datum\n1;{body};30.11.2026 14:05\n2;Tack!;igår\n", encoding="utf-8"
    )
    out = tmp_path / "rapport.md"
    res = run([str(EXAMPLES / "classify_csv_report.py"), str(src), "--out", str(out)], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "Kommentarer: 1 st" in out.read_text("utf-8")
    assert f"{src}:3: " in res.stdout and "1 trasiga rader" in res.stdout
