"""The screenshots of the HTML report in docs/img/ (1280×800, headless Chromium).

    python benchmarks/report_screenshots.py

The report of examples/data/kommentarer.csv (policy tyreso, judged at 2026-10-19 12:00):
the top of the page (docs/img/report.png) and one comment with its highlighted evidence,
reached from the queue (#line=53, docs/img/report-comment.png).
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import DevTools  # noqa: E402

ROOT = HERE.parent
SHOTS = {"report.png": "", "report-comment.png": "line=53"}


def main() -> None:
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "rapport.html"
        subprocess.run(
            ["kommentar-regler", "report", "-i", str(ROOT / "examples/data/kommentarer.csv"),
             "--policy", "tyreso", "--now", "2026-10-19T12:00", "--html", str(page)],
            check=True,
        )  # fmt: skip
        browser = DevTools(shutil.which("chromium") or "chromium")
        try:
            browser.open_page()
            for name, fragment in SHOTS.items():
                browser.load("about:blank")
                browser.load(page.as_uri() + (f"#{fragment}" if fragment else ""))
                time.sleep(0.5)  # let the scroll to the comment settle
                shot = browser.send("Page.captureScreenshot", {"format": "png"})
                (out / name).write_bytes(base64.b64decode(shot["data"]))
                print(out / name)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
