"""How big the HTML report of 10,000 comments is and how fast headless Chromium shows it.

    python benchmarks/report.py              # 10,000 comments, 5 page loads
    python benchmarks/report.py -n 1000 --runs 3 --keep rapport.html

Builds the report of ``n`` distinct comments (benchmarks/corpus.py, received over the last
ten days, judged against a fixed "now"), then loads it from file:// in headless Chromium
and reads the page's own Performance API over the DevTools protocol (a pipe, no extra
packages): first paint, first contentful paint, the end of the first render (the page sets
the mark ``report-rendered``) and the load event; then the time from a filter change
(``#category=criminal``, a search, a page of 200, every comment on one page) to the next
frame. Medians of ``--runs``
fresh page loads. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 16, 12, 0, tzinfo=STOCKHOLM)
PAINT = """new Promise(done => {
  const out = {};
  const finish = () => {
    const nav = performance.getEntriesByType("navigation")[0];
    const mark = performance.getEntriesByName("report-rendered")[0];
    out.rendered = mark ? mark.startTime : null;
    out.dom_content_loaded = nav.domContentLoadedEventEnd;
    out.load = nav.loadEventEnd;
    done(JSON.stringify(out));
  };
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) out[e.name.replace(/-/g, "_")] = e.startTime;
    if ("first_contentful_paint" in out) finish();
  }).observe({type: "paint", buffered: true});
  setTimeout(finish, 10000);
})"""
FILTER = """new Promise(done => {
  const t0 = performance.now();
  addEventListener("hashchange", () => requestAnimationFrame(() => setTimeout(() =>
    done(performance.now() - t0))), {once: true});
  location.hash = %s;
})"""


class DevTools:
    """The Chrome DevTools protocol over --remote-debugging-pipe (fds 3 and 4, NUL-framed)."""

    def __init__(self, binary: str) -> None:
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser = os.pipe()
        self.profile = tempfile.mkdtemp()

        def wire() -> None:  # in the child: our pipe ends become its fds 3 and 4
            a, b = os.dup(to_browser), os.dup(from_browser)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=wire, close_fds=False, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self.session = ""

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def open_page(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        self.send("Page.enable")
        screen = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", screen)

    def load(self, url: str) -> float:
        """Navigate; the wall-clock seconds until the load event."""
        start = time.perf_counter()
        self.send("Page.navigate", {"url": url})
        while self.receive().get("method") != "Page.loadEventFired":
            pass
        return time.perf_counter() - start

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
        )
        return result["result"].get("value")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def build(n: int, path: Path) -> dict[str, float]:
    import kommentar_regler as kr
    from kommentar_regler.report import render_report

    texts = generate(n)
    comments = [
        kr.Comment(text=t, posted_at=NOW - timedelta(minutes=(i * 137) % (10 * 24 * 60)))
        for i, t in enumerate(texts)
    ]
    engine = kr.Engine()
    start = time.perf_counter()
    decisions = list(engine.classify_many(comments))
    classified = time.perf_counter() - start
    start = time.perf_counter()
    html = render_report(decisions, comments, now=NOW, source=f"{n} kommentarer")
    rendered = time.perf_counter() - start
    path.write_text(html, encoding="utf-8")
    return {"classify_s": classified, "render_report_s": rendered}


def measure(binary: str, page: Path, runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {}
    url = page.resolve().as_uri()
    browser = DevTools(binary)
    try:
        browser.open_page()
        for _ in range(runs):
            browser.load("about:blank")
            got: dict[str, float] = {"load_wall_ms": browser.load(url) * 1000}
            got.update(json.loads(browser.evaluate(PAINT)))
            for name, fragment in [("filter_category_ms", "category=criminal"),
                                   ("search_ms", "q=gatlampan"),
                                   ("page_of_200_ms", "per=200"),
                ("all_10000_ms", "per=all"),
                                   ("clear_ms", "")]:  # fmt: skip
                got[name] = browser.evaluate(FILTER % json.dumps(fragment))
            for key, value in got.items():
                if value is not None:
                    samples.setdefault(key, []).append(value)
    finally:
        browser.close()
    return {key: statistics.median(values) for key, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="comments in the report")
    parser.add_argument("--runs", type=int, default=5, help="page loads (the median is shown)")
    parser.add_argument("--keep", type=Path, help="keep the report at this path")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = args.keep or Path(tmp) / "rapport.html"
        result: dict[str, Any] = {"comments": args.n}
        result.update(build(args.n, page))
        result["file_mb"] = page.stat().st_size / 1e6
        result.update(measure(args.chromium, page, args.runs))
    version = subprocess.run([args.chromium, "--version"], capture_output=True, text=True)
    result["chromium"] = version.stdout.strip()
    for key, value in result.items():
        if isinstance(value, float):
            value = f"{value:.2f}" if key.endswith(("_s", "_mb")) else f"{value:.0f}"
        print(f"{key:<22} {value}")


if __name__ == "__main__":
    main()
