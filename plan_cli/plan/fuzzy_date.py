"""Dates as precise as the source states them: a day, month, quarter, season, year, or unknown.

Published plans promise things for "Spring 2026" or "2026-Q2"; such a date
has passed only once its whole period has ended.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
_FUZZY_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(Spring|Summer|Autumn|Winter) (\d{4})"), "season"),
    (re.compile(r"(\d{4})"), "year"),
)
FUZZY_DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY-Qn, Spring/Summer/Autumn/Winter YYYY, YYYY or unknown"


class FuzzyDate(NamedTuple):
    """A date as precise as the source states it: a day, month, quarter, season, year or unknown.

    ``start`` and ``end`` are the first and last day of the period (both None
    when unknown), so "has it passed?" is simply ``end < today``.
    """

    text: str
    start: date | None
    end: date | None

    @property
    def known(self) -> bool:
        """True unless the source gives no date."""
        return self.end is not None

    def has_passed(self, today: date) -> bool:
        """True once the whole period has ended before ``today``."""
        return self.end is not None and self.end < today

    def __str__(self) -> str:
        return self.text


def parse_fuzzy_date(value: str | date | int) -> FuzzyDate:
    """Return the FuzzyDate for a plan value; raise ValueError naming the accepted forms."""
    if isinstance(value, date):
        return FuzzyDate(value.isoformat(), value, value)
    text = str(value).strip()
    if text.lower() == "unknown":
        return FuzzyDate("unknown", None, None)
    for pattern, kind in _FUZZY_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _fuzzy_from_match(text, kind, match)
    raise ValueError(f"'{text}' is not a date; use one of {FUZZY_DATE_FORMS}")


def _fuzzy_from_match(text: str, kind: str, match: re.Match[str]) -> FuzzyDate:
    if kind == "day":
        day = date(int(match[1]), int(match[2]), int(match[3]))
        return FuzzyDate(text, day, day)
    if kind == "month":
        year, month = int(match[1]), int(match[2])
        return FuzzyDate(text, date(year, month, 1), _month_end(year, month))
    if kind == "quarter":
        year, quarter = int(match[1]), int(match[2])
        first = 3 * quarter - 2
        return FuzzyDate(text, date(year, first, 1), _month_end(year, first + 2))
    if kind == "season":
        year = int(match[2])
        first, last = _SEASONS[match[1].lower()]
        end_year = year + 1 if last < first else year
        return FuzzyDate(text, date(year, first, 1), _month_end(end_year, last))
    year = int(match[1])
    return FuzzyDate(text, date(year, 1, 1), date(year, 12, 31))


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
