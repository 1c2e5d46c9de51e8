"""The national roll-up as plain data: what ``plan national --json`` prints and its templates see."""

from __future__ import annotations

from datetime import date
from typing import Any

from plan_cli.basics.wording import days_until
from plan_cli.documents.export import CSV_BOM
from plan_cli.national.answers import NoAnswer, force_gaps, gaps_words, recommendations_across
from plan_cli.national.force_figures import ForceFigures, RollUp, Selection, rollup_statuses
from plan_cli.national.national_map import (
    SORTS,
    STATES,
    map_record,
    national_map,
    periods_record,
    status_by_period,
)
from plan_cli.national.shared_dependencies import DependencyGroup
from plan_cli.plan.model import Round, Status
from plan_cli.questions.deadlines import deadline_record


def _round_data(declared: Round | None) -> dict[str, Any] | None:
    if declared is None:
        return None
    return {"id": declared.id, "title": declared.title, "due": declared.due, "published": declared.published}


def force_record(
    entry: ForceFigures,
    today: date,
    statuses: tuple[Status, ...] = tuple(Status),
    selection: Selection | None = None,
) -> dict[str, Any]:
    """Return one force's figures as plain data (dates as dates; JSON writes them as YYYY-MM-DD)."""
    overdue = _round_data(entry.overdue_round)
    if overdue is not None and entry.overdue_round is not None and entry.overdue_round.due is not None:
        overdue["days_overdue"] = -days_until(entry.overdue_round.due, today)
    return {
        "force": entry.force,
        "path": entry.path,
        "title": entry.title,
        "latest_round": _round_data(entry.latest_round),
        "overdue_round": overdue,
        "items": sum(entry.status_counts.values()),
        "status_counts": {status.value: entry.status_counts.get(status, 0) for status in statuses},
        "open_dependencies": list(entry.open_dependencies),
        "passed_deadlines": [deadline_record(deadline) for deadline in entry.passed_deadlines],
        "stale_items": list(entry.stale_items),
        "nothing_matches": bool(
            selection and selection.narrows_items and not sum(entry.status_counts.values())
        ),
    }


def _no_answer_record(entry: NoAnswer) -> dict[str, Any]:
    return {
        "force": entry.force,
        "reason": entry.reason,
        "status": entry.status.value if entry.status else None,
        "last_round": entry.last_round,
    }


def national_record(roll: RollUp) -> dict[str, Any]:
    """Return the whole roll-up as plain data: what ``--json`` prints and templates see.

    Dates are dates (JSON writes them as YYYY-MM-DD; see :func:`national_json`).
    """
    selection = roll.selection
    return {
        "today": roll.today,
        "plans": {"given": roll.given, "counted": roll.valid},
        "selection": {
            "recommendation": selection.recommendation,
            "status": selection.status.value if selection.status else None,
            "owner": selection.owner,
            "forces": list(selection.forces),
            "sort": selection.sort,
        },
        "left_out": [
            {"path": bad.path, "problems": [str(p) for p in bad.problems], "total_problems": bad.total}
            for bad in roll.invalid
        ],
        "set_aside": [
            {"path": older.path, "force": older.force, "counted": older.counted, "why": older.why}
            for older in roll.set_aside
        ],
        "forces": [
            force_record(entry, roll.today, rollup_statuses(roll), selection) for entry in roll.forces
        ],
        "missing_answers": [
            {
                "force": gaps.force,
                "not_in_plan": list(gaps.not_in_plan),
                "no_update": list(gaps.no_update),
                "no_round": gaps.no_round,
                "words": gaps_words(gaps),
            }
            for gaps in force_gaps(roll)
            if gaps.any
        ],
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "text_force": rec.text_force,
                "wordings": [{"text": own.text, "forces": list(own.forces)} for own in rec.wordings],
                "forces": rec.forces,
                "status_counts": {status.value: count for status, count in rec.counts.items()},
                "no_answer": [_no_answer_record(entry) for entry in rec.no_answer],
                "items": [
                    {
                        "id": item.id,
                        "forces": item.forces,
                        "status_counts": {status.value: count for status, count in item.counts.items()},
                        "no_answer": [_no_answer_record(entry) for entry in item.no_answer],
                    }
                    for item in rec.items
                ],
            }
            for rec in recommendations_across(roll)
        ],
        "dependencies": [_group_record(group) for group in roll.groups],
        "map": map_record(national_map(roll, selection.sort)),
        "status_by_period": periods_record(status_by_period(roll)),
    }


def _group_record(group: DependencyGroup) -> dict[str, Any]:
    longest = group.longest_wait
    return {
        "ids": list(group.ids),
        "parties": list(group.parties),
        "shared": len(group.forces) > 1,
        "forces": list(group.forces),
        "blocking_count": group.blocking_count,
        "longest_wait": (
            {"force": longest.force, "id": longest.id, "days": longest.age_days, "since": longest.raised}
            if longest
            else None
        ),
        "waits": [
            {
                "force": wait.force,
                "id": wait.id,
                "title": wait.title,
                "party": wait.party,
                "raised": wait.raised,
                "raised_date": wait.raised_due,
                "age_days": wait.age_days,
                "blocking": list(wait.blocking),
            }
            for wait in group.waits
        ],
    }


def selection_words(selection: Selection) -> list[str]:
    """Return the filters in words ('recommendation 14', 'status blocked' …), for a document's heading."""
    words = []
    if selection.recommendation is not None:
        words.append(f"recommendation {selection.recommendation}")
    if selection.status is not None:
        words.append(f"items {selection.status.value}")
    if selection.owner is not None:
        words.append(f"items owned by {selection.owner}")
    if selection.forces:
        words.append(f"forces matching {', '.join(selection.forces)}")
    return words


def national_context(roll: RollUp) -> dict[str, Any]:
    """Return what the national templates see: :func:`national_record`, and more.

    Also ``statuses`` (the status values in vocabulary order, the order of
    every ``status_counts``), ``selection_words``, ``csv_bom`` (a
    byte-order mark, so that Excel reads the CSV as UTF-8), ``states`` (each
    map state's letter, words and colours by key), ``sort_words`` (the
    map's order in words, or empty), and the pictures as inline
    SVG (``map_svg``, ``status_by_period_svg``; markup, already escaped).
    """
    from markupsafe import Markup

    from plan_cli.national.map_svg import map_svg, periods_svg

    return {
        **national_record(roll),
        "map_svg": Markup(map_svg(national_map(roll, roll.selection.sort))),
        "status_by_period_svg": Markup(periods_svg(status_by_period(roll), rollup_statuses(roll))),
        "statuses": [status.value for status in rollup_statuses(roll)],
        "states": {key: state._asdict() for key, state in STATES.items()},
        "sort_words": SORTS[roll.selection.sort] if roll.selection.sort else "",
        "selection_words": selection_words(roll.selection),
        "csv_bom": CSV_BOM,
    }


def national_json(roll: RollUp) -> str:
    """Return the roll-up as one JSON object (:func:`national_record`; dates as YYYY-MM-DD)."""
    import json

    return json.dumps(national_record(roll), indent=2, ensure_ascii=False, default=_iso_date) + "\n"


def _iso_date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")
