"""What a column heading or a cell label names: a column kind, a round.

Headings are read in any case and in the spellings forces publish ("Rec No.",
"Recomendation", "Sub recommendation", "Rec. Owner", "<Month Year> update"); a
round is the initial response or "<Month Year> update", whose id is
``<month>-<year>`` (``june-2027``) and whose title is the heading as written.
"""

from __future__ import annotations

import re

from plan_cli.basics.wording import slug
from plan_cli.importer.records import ImportedRound
from plan_cli.importer.table import Cell

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_YEAR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s/-]*('?\d{2}|\d{4})\b", re.IGNORECASE
)
_ROUND_WORD = re.compile(r"\b(?:update|response|progress|position|review)")
# A date written in figures, day first: "31/12/2025", "12/2025" (the month and year are kept).
_NUMERIC_DATE = re.compile(r"(?<![\d/])(?:\d{1,2}/)?(\d{1,2})/((?:20)?\d{2})(?![\d/])")

UNDATED = (9999, 0)
"""The order of a round named without a date: after every dated one, unless its column says otherwise."""


class Column:
    """What a heading says a column holds: kind, and the round for round and status columns."""

    def __init__(self, kind: str, heading: str, round: ImportedRound | None = None) -> None:
        self.kind = kind
        self.heading = heading
        self.round = round


def heading_text(cell: Cell) -> str:
    """A heading as written, on one line, without its trailing colon or asterisks."""
    text = " ".join(" ".join(cell.texts).replace("*", "").split())
    return text.rstrip(":").strip()


def round_of(text: str) -> ImportedRound | None:
    """The round a heading or label names: the initial response, or '<Month Year> update' (or response,
    progress, position, review; the month in words or figures, "Update (as at 31/12/2025)")."""
    low = text.lower()
    if "initial" in low and ("response" in low or "action" in low or "plan" in low):
        return ImportedRound("initial", text, (0, 0))
    if not _ROUND_WORD.search(low):
        return None
    match = _MONTH_YEAR.search(text)
    if match is not None:
        month = MONTHS[match[1].lower()[:3]]
    elif (match := _NUMERIC_DATE.search(text)) is not None and 1 <= int(match[1]) <= 12:
        month = int(match[1])
    else:
        return None
    year = int(match[2].lstrip("'"))
    year = year + 2000 if year < 100 else year
    return ImportedRound(f"{_MONTH_NAMES[month - 1]}-{year}", text, (year, month))


def classify(heading: str) -> Column | None:
    """The column a heading names; None for an empty heading."""
    low = " ".join(re.sub(r"[^a-z0-9#.]+", " ", heading.lower()).split()).strip(" .")
    if not low:
        return None
    if low.endswith(" status") and (found := round_of(heading[: -len(" status")])):
        return Column("status", heading, found)
    if (low == "status" or low.startswith("status ") or low == "rag status") and "update" not in low:
        return Column("status", heading)
    if low == "owners":
        return Column("bodies", heading)
    if "owner" in low or re.search(r"\b(?:leads?|responsible|accountable|addressees?)\b", low):
        return Column("owner", heading)
    if "deadline" in low:
        return Column("deadline", heading)
    found = round_of(heading)
    if found is not None:
        return Column("round", heading, found)
    if re.fullmatch(r"(?:force|constabulary|police|our)?\s*(?:update|progress update|progress)s?", low):
        return Column("round", heading, ImportedRound("update", heading, UNDATED))
    if re.search(r"\b(?:update|review|position)\b", low) and not re.search(
        r"rec\w*m\w*d|evidence|owner|\bdate\b|\brag\b", low
    ):
        # an update named without a month ("Q3 Update", "Spring 2026 Review"): placed by its column
        return Column("round", heading, ImportedRound(slug(heading), heading, UNDATED))
    if re.fullmatch(
        r"(?:force|constabulary|police|our)?\s*(?:responses?|(?:current )?(?:process|position))", low
    ):
        return Column("round", heading, ImportedRound("initial", heading, (0, 0)))
    if re.fullmatch(r"supporting (?:documents?|evidence)|documents", low):
        return Column("supporting", heading)
    if re.fullmatch(r"(?:next )?actions?(?: taken| planned)?", low):
        return Column("action", heading)
    if ("evidence" in low or "sub" in low) and re.search(r"\b(id|no|number|ref)\b", low):
        return Column("item", heading)
    if "evidence" in low or re.search(r"\bsub[- ]?rec", low):
        return Column("evidence", heading)
    if re.search(r"\brec(om+end\w*)?\.?\s*(no|number|num|#|ref)\b", low) or low in ("no", "no.", "#", "rec"):
        return Column("number", heading)
    if re.search(r"rec\w*m\w*d", low):
        return Column("recommendation", heading)
    return Column("other", heading)


_ITEM_ALONE = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\s*[-\u2013:.]?\s*$")
_NUMBER_LABEL = re.compile(
    r"^\s*(?:rec(?:om+end\w*)?\.?\s*(?:no\.?|number)?\s*)?(\d{1,3})\s*[-\u2013:.)]?\s*$", re.I
)


def leading_item_id(cell: Cell, notes: list[str]) -> tuple[str, Cell]:
    """The item number a response cell opens with as a paragraph of its own ("7.1"), and the cell without it.

    Where a table has no item or evidence column, the item's number sits at the top of its response.
    """
    texts = cell.texts
    match = _ITEM_ALONE.match(texts[0]) if texts else None
    if match is None:
        return "", cell
    notes.append(f'the item number "{texts[0]}" opens the response cell')
    kept = [p for p in cell.paragraphs if "".join(r.text for r in p).strip()]
    return match[1], Cell(tuple(kept[1:]), cell.shown)


def numbered_text(cell: Cell) -> tuple[Cell, str]:
    """A recommendation cell without the paragraph that only numbers it ("7", "Recommendation 7:"),
    and that number ("" where it has none)."""
    texts = cell.texts
    match = _NUMBER_LABEL.match(texts[0]) if len(texts) > 1 else None
    if match is None:
        return cell, ""
    kept = [p for p in cell.paragraphs if "".join(r.text for r in p).strip()]
    return Cell(tuple(kept[1:]), cell.shown), match[1]
