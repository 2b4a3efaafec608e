"""The HTML report of the development sets, rendered by headless Chromium (``--dump-dom``):
the counts are the decisions', every highlight is its finding's text, the fragment filters,
and no comment's markup ever runs. Skipped only when Chromium is not installed (.ci/run
installs Debian's ``chromium``)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import kommentar_regler as kr
from kommentar_regler.report import render_report

from .browser import Node, dump_dom, find_chromium, parse
from .conftest import DATA

CHROMIUM = find_chromium()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed (apt-get install chromium; .ci/run installs it)",
    ),
]

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
INJECTED = [
    '<script>document.body.setAttribute("data-pwned", "script")</script>',
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\"> din jävla idiot",
    '</script><script>document.title = "PWNED"</script> Jag ska döda dig',
    '"><svg onload="document.title=\'PWNED\'"> gatlampan är trasig 😀 🙂 idiot',
]


@pytest.fixture(scope="module")
def report(engine: kr.Engine, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    rows = [
        json.loads(line)
        for name in ("dev_abuse.jsonl", "dev_service.jsonl")
        for line in (DATA / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    comments = [
        kr.Comment(text=text, posted_at=datetime(2026, 3, 2, 9, i % 60))
        for i, text in enumerate([r["text"] for r in rows] + INJECTED)
    ]
    decisions = list(engine.classify_many(comments))
    html = render_report(decisions, comments, unreadable=[(9999, "broken JSON <b>")], now=NOW)
    page = tmp_path_factory.mktemp("report") / "rapport.html"
    page.write_text(html, encoding="utf-8")
    return page, list(zip(decisions, comments, strict=True))


def articles(dom: Node) -> list[Node]:
    return [a for a in dom.iter("article") if "comment" in a.classes()]


def test_counts_highlights_and_no_injected_script(report: tuple[Path, list]) -> None:
    page, pairs = report
    assert CHROMIUM is not None
    dom = parse(dump_dom(CHROMIUM, page, "per=1000"))
    decisions = [d for d, _ in pairs]

    # the summary and the filter menus count what the decisions say
    assert dom.find("b", id="n-comments")[0].attrs["data-count"] == str(len(decisions))
    review = sum(d.needs_review for d in decisions)
    assert dom.find("b", id="n-review")[0].attrs["data-count"] == str(review)
    per_category = Counter(d.category.value for d in decisions)
    bars = {a.attrs["data-category"]: int(a.attrs["data-count"]) for a in dom.find("a")
            if "data-category" in a.attrs}  # fmt: skip
    assert bars == {c.value: per_category[c.value] for c in kr.Category}
    per_label = Counter(label for d in decisions for label in set(d.labels))
    labels = {a.attrs["data-label"]: int(a.attrs["data-count"]) for a in dom.find("a")
              if "data-label" in a.attrs}  # fmt: skip
    assert labels == per_label
    menu = dom.find("select", id="f-category")[0].iter("option")[1:]
    assert {o.attrs["value"]: int(o.attrs["data-count"]) for o in menu} == bars
    menu = dom.find("select", id="f-label")[0].iter("option")[1:]
    assert {o.attrs["value"]: int(o.attrs["data-count"]) for o in menu} == per_label
    status = dom.find("p", id="status")[0]
    assert status.attrs["data-matching"] == status.attrs["data-shown"] == str(len(decisions))

    # every comment, in order, its text as text and every finding highlighted exactly
    shown = articles(dom)
    assert len(shown) == len(pairs)
    for article, (decision, comment) in zip(shown, pairs, strict=True):
        assert article.attrs["data-category"] == decision.category.value
        text = next(p for p in article.iter("p") if "text" in p.classes())
        assert text.text == comment.text
        parts: dict[int, str] = {}
        for mark in text.iter("mark"):
            index = int(mark.attrs["data-f"])
            parts[index] = parts.get(index, "") + mark.text
        assert parts == {i: f.text for i, f in enumerate(decision.findings)}, comment.text
        queue_lines = len(article.find("tr")) - 1 if decision.actions else 0
        assert queue_lines == len(decision.actions)

    # the injected markup is text, nothing of it ran, no element of it exists
    body = dom.iter("body")[0]
    assert "data-pwned" not in body.attrs
    assert dom.iter("title")[0].text == "Kommentarsrapport"
    assert not dom.iter("img") and not dom.find("svg", onload="document.title='PWNED'")
    assert len(dom.iter("script")) == 2
    texts = {p.text for a in shown for p in a.iter("p") if "text" in p.classes()}
    assert set(INJECTED) <= texts
    bad = dom.find("tr", **{"data-line": "9999"})
    assert bad and bad[0].text == "9999broken JSON <b>"


def test_fragment_filter_shows_only_its_category(report: tuple[Path, list]) -> None:
    page, pairs = report
    assert CHROMIUM is not None
    dom = parse(dump_dom(CHROMIUM, page, "category=criminal"))
    criminal = [d for d, _ in pairs if d.category is kr.Category.CRIMINAL]
    assert criminal
    shown = articles(dom)
    assert shown and {a.attrs["data-category"] for a in shown} == {"criminal"}
    status = dom.find("p", id="status")[0]
    assert status.attrs["data-matching"] == str(len(criminal))
    assert len(shown) == min(50, len(criminal))  # the first page
    queue = [li for li in dom.iter("li") if li.find("a") and "queue" not in li.classes()]
    badges = {s.text for li in queue for s in li.iter("span") if "badge" in s.classes()}
    assert badges == {kr.Category.CRIMINAL.swedish}


def test_all_on_one_page_is_made_while_scrolling(report: tuple[Path, list]) -> None:
    page, pairs = report
    assert CHROMIUM is not None
    dom = parse(dump_dom(CHROMIUM, page, "per=all"))
    status = dom.find("p", id="status")[0]
    assert int(status.attrs["data-matching"]) == len(pairs) > 100
    assert status.attrs["data-shown"] == "100" == str(len(articles(dom)))
    assert dom.find("div", **{"class": "sentinel"})


def test_search_and_combined_filters(report: tuple[Path, list]) -> None:
    page, pairs = report
    assert CHROMIUM is not None
    dom = parse(dump_dom(CHROMIUM, page, "q=IDIOT&review=0&per=1000"))
    want = [c.text for d, c in pairs if "idiot" in c.text.lower() and not d.needs_review]
    got = [next(p for p in a.iter("p") if "text" in p.classes()).text for a in articles(dom)]
    assert got == want and want
