"""Charts drawn by the tool as inline SVG: they show in any browser and in e-mail, with no script.

Each chart is a ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that
says in words what it shows; every text in it is escaped; each status has a
letter as well as a colour (the colours pass WCAG 2.2 AA against their
letters), so it reads without colour. The same figures are always given as a
table beside it.
"""

from __future__ import annotations

from datetime import date
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
    record and its counts by status, in the plan's order of statuses. The key
    names the statuses the bars show.
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
    left = 10.0
    shown = {cell["status"] for row in rows for cell in row["counts"] if cell["count"]}
    for status, (fill, ink, letter) in STATUS_STYLE.items():
        if shown and status not in shown:
            continue
        parts.append(
            f'<rect x="{left:.1f}" y="{key_top}" width="18" height="18" fill="{fill}" stroke="#1a1a1a" '
            f'stroke-width="0.5"/><text x="{left + 9:.1f}" y="{key_top + 13}" text-anchor="middle" '
            f'font-family="sans-serif" font-size="11" fill="{ink}">{letter}</text>'
            f'<text x="{left + 22:.1f}" y="{key_top + 13}" font-family="sans-serif" font-size="11" '
            f'fill="#1a1a1a">{escape(status)}</text>'
        )
        left += 115
    parts.append("</svg>")
    return "".join(parts)


_LANES = ("round", "recommendation", "milestone", "dependency")
_LANE_NAMES = {
    "round": "Rounds",
    "recommendation": "Deadlines",
    "milestone": "Milestones",
    "dependency": "Dependencies",
}
_STATE_STYLE = {"done": ("#00703c", "✓"), "passed": ("#942514", "!"), "upcoming": ("#1d70b8", "•")}
"""Each dated entry's state: marker colour and sign (done, passed and not met, coming)."""


def timeline_svg(entries: list[dict[str, Any]], today: date, chart_id: str = "timeline") -> str:
    """Return the plan's dated entries on a time line, a lane per kind, as inline SVG markup.

    ``entries`` are the template context's ``deadlines`` (see ``deadline_record``);
    entries without a known date are left out (the tables list them). Today is
    marked; each marker's state has a sign as well as a colour.
    """
    dated = [entry for entry in entries if entry["start"] is not None and entry["kind"] in _LANES]
    width, left, right = 720, 120, 20
    height = 40 + len(_LANES) * 34 + 30
    if not dated:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} 40" width="100%" '
            f'aria-labelledby="{chart_id}-title"><title id="{chart_id}-title">No dated entries</title></svg>'
        )
    first: date = min(min(entry["start"] for entry in dated), today)
    last: date = max(max(entry["end"] or entry["start"] for entry in dated), today)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return float(left + (width - left - right) * (day - first).days / span)

    counts = {state: sum(1 for entry in dated if entry["state"] == state) for state in _STATE_STYLE}
    described = (
        f"{len(dated)} dated entries from {first.isoformat()} to {last.isoformat()}: "
        f"{counts['done']} done, {counts['passed']} passed and not met, {counts['upcoming']} coming; "
        f"today is {today.isoformat()}."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">Timeline of rounds, deadlines, milestones and dependencies</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for index, lane in enumerate(_LANES):
        y = 30 + index * 34
        parts.append(
            f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" font-family="sans-serif" font-size="12" '
            f'fill="#0b0c0c">{_LANE_NAMES[lane]}</text>'
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#b1b4b6"/>'
        )
        for entry in (e for e in dated if e["kind"] == lane):
            colour, sign = _STATE_STYLE.get(entry["state"], ("#505a5f", "?"))
            at = x(entry["start"])
            label = (
                f"{entry['date']}: {entry['kind']} {entry['ref']}: {entry['text'][:120]} ({entry['state']})"
            )
            parts.append(
                f'<g><title>{escape(label)}</title><circle cx="{at:.1f}" cy="{y}" r="8" fill="{colour}"/>'
                f'<text x="{at:.1f}" y="{y + 4}" text-anchor="middle" font-family="sans-serif" '
                f'font-size="11" fill="#ffffff">{sign}</text></g>'
            )
    bottom = 30 + len(_LANES) * 34
    now = x(today)
    parts.append(
        f'<line x1="{now:.1f}" y1="18" x2="{now:.1f}" y2="{bottom - 14}" stroke="#0b0c0c" stroke-dasharray="4 3"/>'
        f'<text x="{now:.1f}" y="12" text-anchor="middle" font-family="sans-serif" font-size="11" '
        f'fill="#0b0c0c">today</text>'
        f'<text x="{left}" y="{bottom + 4}" font-family="sans-serif" font-size="11" fill="#0b0c0c">'
        f"{first.isoformat()}</text>"
        f'<text x="{width - right}" y="{bottom + 4}" text-anchor="end" font-family="sans-serif" '
        f'font-size="11" fill="#0b0c0c">{last.isoformat()}</text>'
        f'<text x="{left}" y="{bottom + 22}" font-family="sans-serif" font-size="11" fill="#0b0c0c">'
        "✓ done · ! passed, not met · • coming</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
