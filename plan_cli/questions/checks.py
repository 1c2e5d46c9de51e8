"""Warnings about a valid plan: things a reviewer should look at before publishing.

Each warning is a :class:`~plan_cli.basics.errors.Finding` with severity
``warning`` and the field path of the text or value it is about, so the CLI
can print it at ``file:line:col``. The rules:

* a cited item or recommendation that is not in the plan (see
  :mod:`plan_cli.questions.references`; a recommendation the text says is another
  body's is not warned about), at the update text that cites it;
* a complete or superseded item that depends on an open dependency;
* a blocked item that names no open dependency;
* a dependency that no item names;
* an outstanding item with no text in the latest round;
* an item with updates whose status is ``unstated`` (the source stated none);
* an ``accepted:`` entry that no warning matches any more.

Each rule has a stable code (:data:`plan_cli.basics.errors.WARNING_CODES`); the plan's
``accepted:`` entries silence the warnings they name (see :func:`accept`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from plan_cli.basics.errors import FieldParts, Finding, InvalidPlanError, Problem
from plan_cli.plan.model import EvidenceItem, Plan, Status, Update
from plan_cli.questions.references import find_citations
from plan_cli.questions.rounds import (
    lacks_latest_update,
    latest_round,
    looks_published,
    round_progress,
    title_round,
)
from plan_cli.reading.loader import LoadedPlan, load_plan

WARNING = "warning"


class CheckResult(NamedTuple):
    """What checking one file found: the plan if it loaded, its errors, its warnings and the accepted ones.

    ``accepted_findings`` are the warnings an ``accepted:`` entry silences, each with the
    entry's reason; :attr:`accepted` gives them their places in the file, which are worked
    out only when asked for (they are shown only on request).
    """

    path: Path
    loaded: LoadedPlan | None
    errors: list[Problem]
    warnings: list[Problem]
    accepted_findings: tuple[tuple[Finding, str], ...] = ()
    unreadable: bool = False

    @property
    def accepted(self) -> tuple[tuple[Problem, str], ...]:
        """The accepted warnings, located in the file, each with its entry's reason."""
        if self.loaded is None:
            return ()
        return tuple((self.loaded.source.problem(f), reason) for f, reason in self.accepted_findings)

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
                    "code": p.code or None,
                    "place": p.place or None,
                }
                for p in sorted([*self.errors, *self.warnings], key=lambda p: (p.line or 0, p.column or 0))
            ],
            "accepted": [
                {
                    "file": p.path,
                    "line": p.line,
                    "column": p.column,
                    "field": p.field,
                    "place": p.place or None,
                    "code": p.code,
                    "message": p.message,
                    "reason": reason,
                }
                for p, reason in self.accepted
            ],
        }


def check_file(path: Path, today: date) -> CheckResult:
    """Return what loading one plan file and applying every warning rule to it found."""
    try:
        loaded = load_plan(path)
    except InvalidPlanError as error:
        return CheckResult(
            path, None, [p for p in error.problems if p.severity == "error"], [], unreadable=error.unreadable
        )
    active, accepted = accept(loaded.plan, warnings(loaded.plan, today))
    return CheckResult(
        path,
        loaded,
        [],
        [loaded.source.problem(f) for f in active],
        tuple(accepted),
    )


