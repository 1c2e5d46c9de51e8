"""Update rounds: which are reported, the latest and the next, and what a draft is for.

The one place that answers "which rounds are reported?": every command,
template and export asks here. Pure functions of a Plan.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from .errors import UsageError
from .model import EvidenceItem, Plan, Round


def reported_round_ids(plan: Plan) -> set[str]:
    """Return the ids of the rounds any item has an update for."""
    return {update.round for item in plan.items for update in item.updates}


def reported_rounds(plan: Plan) -> list[Round]:
    """Return the declared rounds at least one item has an update for, in order: the plan's columns."""
    reported = reported_round_ids(plan)
    return [declared for declared in plan.rounds if declared.id in reported]


def latest_round(plan: Plan) -> Round | None:
    """Return the last declared round that any item has an update for."""
    reported = reported_rounds(plan)
    return reported[-1] if reported else None


def lacks_latest_update(item: EvidenceItem, latest: Round | None) -> bool:
    """True when ``item`` is outstanding and has no update in ``latest``, the plan's latest round.

    This is an item the force has not answered in its latest round; an item
    done in an earlier round needs no new answer. With no round reported at
    all, every outstanding item lacks one.
    """
    return item.is_outstanding and (latest is None or item.update_for(latest.id) is None)


def next_round(plan: Plan) -> Round | None:
    """Return the first declared round after the latest reported one, or None if none is declared."""
    latest = latest_round(plan)
    rounds = list(plan.rounds)
    start = rounds.index(latest) + 1 if latest else 0
    return rounds[start] if start < len(rounds) else None


def previous_round(plan: Plan, round_id: str) -> Round | None:
    """Return the round declared just before ``round_id``, or None for the first."""
    ids = [r.id for r in plan.rounds]
    index = ids.index(round_id)
    return plan.rounds[index - 1] if index > 0 else None


def rounds_since(plan: Plan, round_id: str, reported: set[str] | None = None) -> int:
    """Return how many declared rounds after ``round_id`` have been reported.

    ``reported`` is :func:`reported_round_ids`, when the caller already has it.
    """
    if reported is None:
        reported = reported_round_ids(plan)
    ids = [r.id for r in plan.rounds]
    later = ids[ids.index(round_id) + 1 :]
    last_reported = max((ids.index(r) for r in reported), default=-1)
    return sum(1 for r in later if ids.index(r) <= last_reported)


def round_title(plan: Plan, round_id: str) -> str:
    """Return the title of a round id; the id itself when the plan does not declare it."""
    try:
        return plan.round(round_id).title
    except KeyError:
        return round_id


def draft_round(plan: Plan, title: str | None, due: date | None) -> Round:
    """Return the round a draft is for: the next declared one, or one named by --round/--due.

    Raise UsageError when there is neither, when --round names a round that
    already has updates, or when --due contradicts the due date the plan declares.
    """
    declared = next_round(plan)
    if title is not None:
        wanted = title.strip().casefold()
        match = next((r for r in plan.rounds if wanted in {r.title.casefold(), r.id.casefold()}), None)
        if match is None:
            return Round(_slug(title), title.strip(), due)
        if match.id in reported_round_ids(plan):
            raise UsageError(
                f"the {match.title} already has updates; a draft is for the next round "
                f"(--round 'NEXT TITLE' --due YYYY-MM-DD), or declare it under rounds: in the plan"
            )
        declared = match
    if declared is None:
        guess = likely_next_round(plan)
        if guess is not None and guess.due is not None and guess.title == "TITLE":
            raise UsageError(
                "no next update round is declared in the plan. Add it under rounds: in the plan "
                f"(id:, title: and due:, like the rounds before it; by the plan's cadence, due "
                f"{guess.due.isoformat()}), or name it here: "
                f"plan draft --round 'TITLE' --due {guess.due.isoformat()}"
            )
        if guess is None or guess.due is None:
            raise UsageError(
                "no next update round is declared in the plan. Add it under rounds: in the plan "
                "(id:, title: and due:, like the rounds before it), "
                "or name it here: plan draft --round 'TITLE' --due YYYY-MM-DD"
            )
        raise UsageError(
            "no next update round is declared in the plan. Add it under rounds: in the plan, e.g.\n"
            f"  - id: {guess.id}\n    title: {guess.title}\n    due: {guess.due.isoformat()}\n"
            f"or name it here: plan draft --round '{guess.title}' --due {guess.due.isoformat()}"
        )
    if due is not None and declared.due is not None and due != declared.due:
        raise UsageError(
            f"the plan declares the {declared.title} due {declared.due.isoformat()}, not {due.isoformat()}; "
            "change rounds: in the plan or drop --due"
        )
    return Round(declared.id, declared.title, due or declared.due)


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
    the months their titles name ("October 2025 …"), else between their due
    dates. The id and title are the last round's with its month (full or
    abbreviated) and year moved on by that gap, the due date the last one's
    moved on too. For a hint only: an id or title it cannot move is "ID" or "TITLE".
    """
    named = [(declared, _month_named(declared.title)) for declared in plan.rounds]
    titled = [(declared, when) for declared, when in named if when is not None]
    dated = [(declared, declared.due) for declared in plan.rounds if declared.due is not None]
    series = titled if len(titled) >= 2 else dated
    if len(series) < 2:
        return None
    gaps = sorted(_months_between(a, b) for (_, a), (_, b) in itertools.pairwise(series))
    gap = gaps[(len(gaps) - 1) // 2]
    last = plan.rounds[-1]
    if gap <= 0 or last.due is None:
        return None
    due = _add_months(last.due, gap)
    when = _month_named(last.title)
    if when is None:
        return Round("ID", "TITLE", due)
    after = _add_months(when, gap)
    new_id, new_title = _move_date(last.id, when, after), _move_date(last.title, when, after)
    return Round(new_id if new_id != last.id else "ID", new_title, due)


def _month_named(text: str) -> date | None:
    """The first of the month a title names ("March 2026 Update" gives 2026-03-01), or None."""
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


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return words.removesuffix("-update") or "next"
