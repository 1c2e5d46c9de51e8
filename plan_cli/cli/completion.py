"""Shell-completion candidates computed from a plan: ids, numbers, owners, dependencies, rounds.

Pure functions of a Plan and the text typed so far; each returns
``(value, help)`` pairs in plan order (shells that show help, like zsh and
fish, print the second part beside the value). The CLI wires them to Typer.
"""

from __future__ import annotations

from plan_cli.basics.errors import UsageError
from plan_cli.basics.wording import first_sentence
from plan_cli.plan.model import Plan
from plan_cli.questions.owners import owner_names, resolve_owner

Candidate = tuple[str, str]

HELP_WIDTH = 60


def item_ids(plan: Plan, incomplete: str) -> list[Candidate]:
    """Item ids starting with ``incomplete`` ("14." gives 14.1, 14.2 …), each with its evidence."""
    return [
        (item.id, first_sentence(item.evidence, HELP_WIDTH) or f"recommendation {item.recommendation}")
        for item in plan.items
        if item.id.startswith(incomplete)
    ]


def recommendation_numbers(plan: Plan, incomplete: str) -> list[Candidate]:
    """Recommendation numbers starting with ``incomplete``, each with the start of its text."""
    return [
        (str(rec.number), first_sentence(rec.text, HELP_WIDTH))
        for rec in plan.recommendations
        if str(rec.number).startswith(incomplete)
    ]


def items_and_recommendations(plan: Plan, incomplete: str) -> list[Candidate]:
    """What ``plan show`` accepts: recommendation numbers, then item ids, starting with ``incomplete``."""
    return recommendation_numbers(plan, incomplete) + item_ids(plan, incomplete)


def owners(plan: Plan, incomplete: str) -> list[Candidate]:
    """Owner names --owner accepts (bodies, aliases, owner texts) starting with ``incomplete``, any case.

    Each alias says which body it stands for. When no name starts so, the
    bodies the owner matcher reads it as (``OPCC``, ``chief constable``).
    """
    wanted = incomplete.casefold()
    found = [(name, what) for name, what in owner_names(plan) if name.casefold().startswith(wanted)]
    if found or not incomplete.strip():
        return found
    try:  # nothing starts so: what --owner would read it as ("OPCC" offers the body it means)
        match = resolve_owner(plan, incomplete)
    except UsageError:
        return []
    return [(body.name, f"what '{incomplete}' means") for body in plan.bodies if body.name in match.bodies]


def dependency_ids(plan: Plan, incomplete: str) -> list[Candidate]:
    """Dependency ids starting with ``incomplete``, each with its title."""
    return [
        (dep.id, first_sentence(dep.title, HELP_WIDTH))
        for dep in plan.dependencies
        if dep.id.startswith(incomplete)
    ]


def round_titles(plan: Plan, incomplete: str) -> list[Candidate]:
    """Round titles starting with ``incomplete``, any case, with their ids."""
    wanted = incomplete.casefold()
    return [
        (declared.title, f"round {declared.id}")
        for declared in plan.rounds
        if declared.title.casefold().startswith(wanted)
    ]


def unpublished_round_ids(plan: Plan, incomplete: str) -> list[Candidate]:
    """Ids of the rounds not yet published (what ``plan round publish`` takes), with their titles."""
    return [
        (declared.id, declared.title)
        for declared in plan.rounds
        if declared.published is None and declared.id.startswith(incomplete)
    ]