def accept(plan: Plan, found: list[Finding]) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Split warnings into those still to act on and those an ``accepted:`` entry silences (with its reason).

    An entry silences the warnings with its code about its item (and, when it
    gives ``cites``, citing that reference). An entry that silences nothing is
    itself a warning, so an acceptance cannot outlive what it accepted.
    """
    active: list[Finding] = []
    accepted: list[tuple[Finding, str]] = []
    used: set[int] = set()
    for finding in found:
        for index, entry in enumerate(plan.accepted):
            if (
                entry.code == finding.code
                and entry.item == finding.item
                and (entry.cites is None or entry.cites == finding.cites)
            ):
                accepted.append((finding, entry.reason))
                used.add(index)
                break
        else:
            active.append(finding)
    for index, entry in enumerate(plan.accepted):
        if index in used:
            continue
        cites = f" citing {entry.cites}" if entry.cites is not None else ""
        active.append(
            Finding(
                ("accepted", index),
                f"accepts a {entry.code} warning about {entry.item}{cites}, but there is no such warning any "
                "more; remove this entry",
                severity=WARNING,
                code="accepted-not-found",
                item=entry.item,
            )
        )
    return active, accepted


def warnings(plan: Plan, today: date) -> list[Finding]:
    """Return every warning about ``plan``, rule by rule, each in plan order."""
    return [
        *dangling_references(plan),
        *done_items_on_open_dependencies(plan),
        *blocked_items_without_dependency(plan),
        *unused_dependencies(plan),
        *outstanding_items_without_latest_text(plan, today),
        *title_names_another_round(plan, today),
        *unstated_statuses(plan),
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
                            code="dangling-citation",
                            item=item.id,
                            cites=citation.ref,
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
                        code="done-on-open-dependency",
                        item=item.id,
                        cites=dep_id,
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
                code="blocked-without-dependency",
                item=item.id,
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
            code="unused-dependency",
            item=dep.id,
        )
        for index, dep in enumerate(plan.dependencies)
        if dep.id not in named
    ]


def _first_raised_after(item: EvidenceItem, order: list[str], round_id: str) -> bool:
    """True when every update of ``item`` is in a round after ``round_id``: it was raised later."""
    rounds = [order.index(update.round) for update in item.updates if update.round in order]
    return bool(rounds) and min(rounds) > order.index(round_id)


def outstanding_items_without_latest_text(plan: Plan, today: date) -> list[Finding]:
    """Warn at each outstanding item with no update text in the plan's latest round."""
    latest = latest_round(plan, today)
    if latest is None:
        return []
    order = [declared.id for declared in plan.rounds]
    found = []
    for item, parts in _items_with_paths(plan):
        if not item.is_outstanding or _first_raised_after(item, order, latest.id):
            continue
        update = item.update_for(latest.id)
        if lacks_latest_update(item, latest):
            found.append(
                Finding(
                    (*parts, "updates"),
                    f"item {item.id} is outstanding but has no update in the {latest.title}; "
                    + (
                        f"add one under updates: as {latest.id}:"
                        if latest.published is None
                        else f"the round was published on {latest.published.isoformat()} without it: "
                        f"if it did answer the item, add that under updates: as {latest.id}:, "
                        "else accept this warning under accepted: (plan help format)"
                    ),
                    at_key=True,
                    severity=WARNING,
                    code="no-latest-update",
                    item=item.id,
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
                    code="no-latest-update",
                    item=item.id,
                )
            )
    return found


def unstated_statuses(plan: Plan) -> list[Finding]:
    """Warn once per item whose updates say ``status: unstated``, at the first of them, naming the rounds."""
    found = []
    for item, parts in _items_with_paths(plan):
        unstated = [u for u in item.updates if u.status is Status.UNSTATED]
        if not unstated:
            continue
        titles = ", ".join(plan.round(u.round).title for u in unstated)
        found.append(
            Finding(
                (*parts, "updates", unstated[0].round, "status"),
                f"item {item.id} needs a status for {titles}: the source stated none; judge each from "
                "its text (not-started, in-progress, blocked, complete or superseded)",
                severity=WARNING,
                code="unstated-status",
                item=item.id,
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
    unrecorded = looks_published(plan, today)
    if unrecorded:
        declared = unrecorded[0]
        progress = round_progress(plan, declared.id)
        due = declared.due.isoformat() if declared.due else "its due date"
        return [
            Finding(
                ("rounds",),
                f"the {declared.title} is past its due date ({due}) with {progress.answered} of "
                f"{progress.asked} items answered, so it is read as published, but no round has a "
                f"published: date; if it went out, record the day: plan round publish {declared.id} "
                "--date YYYY-MM-DD (or add published: YYYY-MM-DD under it)",
                severity=WARNING,
                code="round-looks-published",
                item="rounds",
            )
        ]
    if named is None or latest is None or named.id == latest.id:
        return []
    return [
        Finding(
            ("title",),
            f"the title names the {named.title}, but the latest published round is the {latest.title}; "
            f"write ({latest.title}) in the title",
            severity=WARNING,
            code="title-names-another-round",
            item="title",
        )
    ]
