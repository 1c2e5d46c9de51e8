"""Update rounds: where each stands, which are reported, the latest and the next, what a draft is for.

The one place that answers "which rounds are reported?", "is this round open?"
and "which items has it still to hear about?": every command, template and
export asks here.

A round is *published* once it carries ``published: DATE``. Until then it is
*open* while some item it asks about has no update in it yet, and *answered*
once every such item has one. The items a round asks about are those still
outstanding when it opened (their status as of the rounds before it is not
complete or superseded), plus any item that has an update in it anyway.

A round counts as *done* (reported: its column belongs in the published
record, its deadline is met, it counts as a round since) once it is published,
or once its due date has passed with every item answered, or once a later
round has updates (the plan has moved on past it).

Pure functions of a Plan and ``today``: no I/O, no clock.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from plan_cli.basics.errors import RefusalError, UsageError
from plan_cli.basics.wording import slug
from plan_cli.plan.model import EvidenceItem, Plan, Round, Update
from plan_cli.questions.cadence import cut_month_names, ids_cut_month_names, open_round_hint


class RoundState(StrEnum):
    """Where an update round stands."""

    OPEN = "open"
    ANSWERED = "answered"
    PUBLISHED = "published"


def update_before(plan: Plan, item: EvidenceItem, round_id: str) -> Update | None:
    """Return the item's update in the latest round declared before ``round_id``, or None."""
    order = [r.id for r in plan.rounds]
    position = order.index(round_id)
    earlier = [u for u in item.updates if u.round in order and order.index(u.round) < position]
    return earlier[-1] if earlier else None


def _outstanding_before(plan: Plan, item: EvidenceItem, round_id: str) -> bool:
    before = update_before(plan, item, round_id)
    return before is None or not before.status.is_done


def round_title(plan: Plan, round_id: str) -> str:
    """Return the title of a round id; the id itself when the plan does not declare it."""
    try:
        return plan.round(round_id).title
    except KeyError:
        return round_id


def asked_items(plan: Plan, round_id: str) -> list[EvidenceItem]:
    """Return the items a round asks about, in plan order: outstanding when it opened, or answered in it.

    Raise KeyError for a round the plan does not declare.
    """
    plan.round(round_id)
    return [
        item
        for item in plan.items
        if item.update_for(round_id) is not None or _outstanding_before(plan, item, round_id)
    ]


def unanswered_items(plan: Plan, round_id: str) -> list[EvidenceItem]:
    """Return the items a round asks about that have no update in it yet, in plan order."""
    return [item for item in asked_items(plan, round_id) if item.update_for(round_id) is None]


def round_state(plan: Plan, round_id: str) -> RoundState:
    """Return whether the round is open, answered or published."""
    if plan.round(round_id).published is not None:
        return RoundState.PUBLISHED
    return RoundState.OPEN if unanswered_items(plan, round_id) else RoundState.ANSWERED


def is_open(plan: Plan, round_id: str) -> bool:
    """True while some item the round asks about has no update in it and it is not published."""
    return round_state(plan, round_id) is RoundState.OPEN


def rounds_with_updates(plan: Plan) -> set[str]:
    """Return the ids of the rounds at least one item has an update in, done or not."""
    return {update.round for item in plan.items for update in item.updates}


def reported_round_ids(plan: Plan, today: date) -> set[str]:
    """Return the ids of the rounds that count as done (see :func:`reported_rounds`)."""
    return {declared.id for declared in reported_rounds(plan, today)}


def reported_rounds(plan: Plan, today: date) -> list[Round]:
    """Return the rounds that count as done, in declared order: the plan's published columns.

    Done: published; or due before ``today`` with every item answered; or
    followed by a later round that has updates. In a plan that records no
    ``published:`` date at all (kept by hand), a round due before ``today``
    with updates in it counts as done too: it looks published (see
    :func:`looks_published`). Every command that asks "has this round been
    reported?" (deadlines, the report's timeline, rounds since a dependency
    was raised, the columns of the published plan) uses this.
    """
    with_updates = rounds_with_updates(plan)
    hand_kept = records_no_publication(plan)
    done: list[Round] = []
    later_has_updates = False
    for declared in reversed(plan.rounds):
        past_due = declared.due is not None and declared.due < today
        if (
            later_has_updates
            or declared.published is not None
            or (past_due and not unanswered_items(plan, declared.id))
            or (past_due and hand_kept and declared.id in with_updates)
        ):
            done.append(declared)
        later_has_updates = later_has_updates or declared.id in with_updates
    done.reverse()
    return done


