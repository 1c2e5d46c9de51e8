"""Warnings about a valid plan: things a reviewer should look at before publishing.

Each warning is a :class:`~plan_cli.errors.Finding` with severity
``warning`` and the field path of the text or value it is about, so the CLI
can print it at ``file:line:col``. The rules:

* a cited item or recommendation that is not in the plan (see
  :mod:`plan_cli.references`; a recommendation the text says is another
  body's is not warned about), at the update text that cites it;
* a complete or superseded item that depends on an open dependency;
* a blocked item that names no open dependency;
* a dependency that no item names;
* an outstanding item with no text in the latest round.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .errors import FieldParts, Finding, InvalidPlanError, Problem
from .loader import LoadedPlan, load_plan
from .model import EvidenceItem, Plan, Status, Update
from .references import find_citations
from .rounds import lacks_latest_update, latest_round, title_round

WARNING = "warning"


class CheckResult(NamedTuple):
    """What checking one file found: the plan if it loaded, its errors and its warnings."""

    path: Path
    loaded: LoadedPlan | None
    errors: list[Problem]
    warnings: list[Problem]

    def record(self) -> dict[str, Any]:
        """Return the result as JSON-ready data: what ``plan check --json`` prints per file."""
        return {
            "file": str(self.path),
            "valid": not self.errors,
            "recommendations": len(self.loaded.plan.recommendations) if self.loaded else None,
            "items": len(self.loaded.plan.items) if self.loaded else None,
            "problems": [
                {
                    "file": p.path,
                    "line": p.line,
                    "column": p.column,
                    "field": p.field,
                    "severity": p.severity,
                    "message": p.message,
                }
                for p in sorted([*self.errors, *self.warnings], key=lambda p: (p.line or 0, p.column or 0))
            ],
        }


def check_file(path: Path, today: date) -> CheckResult:
    """Return what loading one plan file and applying every warning rule to it found."""
    try:
        loaded = load_plan(path)
    except InvalidPlanError as error:
        return CheckResult(path, None, [p for p in error.problems if p.severity == "error"], [])
    found: list[Problem] = [loaded.source.problem(f) for f in warnings(loaded.plan, today)]
    return CheckResult(path, loaded, [], found)


def warnings(plan: Plan, today: date) -> list[Finding]:
    """Return every warning about ``plan``, rule by rule, each in plan order."""
    return [
        *dangling_references(plan),
        *done_items_on_open_dependencies(plan),
        *blocked_items_without_dependency(plan),
        *unused_dependencies(plan),
        *outstanding_items_without_latest_text(plan, today),
        *title_names_another_round(plan, today),
    ]


def _items_with_paths(plan: Plan) -> list[tuple[EvidenceItem, FieldParts]]:
    return [
        (item, ("recommendations", r_index, "items", i_index))
        for r_index, rec in enumerate(plan.recommendations)
        for i_index, item in enumerate(rec.items)
    ]


def _texts(update: Update, parts: FieldParts) -> list[tuple[str, FieldParts]]:
    """The texts of an update with the field path of each."""
    base: FieldParts = (*parts, "updates", update.round)
    if update.parts:
        return [(part.text, (*base, "parts", index, "text")) for index, part in enumerate(update.parts)]
    return [(update.text or "", (*base, "text"))]


def dangling_references(plan: Plan) -> list[Finding]:
    """Warn at each update text that cites an item or recommendation the plan does not contain."""
    found = []
    for item, parts in _items_with_paths(plan):
        for update in item.updates:
            round_title = plan.round(update.round).title
            for text, path in _texts(update, parts):
                seen: set[str] = set()
                for citation in find_citations(text):
                    if citation.ref in seen:
                        continue
                    seen.add(citation.ref)
                    if citation.item is not None:
                        missing = plan.item(citation.item) is None
                    else:
                        missing = (
                            plan.recommendation(citation.recommendation) is None and not citation.external
                        )
                    if not missing:
                        continue
                    written = f" (in '{citation.written}')" if citation.written != citation.ref else ""
                    found.append(
                        Finding(
                            path,
                            f"item {item.id}'s {round_title} cites {citation.ref}{written}, "
                            f"which is not in the plan; check the reference against the published text",
                            severity=WARNING,
                        )
                    )
    return found


def done_items_on_open_dependencies(plan: Plan) -> list[Finding]:
    """Warn at depends_on entries of complete or superseded items that name an open dependency."""
    found = []
    for item, parts in _items_with_paths(plan):
        if item.is_outstanding:
            continue
        for index, dep_id in enumerate(item.depends_on):
            dep = plan.dependency(dep_id)
            if dep is not None and dep.is_open:
                found.append(
                    Finding(
                        (*parts, "depends_on", index),
                        f"item {item.id} is {item.status.value} but depends on open dependency '{dep_id}'; "
                        "mark the dependency resolved, or remove it from depends_on",
                        severity=WARNING,
                    )
                )
    return found


def blocked_items_without_dependency(plan: Plan) -> list[Finding]:
    """Warn at the latest status of each blocked item that names no open dependency."""
    found = []
    open_ids = [dep.id for dep in plan.dependencies if dep.is_open]
    for item, parts in _items_with_paths(plan):
        latest = item.latest_update
        if latest is None or item.status is not Status.BLOCKED:
            continue
        if any(dep_id in open_ids for dep_id in item.depends_on):
            continue
        found.append(
            Finding(
                (*parts, "updates", latest.round, "status"),
                f"item {item.id} is blocked but waits on no open dependency; add depends_on: naming what it "
                f"waits on (open dependencies: {', '.join(open_ids) or 'none; declare one under dependencies:'})",
                severity=WARNING,
            )
        )
    return found


def unused_dependencies(plan: Plan) -> list[Finding]:
    """Warn at each dependency that no item names in depends_on."""
    named = {dep_id for item in plan.items for dep_id in item.depends_on}
    return [
        Finding(
            ("dependencies", index, "id"),
            f"dependency '{dep.id}' is named by no item; add it to depends_on of the items that wait on it",
            severity=WARNING,
        )
        for index, dep in enumerate(plan.dependencies)
        if dep.id not in named
    ]


def outstanding_items_without_latest_text(plan: Plan, today: date) -> list[Finding]:
    """Warn at each outstanding item with no update text in the plan's latest round."""
    latest = latest_round(plan, today)
    if latest is None:
        return []
    found = []
    for item, parts in _items_with_paths(plan):
        if not item.is_outstanding:
            continue
        update = item.update_for(latest.id)
        if lacks_latest_update(item, latest):
            found.append(
                Finding(
                    (*parts, "updates"),
                    f"item {item.id} is outstanding but has no {latest.title}; "
                    f"add one under updates: as {latest.id}:",
                    at_key=True,
                    severity=WARNING,
                )
            )
        elif update is not None and not update.full_text.strip():
            found.append(
                Finding(
                    (*parts, "updates", latest.id),
                    f"item {item.id} is outstanding but its {latest.title} has no text; "
                    "write what was reported",
                    at_key=True,
                    severity=WARNING,
                )
            )
    return found


def title_names_another_round(plan: Plan, today: date) -> list[Finding]:
    """Warn at the title when it names in brackets a round other than the latest published one.

    After ``plan round publish`` the title names the round just published; a
    title still naming an older (or a not yet published) round misleads readers
    about which update they are reading.
    """
    named = title_round(plan)
    latest = latest_round(plan, today)
    if named is None or latest is None or named.id == latest.id:
        return []
    return [
        Finding(
            ("title",),
            f"the title names the {named.title}, but the latest published round is the {latest.title}; "
            f"write ({latest.title}) in the title",
            severity=WARNING,
        )
    ]
