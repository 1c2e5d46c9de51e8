"""Shell-completion candidates computed from a plan: ids, numbers, owners, dependencies, rounds.

Pure functions of a Plan and the text typed so far; each returns
``(value, help)`` pairs in plan order (shells that show help, like zsh and
fish, print the second part beside the value). The CLI wires them to Typer.
"""

from __future__ import annotations

from .analysis import owner_names
from .model import Plan
from .wording import first_sentence

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
    """Owner names --owner accepts (bodies, aliases, owner texts) starting with ``incomplete``, any case."""
    wanted = incomplete.casefold()
    aliases = {alias: body.name for body in plan.bodies for alias in body.aliases}
    found = []
    for name in owner_names(plan):
        if name.casefold().startswith(wanted):
            found.append((name, f"alias of {aliases[name]}" if name in aliases else "owner"))
    return found


def dependency_ids(plan: Plan, incomplete: str) -> list[Candidate]:
    """Dependency ids starting with ``incomplete``, each with its title."""
    return [
        (dep.id, first_sentence(dep.title, HELP_WIDTH))
        for dep in plan.dependencies
        if dep.id.startswith(incomplete)
    ]


def round_titles(plan: Plan, incomplete: str) -> list[Candidate]:
    """Round titles (e.g. "March 2026 Update") starting with ``incomplete``, any case, with their ids."""
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
