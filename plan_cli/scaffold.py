"""A starting plan for another force: the template's recommendations and evidence requirements, no responses.

:func:`starting_plan_yaml` returns the YAML text ``plan init`` writes. It keeps
what every force is asked (recommendation numbers and text, deadlines, owners,
evidence requirements, the bodies and the update rounds) exactly as the current
plan has them, and leaves out what is one force's answer: leads, updates,
dependencies, milestones and measures. Comments say what to fill in.
"""

from __future__ import annotations

import json
import re

from .model import EvidenceItem, Plan, Recommendation
from .pyyaml import yaml

SCHEMA_COMMENT = "# yaml-language-server: $schema=../plan.schema.json"
PLACEHOLDER_FORCE = "Your Force Name"

_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")  # every character YAML reads as a line break
_ROUND_SUFFIX = re.compile(r"\s*\([^()]*\bupdate\)\s*$", re.IGNORECASE)


def starting_plan_yaml(plan: Plan, force_name: str | None = None) -> str:
    """Return a valid plan file for ``force_name`` with ``plan``'s recommendations and no responses.

    Exists so another force can start from the same NPCC template: every item
    has ``updates: {}`` (not started) until the force writes its first response.
    """
    force = force_name.strip() if force_name and force_name.strip() else PLACEHOLDER_FORCE
    title = _ROUND_SUFFIX.sub("", plan.title) or plan.title
    lines = [
        SCHEMA_COMMENT,
        "# A starting plan made by 'plan init' from the recommendations and evidence",
        f"# requirements of {_comment(plan.title)} ({_comment(plan.force)}).",
        "# The recommendations, deadlines, owners and evidence requirements are the",
        "# template's words: keep them as they are. What to fill in:",
        "#   - force, executive_lead and operational_lead, as your published plan names them;",
        "#   - under each evidence item's updates:, your response for each round, e.g.",
        "#         updates:",
        "#           initial:",
        "#             status: in-progress   # not-started, in-progress, blocked, complete, superseded",
        "#             text: What the force has done and what it will do next.",
        "#     (an item whose updates: is {} counts as not-started);",
        "#   - dependencies:, milestones: and measures: where your updates need them.",
        "# The format is described in docs/format.md. After each edit, run: plan check",
        "",
        f"title: {_scalar(title)}",
    ]
    if plan.responds_to:
        lines.append(f"responds_to: {_scalar(plan.responds_to)}")
    lines.append(
        f"force: {_scalar(force)}" + ("   # replace with your force's name" if not force_name else "")
    )
    lines += [
        "# executive_lead: the Executive Lead, as published (rank, number, name, portfolio)",
        "# operational_lead: the Operational Lead, as published",
        "",
        "# The bodies an owner can name; --owner matches these and their aliases.",
        "bodies:",
    ]
    for body in plan.bodies:
        lines.append(f"  - name: {_scalar(body.name)}")
        if body.aliases:
            lines.append(f"    aliases: {_flow_list(body.aliases)}")
    lines += [
        "",
        "# The update rounds (columns of the template), oldest first, with the due dates",
        f"# {_comment(plan.force)} gives; check the dates against what your force was asked for.",
        "rounds:",
    ]
    for declared in plan.rounds:
        lines.append(f"  - id: {declared.id}")
        lines.append(f"    title: {_scalar(declared.title)}")
        if declared.due:
            lines.append(f"    due: {declared.due.isoformat()}")
    lines += [
        "",
        "# Things only others can deliver, that items wait on (depends_on:); see docs/format.md.",
        "dependencies: []",
        "",
        "recommendations:",
    ]
    for rec in plan.recommendations:
        lines += _recommendation_lines(rec)
    return "\n".join(lines) + "\n"


def _recommendation_lines(rec: Recommendation) -> list[str]:
    lines = [
        f"  - number: {rec.number}",
        f"    text: {_scalar(rec.text)}",
    ]
    if rec.deadline:
        lines.append(f"    deadline: {rec.deadline.isoformat()}")
    lines += [
        f"    owner: {_scalar(rec.owner)}",
        f"    owners: {_flow_list(rec.owners)}",
        "    items:",
    ]
    for item in rec.items:
        lines += _item_lines(item)
    return lines


def _item_lines(item: EvidenceItem) -> list[str]:
    note = "" if item.evidence else "   # no evidence requirement in the published plan"
    lines = [f"      - id: {json.dumps(item.id)}{note}"]
    if item.evidence:
        lines.append(f"        evidence: {_scalar(item.evidence)}")
    if item.owner_overridden:
        lines.append(f"        owner: {_scalar(item.owner)}")
        lines.append(f"        owners: {_flow_list(item.owners)}")
    lines.append("        updates: {}")
    return lines


def _scalar(text: str) -> str:
    """``text`` as one YAML scalar on one line, quoted only where YAML needs it.

    Text with a line break is double-quoted (with escapes) so it stays on one line.
    """
    return _dump_one_line(text)


def _flow_list(texts: tuple[str, ...]) -> str:
    """A YAML flow list ``[a, b]`` on one line, each text quoted only where YAML needs it."""
    return _dump_one_line(list(texts))


def _dump_one_line(value: str | list[str]) -> str:
    texts = [value] if isinstance(value, str) else value
    style = '"' if any(_LINE_BREAK.search(text) for text in texts) else None
    dumped: str = yaml.safe_dump(
        value, allow_unicode=True, width=10**9, default_style=style, default_flow_style=True
    )
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _comment(text: str) -> str:
    """Text safe inside a one-line comment."""
    return " ".join(text.split())
