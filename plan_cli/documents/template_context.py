"""The data every document template sees: one plain dictionary built from the plan and ``today``.

This is a documented interface (docs/templates.md): shipped templates and a
user's ``--template`` get exactly the same context, so its keys stay stable.
Everything is plain data (dicts, lists, strings, numbers, ``date``), already
worked out (ages, passed or not), so templates only lay it out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from plan_cli.basics.wording import days_until, describe_days
from plan_cli.documents.charts import status_by_round_svg, timeline_svg
from plan_cli.plan.model import (
    Dependency,
    EvidenceItem,
    Measure,
    Milestone,
    Plan,
    Recommendation,
    Round,
    Update,
)
from plan_cli.questions import standing
from plan_cli.questions.deadlines import (
    deadline_passed,
    deadline_record,
    milestone_needs_update,
    milestone_state,
)
from plan_cli.questions.deadlines import deadlines as dated_entries
from plan_cli.questions.dependencies import DependencyReport, dependency_record, dependency_reports
from plan_cli.questions.dependencies import report as dependency_report
from plan_cli.questions.item_flags import item_flags
from plan_cli.questions.measures import progress, progress_record
from plan_cli.questions.rounds import (
    latest_round,
    next_round,
    previous_round,
    reported_round_ids,
    round_progress,
    round_title,
)


def template_context(plan: Plan, today: date, draft: Round | None = None) -> dict[str, Any]:
    """Return the template context for ``plan`` as of ``today``.

    ``draft`` is the round a draft is for (the context's ``next_round``); by default the first declared
    round after the latest reported one (None when none is declared).
    """
    latest = latest_round(plan, today)
    previous = previous_round(plan, latest.id) if latest else None
    following = draft if draft is not None else next_round(plan, today)
    reported = reported_round_ids(plan, today)
    rounds = [_round_record(plan, r, reported) for r in plan.rounds]
    items = {item.id: _item_record(plan, item, today, latest) for item in plan.items}
    recommendations = [_recommendation_record(rec, items, today) for rec in plan.recommendations]
    # All reports at once: one pass over the items, not one per dependency.
    reports = {entry.dependency.id: entry for entry in dependency_reports(plan, today, include_all=True)}
    dependencies = [_dependency_record(plan, dep, today, reports[dep.id]) for dep in plan.dependencies]
    counts = standing.status_counts(plan)
    item_list = list(items.values())
    context: dict[str, Any] = {
        "today": today,
        "plan": {
            "title": plan.title,
            "responds_to": plan.responds_to,
            "force": plan.force,
            "executive_lead": plan.executive_lead,
            "operational_lead": plan.operational_lead,
            "bodies": [body.name for body in plan.bodies],
            "rounds": rounds,
            "reported_rounds": [r for r in rounds if r["reported"]],
            "recommendations": recommendations,
        },
        "latest_round": _round_record(plan, latest, reported) if latest else None,
        "previous_round": _round_record(plan, previous, reported) if previous else None,
        "next_round": _next_round_record(plan, following, reported, today) if following else None,
        "counts": [{"status": status.value, "count": count} for status, count in counts.items()],
        "round_counts": [
            {
                "round": _round_record(plan, declared, reported),
                "updated": updated,
                "counts": [{"status": status.value, "count": count} for status, count in by_status.items()],
            }
            for declared, updated, by_status in standing.status_counts_by_round(plan, today)
        ],
        "total": len(item_list),
        "movements": [
            {
                "id": move.item.id,
                "item": items[move.item.id],
                "before": move.before.value if move.before else None,
                "after": move.after.value,
            }
            for move in standing.movements(plan, today)
        ],
        "recommendations": recommendations,
        "items": item_list,
        "outstanding": [record for record in item_list if record["outstanding"]],
        "complete": [record for record in item_list if not record["outstanding"]],
        "dependencies": [record for record in dependencies if record["open"]],
        "all_dependencies": dependencies,
        "dependencies_by_id": {record["id"]: record for record in dependencies},
        "milestones": [m for record in item_list for m in record["milestones"]],
        "deadlines": [deadline_record(entry) for entry in dated_entries(plan, today)],
        "stale": [record for record in item_list if record["stale"]],
        "stale_assessed": True,
        "briefing": None,
    }
    context["charts"] = {
        "status_by_round": Markup(status_by_round_svg(context["round_counts"])),
        "timeline": Markup(timeline_svg(context["deadlines"], today)),
    }
    return context


def _round_record(plan: Plan, declared: Round, reported: set[str]) -> dict[str, Any]:
    return {
        "id": declared.id,
        "title": declared.title,
        "due": declared.due,
        "declared": any(r.id == declared.id for r in plan.rounds),
        "reported": declared.id in reported,
    }


def _next_round_record(plan: Plan, declared: Round, reported: set[str], today: date) -> dict[str, Any]:
    record = _round_record(plan, declared, reported)
    record["days_left"] = days_until(declared.due, today) if declared.due else None
    record["due_text"] = describe_days(declared.due, today) if declared.due else None
    progress = round_progress(plan, declared.id) if record["declared"] else None
    record["state"] = progress.state.value if progress else None
    record["answered"] = progress.answered if progress else None
    record["asked"] = progress.asked if progress else None
    return record


def _update_record(plan: Plan, update: Update) -> dict[str, Any]:
    return {
        "round": update.round,
        "round_title": round_title(plan, update.round),
        "status": update.status.value,
        "text": update.full_text,
        "paragraphs": list(update.paragraphs),
        "parts": [{"label": part.label, "text": part.text} for part in update.parts],
        "supporting": [{"text": d.text, "url": d.link} for d in update.supporting],
        "plain": update.text,
    }


def _item_record(plan: Plan, item: EvidenceItem, today: date, latest: Round | None) -> dict[str, Any]:
    record = standing.item_record(plan, item)
    rec = plan.recommendation(item.recommendation)
    updates = [_update_record(plan, update) for update in item.updates]
    record.update(
        {
            "recommendation_text": rec.text if rec else None,
            "owner_overridden": item.owner_overridden,
            "outstanding": item.is_outstanding,
            "latest": updates[-1] if updates else None,
            "updates": updates,
            "by_round": {update["round"]: update for update in updates},
            "depends_on": list(item.depends_on),
            "milestones": [_milestone_record(plan, item, m, today, latest) for m in item.milestones],
            "measures": [_measure_record(item, m, today) for m in item.measures],
        }
    )
    flags = item_flags(plan, item)
    record["blocked_by"] = list(flags.blocked_by)
    record["stale"] = flags.stale
    record["stale_since"] = flags.staleness.since
    record["stale_since_title"] = round_title(plan, flags.staleness.since) if flags.staleness.since else None
    record["stale_reason"] = flags.staleness.reason
    return record


def _milestone_record(
    plan: Plan, item: EvidenceItem, milestone: Milestone, today: date, latest: Round | None
) -> dict[str, Any]:
    state = milestone_state(milestone, today)
    passed = milestone.date.has_passed(today)
    since_last = (
        passed
        and milestone.date.end is not None
        and (latest is None or latest.due is None or milestone.date.end >= latest.due)
    )
    return {
        "item": item.id,
        "recommendation": item.recommendation,
        "date": milestone.date.text,
        "start": milestone.date.start,
        "end": milestone.date.end,
        "text": milestone.text,
        "raised": milestone.raised,
        "raised_title": round_title(plan, milestone.raised),
        "done": milestone.done,
        "passed": passed,
        "state": state.value,
        "needs_update": milestone_needs_update(plan, item, milestone, today),
        "due_since_last_round": bool(since_last) and not milestone.done,
    }


def _measure_record(item: EvidenceItem, measure: Measure, today: date) -> dict[str, Any]:
    """The measure as ``measures.progress_record`` gives it, with a whole-number percent for prose."""
    entry = progress(item, measure, today)
    return {**progress_record(entry), "percent": round(entry.percent)}


def _recommendation_record(
    rec: Recommendation, items: dict[str, dict[str, Any]], today: date
) -> dict[str, Any]:
    return {
        "number": rec.number,
        "text": rec.text,
        "deadline": rec.deadline,
        "deadline_passed": deadline_passed(rec, today),
        "owner": rec.owner,
        "owners": list(rec.owners),
        "worst_status": rec.worst_status.value,
        "complete_count": rec.complete_count,
        "total": len(rec.items),
        "done": rec.is_done,
        "items": [items[item.id] for item in rec.items],
    }


def _dependency_record(
    plan: Plan, dep: Dependency, today: date, entry: DependencyReport | None = None
) -> dict[str, Any]:
    """What ``plan deps --json`` prints, plus the names and real dates templates use."""
    if entry is None:
        entry = dependency_report(plan, dep, today)
    raised = plan.round(dep.raised)
    return {
        **dependency_record(plan, entry),
        "open": dep.is_open,
        "raised_title": raised.title,
        "raised_due": raised.due,
        "age_rounds": entry.rounds_since,
        "expected_start": dep.expected.start,
        "expected_end": dep.expected.end,
    }