def records_no_publication(plan: Plan) -> bool:
    """True when no round of the plan carries a ``published:`` date: a plan kept by hand."""
    return all(declared.published is None for declared in plan.rounds)


def looks_published(plan: Plan, today: date) -> list[Round]:
    """Return the rounds that count as done only because they look published, in declared order.

    In a plan kept by hand (no ``published:`` dates), a round past its due date
    with updates in it, but some items unanswered and no later round with
    updates, is taken as published; ``plan check`` and ``plan status`` say so
    and give the command that records it.
    """
    if not records_no_publication(plan):
        return []
    reported = reported_rounds(plan, today)
    if not reported:
        return []
    last = reported[-1]
    later = plan.rounds[plan.rounds.index(last) + 1 :]
    with_updates = rounds_with_updates(plan)
    if any(r.id in with_updates for r in later) or not unanswered_items(plan, last.id):
        return []
    return [last]


def latest_round(plan: Plan, today: date) -> Round | None:
    """Return the last round that counts as done, or None before the first."""
    done = reported_rounds(plan, today)
    return done[-1] if done else None


def latest_reporting_round(plan: Plan) -> Round | None:
    """Return the last declared round any item has an update in, done or still open, or None.

    The round whose answers a force sent last: an outstanding item with no
    update in it has not been answered (see :func:`lacks_latest_update`).
    """
    with_updates = rounds_with_updates(plan)
    return next((declared for declared in reversed(plan.rounds) if declared.id in with_updates), None)


def lacks_latest_update(item: EvidenceItem, latest: Round | None) -> bool:
    """True when ``item`` is outstanding and has no update in ``latest``, the plan's latest round.

    This is an item the force has not answered in its latest round; an item
    done in an earlier round needs no new answer. With no round reported at
    all, every outstanding item lacks one.
    """
    return item.is_outstanding and (latest is None or item.update_for(latest.id) is None)


def next_round(plan: Plan, today: date) -> Round | None:
    """Return the round being worked on: the first declared after the latest done one, or None.

    This is the round ``plan draft`` drafts, ``plan apply`` fills and ``plan
    status`` shows progress for; None when every declared round is done.
    """
    latest = latest_round(plan, today)
    rounds = list(plan.rounds)
    start = rounds.index(latest) + 1 if latest else 0
    return rounds[start] if start < len(rounds) else None


def previous_round(plan: Plan, round_id: str) -> Round | None:
    """Return the round declared just before ``round_id``, or None for the first."""
    ids = [r.id for r in plan.rounds]
    index = ids.index(round_id)
    return plan.rounds[index - 1] if index > 0 else None


def rounds_since(plan: Plan, round_id: str, today: date, reported: set[str] | None = None) -> int:
    """Return how many declared rounds after ``round_id`` count as done.

    ``reported`` is :func:`reported_round_ids`, when the caller already has it.
    """
    if reported is None:
        reported = reported_round_ids(plan, today)
    ids = [r.id for r in plan.rounds]
    return sum(1 for r in ids[ids.index(round_id) + 1 :] if r in reported)


def round_being_answered(plan: Plan, today: date) -> tuple[Round, list[EvidenceItem]]:
    """Return the round being worked on and the items it still lacks an update for.

    Raise RefusalError, saying how to open one, when no round is open.
    """
    current = next_round(plan, today)
    if current is None:
        raise RefusalError(f"no update round is open; open one with: {open_round_hint(plan)}")
    return current, unanswered_items(plan, current.id)


def draft_round(plan: Plan, wanted: str | None, today: date) -> Round:
    """Return the round a draft is for: the one named (id or title), else the round being worked on.

    Raise UsageError when the named round is not declared, and RefusalError when
    it is already published or no round is open, each saying what to do.
    """
    if wanted is not None:
        found = find_round(plan, wanted)
        if found is None:
            current = next_round(plan, today)
            then = (
                f"leave out --round to draft the open one, the {current.title}"
                if current is not None
                else f"open the next with: {open_round_hint(plan)}"
            )
            raise UsageError(f"{unknown_round(plan, wanted)}; {then}")
        if found.published is not None:
            raise RefusalError(
                f"the {found.title} was published on {found.published.isoformat()}; "
                "a draft is for a round not yet published"
            )
        return found
    current = next_round(plan, today)
    if current is None:
        raise RefusalError(
            "no update round is open: every declared round is done. Open the next one with: "
            + open_round_hint(plan)
        )
    return current


