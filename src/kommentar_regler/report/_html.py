"""The report's HTML: one self-contained page (inline CSS, JavaScript, SVG and data).

Server-side, every value goes through :func:`html.escape`; the comments themselves are
rendered in the browser from the embedded JSON with ``textContent`` (never ``innerHTML``).
The JSON is escaped so that it cannot close its ``<script>`` block, and a
Content-Security-Policy allows only this page's own script (by hash), so an injected
``<script>`` or ``onerror=`` would not run even if it reached the markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from ._chart import bar_chart

__all__ = ["render_html", "script_json"]

_ASSETS = files(__package__) / "assets"


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or
    ``&`` (so no ``</script>`` or ``<!--``), written as ``\\u`` escapes JSON.parse undoes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _unreadable(rows: list[list[Any]]) -> str:
    if not rows:
        return "<p>Inga.</p>"
    body = "".join(
        f'<tr data-line="{line}"><td>{line}</td><td>{escape(error)}</td></tr>'
        for line, error in rows
    )
    head = "<thead><tr><th>Rad</th><th>Fel</th></tr></thead>"
    return f'<table class="bad">{head}<tbody>{body}</tbody></table>'


def render_html(data: dict[str, Any], *, title: str = "Kommentarsrapport", source: str = "") -> str:
    """The page for ``data`` (from :func:`prepare`)."""
    counts = data["counts"]
    css, script = _asset("report.css"), _asset("report.js")
    categories = [(v, name, counts["category"][v]) for v, name in data["categories"].items()]
    labels = [(v, v.replace("_", " "), n) for v, n in counts["label"].items()]
    meta = [f"Källa: {source}" if source else "", "Policy: " + ", ".join(data["policies"])]
    meta.append(f"Åtgärder bedömda mot: {data['now']}")
    csp = (
        f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        "csp": csp,
        "title": escape(title),
        "css": css,
        "script": script,
        "meta": escape(" · ".join(m for m in meta if m)),
        "now": escape(data["now"]),
        "total": counts["total"],
        "review": counts["review"],
        "overdue": data["overdue"],
        "unreadable_count": len(data["unreadable"]),
        "category_chart": bar_chart(
            "Kommentarer per kategori", "category", categories, css_prefix="cat-"
        ),
        "label_chart": bar_chart("Kommentarer per etikett", "label", labels) or "<p>Inga.</p>",
        "unreadable": _unreadable(data["unreadable"]),
        "data": script_json(data),
    }
    return Template(_asset("page.html")).substitute(values)
