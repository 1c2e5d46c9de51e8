"""The plan's own rhythm of rounds: what its next round is likely to be called and when it is due.

Used for hints only ("open the next with …"), so that a hint follows the plan
at hand (six-monthly, yearly, named by month or not), never one force's habits.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from plan_cli.basics.wording import shell_word, slug
from plan_cli.plan.model import Plan, Round

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def likely_next_round(plan: Plan) -> Round | None:
    """Return the round that would follow the plan's last, by its own cadence; None when it cannot tell.

    The cadence is the usual gap in months between the plan's rounds: between
    the months, quarters or seasons their titles name ("October 2025 …", "Q2 2025/26 …", "2025-Q2 …",
    "Spring 2026 …"), else between their due dates. The id and title are the last round's
    with its month (full or abbreviated), quarter or season, and year, moved on by
    that gap; the due date is the last dated round's moved on by a gap for each round
    since, kept at the month's end where the plan's rounds all fall due on one. For a hint only: an id or title
    it cannot move is "ID" or "TITLE".
    """
    named = [(declared, _period_named(declared.title)) for declared in plan.rounds]
    titled = [(declared, when) for declared, when in named if when is not None]
    dated = [(declared, declared.due) for declared in plan.rounds if declared.due is not None]
    series = titled if len(titled) >= 2 else dated
    if len(series) < 2:
        return None
    gaps = sorted(_months_between(a, b) for (_, a), (_, b) in itertools.pairwise(series))
    gap = gaps[(len(gaps) - 1) // 2]
    last = plan.rounds[-1]
    if gap <= 0:
        return None
    due = None
    if dated:
        anchor = dated[-1][0]
        steps = len(plan.rounds) - plan.rounds.index(anchor)
        due = _add_months(anchor.due, gap * steps) if anchor.due is not None else None
    if due is not None and len(dated) >= 2 and all(_is_month_end(when) for _, when in dated):
        due = _add_months(due.replace(day=1), 1) - timedelta(days=1)
    when = _month_named(last.title)
    if when is None and _quarter_named(last.title) is not None:
        return _next_quarter(last, gap, due)
    if when is None and _season_named(last.title) is not None:
        return _next_season(last, gap, due)
    if when is None:
        return Round("ID", "TITLE", due)
    after = _add_months(when, gap)
    new_id, new_title = _move_date(last.id, when, after), _move_date(last.title, when, after)
    return Round(new_id if new_id != last.id else "ID", new_title, due)


def open_round_hint(plan: Plan) -> str:
    """Return an example ``plan round open`` command for the round after the plan's last one.

    Its title and due date follow the plan's own cadence (see
    :func:`likely_next_round`); where the plan cannot tell, placeholders.
    """
    guess = likely_next_round(plan)
    title = guess.title if guess is not None else "TITLE"
    return f"plan round open {shell_word(title)} --due {due_hint(plan)}"


def due_hint(plan: Plan, round_id: str | None = None) -> str:
    """Return the due date the plan's cadence gives a round, as YYYY-MM-DD, else that placeholder.

    The round is the one after the plan's last, or ``round_id`` as if it were
    that one (the rounds from it on left out): a hint, never a date written.
    """
    if round_id is not None:
        ids = [declared.id for declared in plan.rounds]
        plan = plan._replace(rounds=plan.rounds[: ids.index(round_id)] if round_id in ids else plan.rounds)
    guess = likely_next_round(plan)
    return guess.due.isoformat() if guess is not None and guess.due is not None else "YYYY-MM-DD"


def cut_month_names(text: str) -> str:
    """Return a slug with each full month name cut to its first three letters ("october-2026" gives "oct-2026")."""
    return re.sub(rf"\b({'|'.join(_MONTHS)})\b", lambda found: found.group(0)[:3], text)


def ids_cut_month_names(plan: Plan) -> bool:
    """Return whether the plan keys rounds named by a full month with its three letters, as oct-2026.

    True where some round's id matches its title only once month names are cut, and none
    keeps a month name that could be cut.
    """
    pairs = [(slug(declared.title), declared.id) for declared in plan.rounds]

    def keyed(full: str, key: str) -> bool:
        return full == key or full.startswith(key + "-")

    cuttable = [(full, key) for full, key in pairs if cut_month_names(full) != full]
    return any(
        keyed(cut_month_names(full), key) and not keyed(full, key) for full, key in cuttable
    ) and not any(keyed(full, key) for full, key in cuttable)


def _period_named(text: str) -> date | None:
    """The first of the month a title names, else the first month of the quarter or season it names, else None."""
    return _month_named(text) or _quarter_named(text) or _season_named(text)


_SEASONS = ["spring", "summer", "autumn", "winter"]
_SEASON = re.compile(rf"\b(?P<season>{'|'.join(_SEASONS)})(?P<between>\W+)(?P<year>\d{{4}})\b", re.IGNORECASE)


def _season_named(text: str) -> date | None:
    """The first month of the season a title names ("Spring 2026" gives 2026-03-01; winter starts in December), or None."""
    found = _SEASON.search(text)
    if found is None:
        return None
    return date(int(found.group("year")), 3 + 3 * _SEASONS.index(found.group("season").casefold()), 1)


def _next_season(last: Round, gap: int, due: date | None) -> Round:
    """The round after ``last``, whose title names a season: its season and year moved on by ``gap`` months."""
    if gap % 3:
        return Round("ID", "TITLE", due)

    def move(found: re.Match[str]) -> str:
        word = found.group("season")
        years, index = divmod(_SEASONS.index(word.casefold()) + gap // 3, 4)
        season = _SEASONS[index]
        season = season.upper() if word.isupper() else season.capitalize() if word[0].isupper() else season
        return f"{season}{found.group('between')}{int(found.group('year')) + years}"

    title = _SEASON.sub(move, last.title, count=1)
    new_id = _SEASON.sub(move, last.id, count=1)
    return Round(new_id if new_id != last.id else "ID", title, due)


def _quarter_named(text: str) -> date | None:
    """The first month of the quarter a title names ("Q2 2025/26 review" gives 2025-04-01), or None.

    Quarters are counted from the year's first: Q1 is January, whether the plan's year is a
    calendar or a financial one, so the gaps between a plan's quarters come out right either way.
    """
    found = _quarter_match(text)
    if found is None:
        return None
    return date(int(found.group("year")), 3 * int(found.group("quarter")) - 2, 1)


def _next_quarter(last: Round, gap: int, due: date | None) -> Round:
    """The round after ``last``, whose title names a quarter: its quarter and years moved on by ``gap`` months."""
    if gap % 3:
        return Round("ID", "TITLE", due)

    def move(found: re.Match[str]) -> str:
        index = int(found.group("quarter")) - 1 + gap // 3
        years, quarter = divmod(index, 4)
        moved = {"quarter": str(quarter + 1), "year": str(int(found.group("year")) + years)}
        second = found.group("second")
        if second is not None:
            moved["second"] = str(int(second) + years).zfill(len(second))[-len(second) :]
        text, base = found.group(0), found.start()
        for name in sorted(moved, key=found.start, reverse=True):
            begin, finish = found.start(name) - base, found.end(name) - base
            text = text[:begin] + moved[name] + text[finish:]
        return text

    pattern = _quarter_pattern(last.title) or _QUARTER
    title = pattern.sub(move, last.title, count=1)
    new_id = (_quarter_pattern(last.id) or pattern).sub(move, last.id, count=1)
    return Round(new_id if new_id != last.id else "ID", title, due)


_YEAR = r"(?P<year>\d{4})(?:(?P<split>[/-])(?P<second>\d{2}|\d{4}))?(?!\d)"
_QUARTER = re.compile(r"(?<![A-Za-z0-9])(?P<q>[Qq])(?P<quarter>[1-4])(?P<between>[ _-]?)" + _YEAR)
_YEAR_QUARTER = re.compile(
    r"(?<![A-Za-z0-9])" + _YEAR + r"(?P<between>[ _-]?)(?P<q>[Qq])(?P<quarter>[1-4])(?!\d)"
)
"""A quarter and its year, either way round: 'Q3 2025/26', 'q3-2025', '2025-Q3', '2025/26 Q3'."""


def _quarter_pattern(text: str) -> re.Pattern[str] | None:
    """Return the quarter pattern ``text`` is written in (quarter first or year first), or None."""
    return next((pattern for pattern in (_QUARTER, _YEAR_QUARTER) if pattern.search(text)), None)


def _quarter_match(text: str) -> re.Match[str] | None:
    """Return the first quarter-and-year ``text`` names, written either way round, or None."""
    pattern = _quarter_pattern(text)
    return pattern.search(text) if pattern is not None else None


def _is_month_end(when: date) -> bool:
    return (when + timedelta(days=1)).day == 1


def _month_named(text: str) -> date | None:
    """The first of the month a title names ("June 2027 review" gives 2027-06-01), or None."""
    found = re.search(r"\b([A-Za-z]+)\.? (\d{4})\b", text)
    while found:
        word = found.group(1).casefold()
        for index, name in enumerate(_MONTHS):
            if word in (name, name[:3]):
                return date(int(found.group(2)), index + 1, 1)
        found = re.search(r"\b([A-Za-z]+)\.? (\d{4})\b", text[found.end() :])
    return None


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _add_months(when: date, months: int) -> date:
    index = when.month - 1 + months
    year, month = when.year + index // 12, index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(when.day, (following - date(year, month, 1)).days))


def _move_date(text: str, old: date, new: date) -> str:
    """``text`` with the month name (full or three letters, case kept) and year of ``old`` made ``new``'s."""
    old_month, new_month = _MONTHS[old.month - 1], _MONTHS[new.month - 1]

    def month(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = new_month if len(word) > 3 else new_month[:3]
        if word.isupper():
            return replacement.upper()
        return replacement.capitalize() if word[0].isupper() else replacement

    text = re.sub(rf"\b({old_month}|{old_month[:3]})\b", month, text, flags=re.IGNORECASE)
    return re.sub(rf"\b{old.year}\b", str(new.year), text)
