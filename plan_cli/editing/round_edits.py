"""The update round's edits to the plan file: open, publish, set due, rename, cancel.

Each takes a :class:`~plan_cli.editing.plan_file.PlanEdit` (the plan locked,
read and checked once), applies the round rules, writes the change through
the one edit step and returns what the command reports. A rule that refuses
raises :class:`UsageError` (the command line asked wrongly) or
:class:`RefusalError` (the plan as it stands does not allow it); nothing is
written then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from plan_cli.basics.errors import RefusalError, UsageError
from plan_cli.basics.wording import plural, verb
from plan_cli.editing import plan_edits
from plan_cli.editing.plan_file import EditError, PlanEdit
from plan_cli.plan.model import Plan, Round
from plan_cli.plan.schema import SLUG
from plan_cli.questions.cadence import open_round_hint
from plan_cli.questions.rounds import (
    default_round_id,
    find_round,
    latest_round,
    next_round,
    round_progress,
    title_round,
    unanswered_items,
    unknown_round,
)


class RoundEdit(NamedTuple):
    """What an edit did: the plan as written, the round it concerned, and notes for the person."""

    plan: Plan
    round: Round
    notes: tuple[str, ...] = ()


def open_round(
    edit: PlanEdit, title: str | None, round_id: str | None, due: date | None, today: date
) -> RoundEdit:
    """Add a new round after the last one; refused while another is open, when it exists already, or untitled.

    An untitled round is refused with the title and due date the plan's own
    cadence suggests; while another round is open, with what to do about that one.
    """
    current = edit.plan
    title = (title or "").strip()
    if not title:
        _refuse_while_open(current, today)
        raise UsageError(
            f"the round needs a title; by this plan's cadence the next is: {open_round_hint(current)}"
        )
    new_id = round_id.strip() if round_id is not None else default_round_id(current, title)
    if not re.fullmatch(SLUG, new_id):
        raise UsageError(f"--id '{new_id}' is not a round id; use lower-case letters, digits and hyphens")
    existing = find_round(current, title) or find_round(current, new_id)
    if existing is not None:
        raise RefusalError(_exists_message(current, existing, title, new_id, today))
    _refuse_while_open(current, today)
    _check_due_after_latest(current, due, today, None)
    read = edit.read
    new_text = plan_edits.add_round(read.text, new_id, title, due, read.newline)
    after = edit.write(new_text, _expect_round(new_id, title=title, due=due))
    opened = find_round(after, new_id)
    assert opened is not None
    warning = unusual_title([r.title for r in current.rounds], title, new_id)
    return RoundEdit(after, opened, (warning,) if warning else ())


def _refuse_while_open(current: Plan, today: date) -> None:
    open_now = next_round(current, today)
    if open_now is None:
        return
    progress = round_progress(current, open_now.id)
    next_step = (
        f"publish it first: plan round publish {open_now.id}"
        if progress.answered
        else f"draft it with plan draft, or cancel it first: plan round cancel {open_now.id}"
    )
    raise RefusalError(
        f"the {open_now.title} is still {progress.state.value} ({progress.answered} of "
        f"{plural(progress.asked, 'item')} answered); {next_step}"
    )


def _exists_message(plan: Plan, existing: Round, title: str, new_id: str, today: date) -> str:
    if existing.title.casefold() != title.casefold():
        return f"the plan already has a round with the id {new_id} (the {existing.title}); choose another with --id"
    if existing.published is not None:
        return (
            f"the plan already declares the {existing.title} ({existing.id}), published on "
            f"{existing.published.isoformat()}; open the next round under another title"
        )
    open_now = next_round(plan, today)
    if open_now is not None and open_now.id == existing.id:
        return (
            f"the plan already declares the {existing.title} ({existing.id}) and it is open; "
            f"draft it with: plan draft --round {existing.id}"
        )
    return f"the plan already declares the {existing.title} ({existing.id})"


def publish_round(edit: PlanEdit, ref: str, when: date, today: date, force: bool) -> RoundEdit:
    """Mark a round published on ``when`` and name it in the plan's title in place of the round there.

    Refused for a date after ``today``, a round published already, and (without
    ``force``) a round with items still unanswered.
    """
    current = edit.plan
    declared = _declared(current, ref)
    if when > today:
        raise RefusalError(
            f"--date {when.isoformat()} is after today ({today.isoformat()}); "
            "publish a round on or after the day it goes out"
        )
    if declared.published is not None:
        raise RefusalError(f"the {declared.title} was already published on {declared.published.isoformat()}")
    missing = unanswered_items(current, declared.id)
    if missing and not force:
        ids = ", ".join(item.id for item in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise RefusalError(
            f"{plural(len(missing), 'item')} of the {declared.title} {verb(len(missing), 'has', 'have')} "
            f"no update yet ({ids}); collect {verb(len(missing), 'it', 'them')} (plan draft, plan apply) "
            "or publish anyway with --force"
        )
    named = title_round(current)
    swap = named is not None and named.id != declared.id
    old_name = named.title if swap and named else None
    new_name = declared.title if swap else None
    read = edit.read
    new_text = plan_edits.publish_round(read.text, declared.id, when, old_name, new_name, read.newline)
    meant_title = (
        current.title.replace(f"({old_name})", f"({new_name})", 1)
        if old_name is not None and new_name is not None
        else current.title
    )

    def verify(after: Plan) -> None:
        _expect_round(declared.id, published=when)(after)
        if after.title != meant_title:
            raise EditError(
                f"the plan's title would read {after.title!r}, not {meant_title!r}; nothing was written"
            )

    after = edit.write(new_text, verify)
    published = find_round(after, declared.id)
    assert published is not None
    notes: tuple[str, ...] = (
        () if swap else (("the title names no round in brackets; left as it is",) if named is None else ())
    )
    if missing:
        ids = ", ".join(item.id for item in missing[:10]) + (" …" if len(missing) > 10 else "")
        notes += (f"{plural(len(missing), 'item')} went out with no update in it ({ids})",)
    return RoundEdit(after, published, notes)


def set_due(edit: PlanEdit, ref: str, due: date, today: date) -> RoundEdit:
    """Set an unpublished round's due date; refused for a published round or a date not after the last round's."""
    current = edit.plan
    declared = _unpublished(current, ref, "set its due date")
    _check_due_after_latest(current, due, today, declared)
    read = edit.read
    new_text = plan_edits.set_round_field(read.text, declared.id, "due", due, read.newline)
    after = edit.write(new_text, _expect_round(declared.id, due=due))
    changed = find_round(after, declared.id)
    assert changed is not None
    return RoundEdit(after, changed)


def rename_round(edit: PlanEdit, ref: str, title: str, today: date) -> RoundEdit:
    """Give an open round a new title (its id stays, so replies already applied stay under it)."""
    current = edit.plan
    declared = _open(current, ref, today, "rename")
    title = title.strip()
    if not title:
        raise UsageError(f"the round needs a title: plan round rename {declared.id} 'NEW TITLE'")
    clash = find_round(current, title)
    if clash is not None and clash.id != declared.id:
        raise RefusalError(
            f"the plan already has a round titled {clash.title} ({clash.id}); choose another title"
        )
    read = edit.read
    new_text = plan_edits.set_round_field(read.text, declared.id, "title", title, read.newline)
    after = edit.write(new_text, _expect_round(declared.id, title=title))
    renamed = find_round(after, declared.id)
    assert renamed is not None
    warning = unusual_title([r.title for r in current.rounds if r.id != declared.id], title, declared.id)
    return RoundEdit(after, renamed, (warning,) if warning else ())


def cancel_round(edit: PlanEdit, ref: str, today: date, force: bool) -> RoundEdit:
    """Take an open round out of the plan; with replies in it only with ``force``, dropping them.

    The notes name each item whose reply was dropped.
    """
    current = edit.plan
    declared = _open(current, ref, today, "cancel")
    answered = [item.id for item in current.items if item.update_for(declared.id) is not None]
    if answered and not force:
        raise RefusalError(
            f"the {declared.title} already has {plural(len(answered), 'reply', 'replies')} "
            f"({', '.join(answered[:10])}{' …' if len(answered) > 10 else ''}); "
            "cancelling it would drop them: pass --force to cancel it anyway"
        )
    read = edit.read
    text = read.text
    for item_id in answered:
        text = plan_edits.remove_update(text, item_id, declared.id)
    text = plan_edits.remove_round(text, declared.id)

    def verify(after: Plan) -> None:
        if find_round(after, declared.id) is not None:
            raise EditError(f"the round {declared.id} would still be in the plan; nothing was written")

    after = edit.write(text, verify)
    notes = tuple(f"dropped the reply of item {item_id}" for item_id in answered)
    return RoundEdit(after, declared, notes)


def unusual_title(titles: list[str], title: str, round_id: str) -> str | None:
    """Return a warning when ``title`` (of round ``round_id``) is not shaped like the plan's other round ``titles``, else None.

    The shape is read from the plan's own titles: their last word ("Update")
    and whether they name a four-digit year, each where every other round that
    names a month or season agrees. A plan with no such habit gets no warning.
    """
    dated = [t for t in titles if re.search(r"\b(19|20)\d\d\b", t)]
    if len(dated) < 2:
        return None
    reasons = []
    endings = {t.split()[-1].casefold() for t in dated}
    if len(endings) == 1 and title.split()[-1].casefold() not in endings:
        ending = dated[-1].split()[-1]
        reasons.append(f"it does not end in '{ending}'")
    if not re.search(r"\b(19|20)\d\d\b", title):
        reasons.append("it names no year")
    months = {_first_word(t) for t in dated}
    if months and all(len(word) > 3 for word in months) and len(_first_word(title)) <= 3:
        reasons.append(f"'{title.split()[0]}' is shorter than the plan's '{dated[-1].split()[0]}'")
    if not reasons:
        return None
    return (
        f"the title '{title}' is not like the plan's other rounds (e.g. '{dated[-1]}'): {'; '.join(reasons)}. "
        f"If it is a typo, rename it: plan round rename {round_id} 'NEW TITLE'"
    )


def _first_word(title: str) -> str:
    return title.split()[0].strip(".,") if title.split() else ""


def _declared(plan: Plan, ref: str) -> Round:
    declared = find_round(plan, ref)
    if declared is None:
        raise UsageError(unknown_round(plan, ref))
    return declared


def _unpublished(plan: Plan, ref: str, doing: str) -> Round:
    declared = _declared(plan, ref)
    if declared.published is not None:
        raise RefusalError(
            f"the {declared.title} was published on {declared.published.isoformat()}; "
            f"a published round is part of the record: {doing} only on a round not yet published"
        )
    return declared


def _open(plan: Plan, ref: str, today: date, doing: str) -> Round:
    declared = _unpublished(plan, ref, doing)
    open_now = next_round(plan, today)
    if open_now is None or open_now.id != declared.id:
        raise RefusalError(
            f"the {declared.title} is not the open round"
            + (f" (the {open_now.title} is)" if open_now is not None else " (no round is open)")
            + f"; {doing} only the open round"
        )
    return declared


def _check_due_after_latest(plan: Plan, due: date | None, today: date, changing: Round | None) -> None:
    latest = latest_round(plan, today)
    if changing is not None and latest is not None and latest.id == changing.id:
        earlier = [r for r in plan.rounds if r.id != changing.id and r.due is not None]
        latest = earlier[-1] if earlier else None
    if due is not None and latest is not None and latest.due is not None and due <= latest.due:
        raise UsageError(
            f"--due {due.isoformat()} is not after the {latest.title}'s due date "
            f"({latest.due.isoformat()}); give the new round's own deadline"
        )


def _expect_round(
    round_id: str, *, title: str | None = None, due: date | None = None, published: date | None = None
) -> Callable[[Plan], None]:
    def verify(after: Plan) -> None:
        found = find_round(after, round_id)
        wrong = (
            found is None
            or (title is not None and found.title != title)
            or (due is not None and found.due != due)
            or (published is not None and found.published != published)
        )
        if wrong:
            raise EditError(
                f"the round {round_id} would not read back as written, so nothing was written; "
                "please report this with the plan file"
            )

    return verify
