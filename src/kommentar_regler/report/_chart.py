"""The summary's bar charts as inline SVG: no library, no network, readable without JavaScript.

Each bar links to the filtered view (``#category=criminal``), so a click on the chart filters.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

__all__ = ["bar_chart"]

_ROW = 24  # pixels per bar
_LABEL = 345  # width of the label column
_BAR = 170  # width of the longest bar


def bar_chart(
    title: str, key: str, bars: list[tuple[str, str, int]], *, css_prefix: str = ""
) -> str:
    """A horizontal bar chart of ``(value, label, count)`` bars; ``key`` is the filter they set."""
    if not bars:
        return ""
    top = max(count for _, _, count in bars) or 1
    height = _ROW * len(bars) + 8
    width = _LABEL + _BAR + 50
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for row, (value, label, count) in enumerate(bars):
        y = 4 + row * _ROW
        length = round(_BAR * count / top) if count else 0
        href = "#" + urlencode({key: value})
        parts.append(
            f'<a href="{escape(href)}" class="bar {escape(css_prefix + value)}" '
            f'data-{key}="{escape(value)}" data-count="{count}">'
            f'<text x="{_LABEL - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{max(length, 1)}" height="{_ROW - 6}" rx="3"/>'
            f'<text x="{_LABEL + length + 6}" y="{y + 16}" class="n">{count}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
