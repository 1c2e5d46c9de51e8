"""Charts drawn by the tool as inline SVG: they show in any browser and in e-mail, with no script.

Each chart is a ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that
says in words what it shows; every text in it is escaped; each status has a
letter as well as a colour (the colours pass WCAG 2.2 AA against their
letters), so it reads without colour. The same figures are always given as a
table beside it.
"""

from __future__ import annotations

from html import escape
from typing import Any

STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "not-started": ("#f3f2f1", "#0b0c0c", "N"),
    "unstated": ("#b1b4b6", "#0b0c0c", "U"),
    "in-progress": ("#ffdd00", "#0b0c0c", "P"),
    "blocked": ("#942514", "#ffffff", "B"),
    "complete": ("#00703c", "#ffffff", "C"),
    "superseded": ("#505a5f", "#ffffff", "S"),
}
"""Each status's fill, text colour and letter: the one palette of every chart, map and shaded cell."""

_BAR_HEIGHT = 26
_GAP = 10
_LABEL_WIDTH = 230
_BAR_WIDTH = 460


def status_by_round_svg(round_counts: list[dict[str, Any]], chart_id: str = "status-by-round") -> str:
    """Return a stacked bar per round of the items in each status, as inline SVG markup.

    ``round_counts`` is the template context's ``round_counts``: each round's
    record and its counts by status, in the plan's order of statuses.
    """
    rows = [row for row in round_counts if sum(cell["count"] for cell in row["counts"])]
    height = len(rows) * (_BAR_HEIGHT + _GAP) + 60
    width = _LABEL_WIDTH + _BAR_WIDTH + 20
    described = "; ".join(
        f"{row['round']['title']}: "
        + ", ".join(f"{cell['count']} {cell['status']}" for cell in row["counts"] if cell["count"])
        for row in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">Evidence items by status, round by round</title>',
        f'<desc id="{chart_id}-desc">{escape(described or "No round has been reported yet.")}</desc>',
    ]
    for index, row in enumerate(rows):
        top = 10 + index * (_BAR_HEIGHT + _GAP)
        parts.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{top + _BAR_HEIGHT * 0.68:.1f}" text-anchor="end" '
            f'font-family="sans-serif" font-size="13" fill="#1a1a1a">{escape(row["round"]["title"])}</text>'
        )
        total = sum(cell["count"] for cell in row["counts"])
        left = float(_LABEL_WIDTH)
        for cell in row["counts"]:
            if not cell["count"]:
                continue
            fill, ink, letter = STATUS_STYLE.get(cell["status"], ("#ffffff", "#1a1a1a", "?"))
            span = _BAR_WIDTH * cell["count"] / total
            parts.append(
                f'<rect x="{left:.1f}" y="{top}" width="{span:.1f}" height="{_BAR_HEIGHT}" fill="{fill}" '
                f'stroke="#1a1a1a" stroke-width="0.5"><title>{escape(row["round"]["title"])}: '
                f"{cell['count']} {escape(cell['status'])}</title></rect>"
            )
            if span >= 24:
                parts.append(
                    f'<text x="{left + span / 2:.1f}" y="{top + _BAR_HEIGHT * 0.68:.1f}" text-anchor="middle" '
                    f'font-family="sans-serif" font-size="12" fill="{ink}">{letter} {cell["count"]}</text>'
                )
            left += span
    key_top = 10 + len(rows) * (_BAR_HEIGHT + _GAP) + 8
    left = float(_LABEL_WIDTH)
    for status, (fill, ink, letter) in STATUS_STYLE.items():
        parts.append(
            f'<rect x="{left:.1f}" y="{key_top}" width="18" height="18" fill="{fill}" stroke="#1a1a1a" '
            f'stroke-width="0.5"/><text x="{left + 9:.1f}" y="{key_top + 13}" text-anchor="middle" '
            f'font-family="sans-serif" font-size="11" fill="{ink}">{letter}</text>'
            f'<text x="{left + 22:.1f}" y="{key_top + 13}" font-family="sans-serif" font-size="11" '
            f'fill="#1a1a1a">{escape(status)}</text>'
        )
        left += 92
    parts.append("</svg>")
    return "".join(parts)