def unknown_round(plan: Plan, ref: str) -> str:
    """Return the message for a round ``ref`` the plan does not declare: the likely one meant, and all declared."""
    ids = [r.id for r in plan.rounds]
    wanted = ref.strip().casefold()
    close = [i for i in ids if wanted and i.startswith(wanted)] or difflib.get_close_matches(wanted, ids, n=1)
    meant = f"did you mean {close[0]}? " if len(close) == 1 else ""
    known = ", ".join(f"{r.id} ({r.title})" for r in plan.rounds)
    return f"no round '{ref}' is declared in the plan; {meant}declared rounds are: {known}"


def find_round(plan: Plan, text: str) -> Round | None:
    """Return the declared round whose id or title is ``text`` (any case), or None."""
    wanted = text.strip().casefold()
    return next((r for r in plan.rounds if wanted in {r.id.casefold(), r.title.casefold()}), None)


def default_round_id(plan: Plan, title: str) -> str:
    """Return the id a new round titled ``title`` gets unless ``--id`` names one.

    It is the slug of the title, less any trailing words the plan's own ids
    consistently leave out: where every declared round whose title ends in the
    same word is keyed without it (spring-2027 for "Spring 2027 Review"), so is the new
    one. With no such habit in the plan, the whole slug. Where the plan's ids cut month
    names to three letters (oct-2026 for "October 2026 Review"), so does the new one.
    """
    cut = cut_month_names if ids_cut_month_names(plan) else str
    new = cut(slug(title))
    declared = [(cut(slug(r.title)), r.id) for r in plan.rounds]
    dropped = {full[len(key) :] for full, key in declared if full.startswith(key + "-")}
    for suffix in sorted(dropped, key=len, reverse=True):
        if not new.endswith(suffix) or new == suffix[1:]:
            continue
        if all(key == full[: -len(suffix)] for full, key in declared if full.endswith(suffix)):
            return new[: -len(suffix)]
    return new or "round"


class OwnerProgress(NamedTuple):
    """How many of a body's items a round has answered."""

    owner: str
    answered: int
    asked: int
    unanswered: tuple[str, ...]


class RoundProgress(NamedTuple):
    """A round's state and how far its answers have come, overall and per owner."""

    round: Round
    state: RoundState
    answered: int
    asked: int
    owners: tuple[OwnerProgress, ...]


def item_owner_groups(plan: Plan, items: list[EvidenceItem]) -> list[tuple[str, list[EvidenceItem]]]:
    """Return ``items`` grouped by owning body, in the plan's order of bodies.

    A jointly owned item is in the group of each of its owners: the grouping
    ``plan draft`` and ``plan outstanding`` both show, and the one ``--owner`` matches.
    """
    order = [body.name for body in plan.bodies]
    for item in items:
        for owner in item.owners:
            if owner not in order:
                order.append(owner)
    groups = [(owner, [item for item in items if owner in item.owners]) for owner in order]
    return [(owner, owned) for owner, owned in groups if owned]


def round_progress(plan: Plan, round_id: str) -> RoundProgress:
    """Return the round's state and its answered and asked counts, overall and per owner."""
    asked = asked_items(plan, round_id)
    owners = tuple(
        OwnerProgress(
            owner,
            sum(1 for item in owned if item.update_for(round_id) is not None),
            len(owned),
            tuple(item.id for item in owned if item.update_for(round_id) is None),
        )
        for owner, owned in item_owner_groups(plan, asked)
    )
    return RoundProgress(
        plan.round(round_id),
        round_state(plan, round_id),
        sum(1 for item in asked if item.update_for(round_id) is not None),
        len(asked),
        owners,
    )


def progress_record(progress: RoundProgress, today: date) -> dict[str, Any]:
    """Return a round's progress as JSON-ready data: what ``plan status --json`` carries."""
    declared = progress.round
    return {
        "id": declared.id,
        "title": declared.title,
        "state": progress.state.value,
        "due": declared.due.isoformat() if declared.due else None,
        "days_left": (declared.due - today).days if declared.due else None,
        "published": declared.published.isoformat() if declared.published else None,
        "answered": progress.answered,
        "asked": progress.asked,
        "owners": [
            {
                "owner": entry.owner,
                "answered": entry.answered,
                "asked": entry.asked,
                "unanswered": list(entry.unanswered),
            }
            for entry in progress.owners
        ],
    }


_BRACKETED = re.compile(r"\(([^()]*)\)")


def title_round(plan: Plan) -> Round | None:
    """Return the declared round the plan's title names in brackets ("… (Spring 2027 Review)"), or None."""
    for match in _BRACKETED.finditer(plan.title):
        found = find_round(plan, match.group(1))
        if found is not None:
            return found
    return None
