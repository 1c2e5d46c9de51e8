"""The national map and the status-by-period bars as inline SVG: no script, every text escaped.

Each picture is an ``<svg role="img">`` labelled by its own ``<title>`` and
``<desc>``; the HTML page shows the same figures as tables for screen
readers. Text widths are estimated (no font is measured), generously.
"""

from __future__ import annotations

from html import escape

from plan_cli.national.national_map import STATES, CellState, NationalMap, Period
from plan_cli.plan.model import Status

CELL = 30
GAP = 2
FONT = 13
CHAR = 7.2
"""Estimated width of one character at FONT px (Arial), on the generous side."""
BORDER = "#505a5f"
INK = "#0b0c0c"


def _text_width(text: str) -> float:
    return len(text) * CHAR


def _legend(states: tuple[CellState, ...], top: float, width: float) -> tuple[list[str], float]:
    """The legend as SVG elements from ``top``, wrapped within ``width``; and the height it takes."""
    parts = []
    x, y = 0.0, top
    for state in states:
        needed = CELL + 6 + _text_width(state.words) + 18
        if x and x + needed > width:
            x, y = 0.0, y + CELL + 6
        parts.append(_swatch(state, x, y))
        parts.append(
            f'<text x="{x + CELL + 6:.0f}" y="{y + CELL / 2 + 5:.0f}" font-size="{FONT}" fill="{INK}">'
            f"{escape(state.words)}</text>"
        )
        x += needed
    return parts, y + CELL - top


def _swatch(state: CellState, x: float, y: float, size: int = CELL) -> str:
    return (
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{size}" height="{size}" fill="{state.fill}" '
        f'stroke="{BORDER}" stroke-width="1"/>'
        f'<text x="{x + size / 2:.0f}" y="{y + size / 2 + 5:.0f}" font-size="{FONT + 1}" font-weight="bold" '
        f'text-anchor="middle" fill="{state.ink}">{escape(state.letter)}</text>'
    )


def _svg(width: float, height: float, ident: str, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="Arial, Helvetica, sans-serif">\n'
        f'<title id="{ident}-title">{escape(title)}</title>\n'
        f'<desc id="{ident}-desc">{escape(description)}</desc>\n' + "\n".join(body) + "\n</svg>"
    )


def map_svg(found: NationalMap, ident: str = "national-map") -> str:
    """Return the map as one ``<svg>`` element: a row per force, a column per recommendation, and a legend."""
    label = max((_text_width(row.force) for row in found.rows), default=0.0) + 12
    grid = len(found.numbers) * (CELL + GAP)
    width = max(label + grid, 480.0)
    body = []
    for column, number in enumerate(found.numbers):
        x = label + column * (CELL + GAP) + CELL / 2
        body.append(
            f'<text x="{x:.0f}" y="{CELL - 10}" font-size="{FONT}" font-weight="bold" text-anchor="middle" '
            f'fill="{INK}">{number}</text>'
        )
    for index, row in enumerate(found.rows):
        y = CELL + index * (CELL + GAP)
        body.append(
            f'<text x="0" y="{y + CELL / 2 + 5:.0f}" font-size="{FONT}" fill="{INK}">{escape(row.force)}</text>'
        )
        for column, cell in enumerate(row.cells):
            body.append(_swatch(STATES[cell], label + column * (CELL + GAP), y))
    top = CELL + len(found.rows) * (CELL + GAP) + 16
    legend, height = _legend(found.states, top, width)
    body.extend(legend)
    letters = "; ".join(f"{state.letter}: {state.words}" for state in found.states)
    description = (
        f"{len(found.rows)} forces by {len(found.numbers)} recommendations "
        f"({', '.join(str(number) for number in found.numbers)}); each cell is the force's worst status "
        f"for the recommendation, by letter ({letters}). The table below gives the same figures."
    )
    title = "National map: each force's worst status for each recommendation"
    return _svg(width, top + height + 4, ident, title, description, body)


def periods_svg(periods: list[Period], statuses: tuple[Status, ...], ident: str = "status-by-period") -> str:
    """Return the national share of items in each status as stacked bars, one per period, with a legend."""
    label = max((_text_width(_period_label(period)) for period in periods), default=0.0) + 12
    bar = 420.0
    width = label + bar
    body = []
    for index, period in enumerate(periods):
        y = index * (CELL + GAP)
        body.append(
            f'<text x="0" y="{y + CELL / 2 + 5:.0f}" font-size="{FONT}" fill="{INK}">'
            f"{escape(_period_label(period))}</text>"
        )
        x = label
        for status in statuses:
            count = period.counts.get(status, 0)
            if not count or not period.total:
                continue
            state = STATES[status.value]
            share = count / period.total
            span = bar * share
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{CELL}" fill="{state.fill}" '
                f'stroke="{BORDER}" stroke-width="1"/>'
            )
            text = f"{state.letter} {round(share * 100)}%"
            if span >= _text_width(text) + 6:
                body.append(
                    f'<text x="{x + span / 2:.1f}" y="{y + CELL / 2 + 5:.0f}" font-size="{FONT}" '
                    f'text-anchor="middle" fill="{state.ink}">{escape(text)}</text>'
                )
            x += span
    top = len(periods) * (CELL + GAP) + 16
    used = tuple(STATES[status.value] for status in statuses if any(p.counts.get(status) for p in periods))
    legend, height = _legend(used, top, width)
    body.extend(legend)
    description = (
        "The national share of items in each status at the end of each half-year, "
        "counting each force's latest round due by then. The table below gives the same figures."
    )
    return _svg(width, top + height + 4, ident, "Items by status, half-year by half-year", description, body)


def _period_label(period: Period) -> str:
    return f"{period.label} ({period.forces} forces)" if period.forces != 1 else f"{period.label} (1 force)"
