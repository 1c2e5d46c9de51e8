"""plan deadlines end to end: the table, --json, --owner, and --format ics that calendars import."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from plan_cli.cli.app import app

from ..conftest import PLAN_FILE
from .runner import ENV, assert_reads_at_80, run_json, run_real


def test_deadlines_json_has_the_june_milestone_passed() -> None:
    records = run_json("deadlines")
    for record in records:
        assert {"date", "kind", "ref", "text", "state"} <= set(record)
        assert record["state"] in {"passed", "upcoming", "done"}
        assert record["kind"] in {"recommendation", "round", "dependency", "milestone"}
    june = [r for r in records if r["date"] == "2026-06-26" and r["kind"] == "milestone"]
    assert june and all(r["state"] == "passed" for r in june)
    ends = [r["end"] for r in records]
    assert ends == sorted(ends)


def test_deadlines_before_the_milestone_is_upcoming() -> None:
    june = [r for r in run_json("deadlines", "--today", "2026-06-26") if r["date"] == "2026-06-26"]
    assert june and all(r["state"] == "upcoming" for r in june)


def test_deadlines_table() -> None:
    code, out, _ = run_real("deadlines")
    assert code == 0
    assert any(
        line.startswith("2026-06-26") and "passed needs update" in line and "10.3:" in line
        for line in out.splitlines()
    )
    assert "milestones need an update." in out.splitlines()[-1]
    assert_reads_at_80(out)


# ---- --owner and the calendar ---------------------------------------------------------


def calendar_events(text: str) -> list[dict[str, object]]:
    return [
        {
            "uid": str(event["UID"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "kind": [str(c) for c in event["CATEGORIES"].cats],
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
        }
        for event in Calendar.from_ical(text).walk("VEVENT")
    ]


def test_ics_parses_back_to_the_entries_of_json() -> None:
    code, listed, _ = run_real("deadlines", "--json")
    assert code == 0
    code, ics, err = run_real("deadlines", "--format", "ics")
    assert code == 0 and err == ""
    records, events = json.loads(listed), calendar_events(ics)
    assert len(events) == len(records) > 20
    for record, event in zip(records, events, strict=True):
        assert event["start"] == date.fromisoformat(record["end"])
        assert event["end"] == event["start"] + timedelta(days=1)
        assert event["kind"] == [record["kind"]]
        assert str(event["description"]).startswith(record["text"] + "\n")
        assert f"Date in the plan: {record['date']}" in str(event["description"])
        assert all(owner in str(event["description"]) for owner in record["owners"])
        assert all(item in str(event["description"]) for item in record["items"])


def test_ics_uids_are_stable_across_runs() -> None:
    first = [e["uid"] for e in calendar_events(run_real("deadlines", "--format", "ics")[1])]
    again = [e["uid"] for e in calendar_events(run_real("deadlines", "--format", "ics")[1])]
    later = calendar_events(run_real("deadlines", "--format", "ics", "--today", "2027-06-01")[1])
    assert first == again and len(set(first)) == len(first)
    assert sorted(first) == sorted(e["uid"] for e in later)


def test_owner_filters_every_format_alike() -> None:
    owned = json.loads(run_real("deadlines", "--json", "--owner", "PCCs")[1])
    everything = json.loads(run_real("deadlines", "--json")[1])
    assert 0 < len(owned) < len(everything)
    assert all(r["kind"] == "round" or "Police and Crime Commissioners" in r["owners"] for r in owned)
    events = calendar_events(run_real("deadlines", "--format", "ics", "--owner", "PCCs")[1])
    assert [e["start"] for e in events] == [date.fromisoformat(r["end"]) for r in owned]
    code, table, _ = run_real("deadlines", "--owner", "PCCs")
    assert code == 0 and len(table.splitlines()) < len(run_real("deadlines")[1].splitlines())


def test_unknown_owner_is_a_usage_error_naming_the_owners() -> None:
    code, out, err = run_real("deadlines", "--format", "ics", "--owner", "Home Office")
    assert code == 2 and out == ""
    assert "owners are: Chief Constables (also CCs); Police and Crime Commissioners (also" in err


def test_ics_is_written_to_output(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    code, out, err = run_real("deadlines", "--format", "ics", "--output", str(target))
    assert code == 0 and out == "" and f"Wrote the deadlines as ics to {target}." in err
    printed = (
        CliRunner(env={**ENV, "PLAN_FILE": str(PLAN_FILE)})
        .invoke(app, ["deadlines", "--format", "ics"])
        .stdout_bytes
    )
    assert target.read_bytes() == printed and printed.endswith(b"END:VCALENDAR\r\n")
    assert run_real("deadlines", "--format", "ics", "--output", str(target))[0] != 0, "no clobbering"


def test_format_mistakes_say_what_to_do() -> None:
    code, _, err = run_real("deadlines", "--format", "pdf")
    assert code == 2 and "choose one of: ics" in err
    code, _, err = run_real("deadlines", "--format", "ics", "--json")
    assert code == 2 and "give one" in err
    code, _, err = run_real("deadlines", "--output", "x.txt")
    assert code == 2 and "add --format" in err
