"""Plan to YAML: the file format of docs/format.md, written back from the model.

Used by the benchmarks to write synthetic plans, and by the tests to prove the
format round-trips: ``parse_plan(dump_plan(plan)).plan == plan`` for every valid plan. Text is
written exactly (PyYAML quotes anything YAML would otherwise read as a number,
date or boolean); multi-line text is written as a literal block.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from plan_cli.basics.pyyaml import yaml
from plan_cli.plan.model import Dependency, EvidenceItem, FuzzyDate, Plan, Recommendation, Update

_SECTIONS = re.compile(r"^(bodies|rounds|dependencies|recommendations|accepted):", re.MULTILINE)


class _PlanDumper(yaml.SafeDumper):
    """Safe dumper in the docs' layout: indented lists, no anchors, literal blocks for paragraphs.

    The pure-Python emitter (not libyaml's) so the indentation can be set; a plan
    is written rarely and is small.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _Names(list[str]):
    """A short list of names, written on one line: ``owners: [Chief Constables]``."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # The emitter falls back to a quoted style where a literal block cannot hold the text exactly.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_names(dumper: yaml.SafeDumper, names: _Names) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", names, flow_style=True)


_PlanDumper.add_representer(str, _represent_text)
_PlanDumper.add_representer(_Names, _represent_names)


def dump_plan(plan: Plan) -> str:
    """Return ``plan`` as the text of a plan file, in the field order docs/format.md uses."""
    data: dict[str, Any] = {"title": plan.title}
    if plan.responds_to is not None:
        data["responds_to"] = plan.responds_to
    data["force"] = plan.force
    if plan.executive_lead is not None:
        data["executive_lead"] = plan.executive_lead
    if plan.operational_lead is not None:
        data["operational_lead"] = plan.operational_lead
    data["bodies"] = [
        {"name": body.name, **({"aliases": _Names(body.aliases)} if body.aliases else {})}
        for body in plan.bodies
    ]
    data["rounds"] = [
        {
            "id": r.id,
            "title": r.title,
            **({"due": r.due} if r.due else {}),
            **({"published": r.published} if r.published else {}),
        }
        for r in plan.rounds
    ]
    if plan.dependencies:
        data["dependencies"] = [_dependency(dep) for dep in plan.dependencies]
    data["recommendations"] = [_recommendation(rec) for rec in plan.recommendations]
    if plan.accepted:
        data["accepted"] = [
            {
                "code": a.code,
                "item": a.item,
                **({"cites": a.cites} if a.cites is not None else {}),
                "reason": a.reason,
            }
            for a in plan.accepted
        ]
    text: str = yaml.dump(
        data,
        Dumper=_PlanDumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,  # one value per line, as the hand-kept file is written
        default_flow_style=False,
    )
    return _SECTIONS.sub(lambda match: "\n" + match.group(0), text)


def _fuzzy(when: FuzzyDate) -> date | int | str:
    """A fuzzy date as a person would write it: a day or a year unquoted, anything else as text."""
    if when.start is not None and when.start == when.end and when.text == when.start.isoformat():
        return when.start
    if re.fullmatch(r"\d{4}", when.text):
        return int(when.text)
    return when.text


def _dependency(dep: Dependency) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": dep.id,
        "title": dep.title,
        "party": dep.party,
        "status": dep.status.value,
        "raised": dep.raised,
        "expected": _fuzzy(dep.expected),
    }
    if dep.notes is not None:
        out["notes"] = dep.notes
    return out


def _recommendation(rec: Recommendation) -> dict[str, Any]:
    out: dict[str, Any] = {"number": rec.number, "text": rec.text}
    if rec.deadline is not None:
        out["deadline"] = rec.deadline
    out["owner"] = rec.owner
    out["owners"] = _Names(rec.owners)
    out["items"] = [_item(item) for item in rec.items]
    return out


def _item(item: EvidenceItem) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.id}
    if item.evidence is not None:
        out["evidence"] = item.evidence
    if item.owner_overridden:
        out["owner"] = item.owner
        out["owners"] = _Names(item.owners)
    if item.depends_on:
        out["depends_on"] = _Names(item.depends_on)
    if item.milestones:
        out["milestones"] = [
            {
                "date": _fuzzy(m.date),
                "text": m.text,
                "raised": m.raised,
                **({"done": True} if m.done else {}),
            }
            for m in item.milestones
        ]
    if item.measures:
        out["measures"] = [
            {
                "name": m.name,
                "value": m.value,
                "target": m.target,
                "as_of": _fuzzy(m.as_of),
                "raised": m.raised,
            }
            for m in item.measures
        ]
    out["updates"] = {update.round: _update(update) for update in item.updates}
    return out


def _update(update: Update) -> dict[str, Any]:
    out: dict[str, Any] = {"status": update.status.value}
    if update.parts:
        out["parts"] = [{"label": part.label, "text": part.text} for part in update.parts]
    else:
        out["text"] = update.text
    return out
