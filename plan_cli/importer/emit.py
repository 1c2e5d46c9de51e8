"""The imported plan as a plan file: YAML written line by line, with the ``# source:`` comments.

Laid out as a hand-kept plan is: top-level fields, bodies, rounds, then each
recommendation with its items and their updates in round order. A status the
source states is written with a comment quoting it; every other update says
``status: unstated``, which ``plan check`` reports until someone judges one.
"""

from __future__ import annotations

from datetime import date

from plan_cli.editing.yaml_writer import comment, flow_list, recommendation_lines, scalar
from plan_cli.importer.records import (
    UNSTATED,
    ImportedItem,
    ImportedPlan,
    ImportedRecommendation,
    ImportedUpdate,
)
from plan_cli.plan.catalogue import BodyMatcher
from plan_cli.plan.model import Body


def plan_yaml(
    plan: ImportedPlan,
    *,
    force: str,
    title: str,
    described: str,
    bodies: tuple[Body, ...],
    schema: str | None = None,
    today: date | None = None,
) -> str:
    """Return the plan file text for ``plan``; ``described`` says where it came from (for the header)."""
    matcher = _with_unnamed_owners(plan, bodies)
    bodies = tuple(matcher.bodies)
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [
        f"# Imported by 'plan import' from {comment(described)}.",
        "# Text is the published record, word for word: tags dropped, entities decoded, bold round and part",
        '# labels (and the " - " after them) turned into structure. Comments starting "source:" say what the',
        "# published source showed where it is broken.",
    ]
    if plan.unstated:
        lines += [
            f"# {plan.unstated} updates say 'status: unstated': the source states no status for them. Judge each",
            "# from its text (not-started, in-progress, blocked, complete or superseded), quote the words that",
            "# justify it in a comment, and run plan check: it lists every item still unstated.",
        ]
    lines += [f"# source: {comment(note)}" for note in plan.notes]
    if plan.title is None:
        lines.append("# source: no title; write the plan's published title here")
    lines.append(f"title: {scalar(title)}")
    if plan.responds_to:
        lines.append(f"responds_to: {scalar(plan.responds_to)}")
    written = plan.fields.get("force")
    note = f"  # source: names the force {scalar(written)}" if written and written != force else ""
    lines.append(f"force: {scalar(force)}{note}")
    for key in ("executive_lead", "operational_lead"):
        if key in plan.fields:
            lines.append(f"{key}: {scalar(plan.fields[key])}")
    lines += ["", "bodies:"]
    for body in bodies:
        lines.append(f"  - name: {scalar(body.name)}")
        if body.aliases:
            lines.append(f"    aliases: {flow_list(body.aliases)}")
    reported = {round_id for item in plan.items for round_id in item.updates}
    lines += ["", "rounds:"]
    for declared in plan.rounds:
        lines += [f"  # source: {comment(n)}" for n in declared.notes]
        lines += [f"  - id: {declared.id}", f"    title: {scalar(declared.title)}"]
        if today is not None and declared.id in reported:
            lines.append(f"    published: {today.isoformat()}  # by this day, when it was imported")
    lines += ["", "recommendations:"]
    order = [r.id for r in plan.rounds]
    for rec in plan.recommendations:
        lines += _recommendation(rec, matcher, order)
    return "\n".join(lines) + "\n"


def _with_unnamed_owners(plan: ImportedPlan, bodies: tuple[Body, ...]) -> BodyMatcher:
    """The bodies, plus each owner text that names none of them, as a body of its own."""
    matcher = BodyMatcher(bodies)
    seen: set[str] = set()
    for rec in plan.recommendations:
        for owner in (rec.owner, *(item.owner for item in rec.items)):
            if owner and owner not in seen and not matcher.named(owner):
                matcher.add(Body(owner))
            seen.add(owner)
    return matcher


def _recommendation(rec: ImportedRecommendation, bodies: BodyMatcher, order: list[str]) -> list[str]:
    lines = [""]
    lines += [f"  # source: {comment(n)}" for n in rec.notes]
    note = f"  # source: {comment(rec.deadline_note)}" if rec.deadline_note else ""
    owners = bodies.named(rec.owner)
    lines += recommendation_lines(rec.number, rec.text, rec.deadline, rec.owner, owners, note)
    for item in rec.items:
        lines += _item(item, rec, bodies, order)
    return lines


def _item(
    item: ImportedItem, rec: ImportedRecommendation, bodies: BodyMatcher, order: list[str]
) -> list[str]:
    lines = [f"      # source: {comment(n)}" for n in item.notes]
    lines.append(f'      - id: "{item.id}"')
    lines += [f"        # source: {comment(n)}" for n in item.evidence_notes]
    if item.evidence is not None:
        lines.append(f"        evidence: {scalar(item.evidence)}")
    if item.owner and item.owner != rec.owner:
        lines.append(f"        owner: {scalar(item.owner)}")
        lines.append(f"        owners: {flow_list(bodies.named(item.owner))}")
    if not item.updates:
        return [*lines, "        updates: {}"]
    lines.append("        updates:")
    for round_id in order:
        update = item.updates.get(round_id)
        if update is not None:
            lines += _update(update)
    return lines


def _update(update: ImportedUpdate) -> list[str]:
    lines = [f"          # source: {comment(n)}" for n in update.notes]
    lines.append(f"          {update.round}:")
    if update.status == UNSTATED:
        stated = f'  # stated as "{comment(update.stated)}"' if update.stated else ""
        lines.append(f"            status: {UNSTATED}{stated}")
    else:
        lines.append(
            f'            status: {update.status}  # stated in the source: "{comment(update.stated or "")}"'
        )
    if update.parts:
        lines.append("            parts:")
        for label, text in update.parts:
            lines += [f"              - label: {scalar(label)}", f"                text: {scalar(text)}"]
    else:
        lines.append(f"            text: {scalar(update.text or '')}")
    if update.supporting:
        lines.append("            supporting:")
        for text, url in update.supporting:
            lines.append(f"              - text: {scalar(text)}")
            if url:
                lines.append(f"                url: {scalar(url)}")
    return lines
