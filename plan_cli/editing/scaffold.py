"""A starting plan for a force: the template's recommendations and evidence requirements, no responses.

:func:`catalogue_plan_yaml` returns the YAML text ``plan init`` writes from
the shipped catalogue of recommendations (:mod:`plan_cli.plan.catalogue`);
:func:`starting_plan_yaml` the text ``plan init --from PLAN`` writes from
another force's plan. Both keep what every force is asked (recommendation
numbers and text, deadlines, owners, evidence requirements, the bodies) word
for word, and leave out what is one force's answer: leads, updates,
dependencies, milestones and measures. Comments say what to fill in, with
the plan's own first round as the example.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from plan_cli.editing.yaml_writer import comment as _comment
from plan_cli.editing.yaml_writer import flow_list as _flow_list
from plan_cli.editing.yaml_writer import item_lines, recommendation_lines
from plan_cli.editing.yaml_writer import scalar as _scalar
from plan_cli.plan.catalogue import Catalogue, CatalogueRecommendation
from plan_cli.plan.model import Body, Plan, Recommendation

SCHEMA_FILE = "plan.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../plan.schema.json"
PLACEHOLDER_FORCE = "Your Force Name"

_ROUND_SUFFIX = re.compile(r"\s*\([^()]*\bupdate\)\s*$", re.IGNORECASE)


def starting_plan_yaml(
    plan: Plan, force_name: str | None = None, schema: str | None = "../plan.schema.json"
) -> str:
    """Return a valid plan file for ``force_name`` with ``plan``'s recommendations and no responses.

    Exists so another force can start from a plan it trusts (``plan init
    --from``): every item has ``updates: {}`` (not started) until the force
    writes its first response. ``schema`` is the ``$schema`` path, if any.
    """
    title = _ROUND_SUFFIX.sub("", plan.title) or plan.title
    first = plan.rounds[0].id if plan.rounds else "initial"
    lines = _header(
        schema,
        f"{_comment(plan.title)} ({_comment(plan.force)})",
        first,
        title,
        plan.responds_to,
        force_name,
    )
    lines += _bodies(plan.bodies)
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
    lines += _dependencies()
    for rec in plan.recommendations:
        lines += _recommendation_lines(rec)
    return "\n".join(lines) + "\n"


def catalogue_plan_yaml(
    catalogue: Catalogue, force_name: str | None = None, schema: str | None = None
) -> str:
    """Return a valid plan file for ``force_name`` with every recommendation of the catalogue, no responses.

    The first round is declared; later rounds are added by the plan team as
    they are set. ``schema`` is the ``$schema`` path, if any.
    """
    first = catalogue.first_round
    lines = _header(
        schema,
        "the NPCC action plan template (the catalogue shipped with plan)",
        first.id,
        catalogue.title,
        catalogue.responds_to,
        force_name,
    )
    lines += _bodies(catalogue.bodies)
    lines += [
        "",
        "# The update rounds (columns of the template), oldest first. Add each later round",
        "# (id, title, due) when it is set, e.g. '- id: q3-2027' with 'title: Q3 2027 progress review'.",
        "rounds:",
        f"  - id: {first.id}",
        f"    title: {_scalar(first.title)}",
    ]
    if first.due:
        lines.append(f"    due: {first.due.isoformat()}")
    lines += _dependencies()
    for rec in catalogue.recommendations:
        lines += _catalogue_recommendation_lines(rec)
    return "\n".join(lines) + "\n"


def schema_reference(target: Path) -> str | None:
    """The path from ``target``'s folder to the nearest plan.schema.json at or above it; None if none.

    Looked for from the folder the plan will be in (or, while that does not
    exist yet, its nearest existing parent) upward, so that the ``$schema``
    line is right wherever the plan is written.
    """
    folder = target.absolute().parent
    start = folder
    while not start.exists() and start != start.parent:
        start = start.parent
    for candidate in (start, *start.parents):
        schema = candidate / SCHEMA_FILE
        if schema.is_file():
            return Path(os.path.relpath(schema, folder)).as_posix()
    return None


def _header(
    schema: str | None,
    made_from: str,
    first_round: str,
    title: str,
    responds_to: str | None,
    force_name: str | None,
) -> list[str]:
    force = force_name.strip() if force_name and force_name.strip() else PLACEHOLDER_FORCE
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [
        "# A starting plan made by 'plan init' from the recommendations and evidence",
        f"# requirements of {made_from}.",
        "# The recommendations, deadlines, owners and evidence requirements are the",
        "# template's words: keep them as they are. What to fill in:",
        "#   - force, executive_lead and operational_lead, as your published plan names them;",
        "#   - under each evidence item's updates:, your response for each round, e.g.",
        "#         updates:",
        f"#           {first_round}:",
        "#             status: in-progress   # not-started, in-progress, blocked, complete, superseded",
        "#             text: What the force has done and what it will do next.",
        "#     (an item whose updates: is {} counts as not-started);",
        "#   - dependencies:, milestones: and measures: where your updates need them.",
        "# The format: plan help format. After each edit, run: plan check",
        "",
        f"title: {_scalar(title)}",
    ]
    if responds_to:
        lines.append(f"responds_to: {_scalar(responds_to)}")
    lines.append(
        f"force: {_scalar(force)}" + ("   # replace with your force's name" if not force_name else "")
    )
    lines += [
        "# executive_lead: the Executive Lead, as published (rank, number, name, portfolio)",
        "# operational_lead: the Operational Lead, as published",
    ]
    return lines


def _bodies(bodies: tuple[Body, ...]) -> list[str]:
    lines = ["", "# The bodies an owner can name; --owner matches these and their aliases.", "bodies:"]
    for body in bodies:
        lines.append(f"  - name: {_scalar(body.name)}")
        if body.aliases:
            lines.append(f"    aliases: {_flow_list(body.aliases)}")
    return lines


def _dependencies() -> list[str]:
    return [
        "",
        "# Things only others can deliver, that items wait on (depends_on:); see: plan help format.",
        "dependencies: []",
        "",
        "recommendations:",
    ]


def _catalogue_recommendation_lines(rec: CatalogueRecommendation) -> list[str]:
    lines = recommendation_lines(rec.number, rec.text, rec.deadline, rec.addressees, rec.owners)
    for item in rec.items:
        lines += item_lines(item.id, item.evidence, "   # no evidence requirement in the template text")
        lines.append("        updates: {}")
    return lines


def _recommendation_lines(rec: Recommendation) -> list[str]:
    lines = recommendation_lines(rec.number, rec.text, rec.deadline, rec.owner, rec.owners)
    for item in rec.items:
        lines += item_lines(
            item.id,
            item.evidence,
            "   # no evidence requirement in the published plan",
            item.owner if item.owner_overridden else None,
            item.owners,
        )
        lines.append("        updates: {}")
    return lines
