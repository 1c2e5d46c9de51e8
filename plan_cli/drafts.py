"""What a draft of an update round holds: the items still to answer, by owner, each with its reply form.

``plan draft`` renders this with templates/draft.md.j2 (or a user's template):
the template context of the whole plan plus a ``draft`` entry (docs/templates.md).
Pure functions of a Plan and ``today``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import rounds
from .analysis import match_owner
from .errors import UsageError
from .model import EvidenceItem, Plan, Round, Update
from .replies import identity_line, plan_key


def draft_round(plan: Plan, wanted: str | None, today: date) -> Round:
    """Return the round a draft is for: the one named (id or title), else the round being worked on.

    Raise UsageError, saying what to do, when the named round is not declared or
    already published, or when no round is open.
    """
    if wanted is not None:
        found = rounds.find_round(plan, wanted)
        if found is None:
            known = ", ".join(f"{r.id} ({r.title})" for r in plan.rounds)
            raise UsageError(
                f"no round '{wanted}' is declared in the plan; declared rounds are: {known}. "
                f"Open a new one with: plan round open {_quoted(wanted)} --due YYYY-MM-DD"
            )
        if found.published is not None:
            raise UsageError(
                f"the {found.title} was published on {found.published.isoformat()}; "
                "a draft is for a round not yet published"
            )
        return found
    current = rounds.next_round(plan, today)
    if current is None:
        raise UsageError(
            "no update round is open: every declared round is done. Open the next one with: "
            + open_round_hint(plan)
        )
    return current


def open_round_hint(plan: Plan) -> str:
    """Return an example ``plan round open`` command for the plan's next round, from its latest one."""
    import re

    latest = plan.rounds[-1] if plan.rounds else None
    if latest is None:
        return "plan round open 'TITLE' --due YYYY-MM-DD"

    def later(match: re.Match[str]) -> str:
        return str(int(match.group()) + 1)

    title = re.sub(r"\b(19|20)\d\d\b", later, latest.title)
    if title == latest.title:
        title = "TITLE"
    due = (
        latest.due.replace(year=latest.due.year + 1).isoformat()
        if latest.due and not (latest.due.month == 2 and latest.due.day == 29)
        else "YYYY-MM-DD"
    )
    return f"plan round open {_quoted(title)} --due {due}"


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def draft_items(
    plan: Plan, round_id: str, owner: str | None = None, include_answered: bool = False
) -> list[EvidenceItem]:
    """Return the items a draft of ``round_id`` lists, in plan order.

    The items the round asks about that have no update in it yet (with
    ``include_answered``, the answered ones too), of the bodies ``owner`` names
    (matched as ``plan outstanding --owner`` does; a jointly owned item is in
    each joint owner's draft).
    """
    asked = rounds.asked_items(plan, round_id)
    if not include_answered:
        asked = [item for item in asked if item.update_for(round_id) is None]
    if owner is not None:
        bodies = match_owner(plan, owner)
        asked = [item for item in asked if bodies.intersection(item.owners)]
    return asked


def _update_record(plan: Plan, update: Update) -> dict[str, Any]:
    return {
        "round": update.round,
        "round_title": rounds.round_title(plan, update.round),
        "status": update.status.value,
        "paragraphs": list(update.paragraphs),
        "parts": [{"label": part.label, "text": part.text} for part in update.parts],
        "text": update.full_text,
    }


def draft_context(
    context: dict[str, Any],
    plan: Plan,
    today: date,
    declared: Round,
    owner: str | None = None,
    include_answered: bool = False,
) -> dict[str, Any]:
    """Return the template ``context`` with the ``draft`` entry for a draft of ``declared``.

    ``draft.entries`` are the template's item records, each with ``before`` (the
    update it last had before this round, or None) and ``reply`` (its update in
    this round, or None: what the form is filled with). ``draft.groups`` lists
    them by owner as ``plan outstanding`` groups them.
    """
    items = draft_items(plan, declared.id, owner, include_answered)
    records = {record["id"]: record for record in context["items"]}
    listed = []
    for item in items:
        before = rounds.update_before(plan, item, declared.id)
        reply = item.update_for(declared.id)
        listed.append(
            {
                **records[item.id],
                "before": _update_record(plan, before) if before else None,
                "reply": _update_record(plan, reply) if reply else None,
            }
        )
    progress = rounds.round_progress(plan, declared.id)
    bodies = sorted(match_owner(plan, owner)) if owner is not None else None
    asked_ids = {item.id for item in rounds.asked_items(plan, declared.id)}
    not_asked = [
        records[item.id]
        for item in plan.items
        if item.id not in asked_ids and (bodies is None or set(bodies).intersection(item.owners))
    ]
    return {
        **context,
        "draft": {
            "round": {
                "id": declared.id,
                "title": declared.title,
                "due": declared.due,
                "due_text": _days_text(declared.due, today),
                "state": progress.state.value,
            },
            "identity": identity_line(plan_key(plan), declared.id),
            "owners": bodies,
            "all": include_answered,
            "entries": listed,
            "groups": [
                {"owner": name, "ids": [item.id for item in owned]}
                for name, owned in rounds.item_owner_groups(plan, items)
                if bodies is None or name in bodies
            ],
            "answered": progress.answered,
            "asked": progress.asked,
            "not_asked": not_asked,
        },
    }


def _days_text(when: date | None, today: date) -> str | None:
    if when is None:
        return None
    from .analysis import describe_days

    return describe_days(when, today)
