"""What a draft of an update round holds: the items still to answer, by owner, each with its reply form.

``plan draft`` renders this with templates/draft.md.j2 (or a user's template):
the template context of the whole plan plus a ``draft`` entry (docs/templates.md).
Pure functions of a Plan and ``today``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plan_cli.basics.wording import describe_days
from plan_cli.editing.replies import escape_markers, identity_line, plan_key
from plan_cli.plan.model import EvidenceItem, Plan, Round, Update
from plan_cli.questions import rounds
from plan_cli.questions.owners import resolve_owner


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
        bodies = set(resolve_owner(plan, owner).bodies)
        asked = [item for item in asked if bodies.intersection(item.owners)]
    return asked


def _update_record(plan: Plan, update: Update) -> dict[str, Any]:
    """An update as a draft shows it: its text with marker-like lines escaped, so it can never be a reply."""
    return {
        "round": update.round,
        "round_title": rounds.round_title(plan, update.round),
        "status": update.status.value,
        "paragraphs": [escape_markers(paragraph) for paragraph in update.paragraphs],
        "parts": [{"label": part.label, "text": escape_markers(part.text)} for part in update.parts],
        "text": escape_markers(update.full_text),
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
    bodies = sorted(resolve_owner(plan, owner).bodies) if owner is not None else None
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
                "due_text": describe_days(declared.due, today) if declared.due else None,
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
