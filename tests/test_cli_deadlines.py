"""plan deadlines end to end: --owner, and --format ics that calendars import."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import PLAN_FILE

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": str(PLAN_FILE)}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env=ENV).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


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
    code, listed, _ = run("deadlines", "--json")
    assert code == 0
    code, ics, err = run("deadlines", "--format", "ics")
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
    first = [e["uid"] for e in calendar_events(run("deadlines", "--format", "ics")[1])]
    again = [e["uid"] for e in calendar_events(run("deadlines", "--format", "ics")[1])]
    later = calendar_events(run("deadlines", "--format", "ics", "--today", "2027-06-01")[1])
    assert first == again and len(set(first)) == len(first)
    assert sorted(first) == sorted(e["uid"] for e in later)


def test_owner_filters_every_format_alike() -> None:
    owned = json.loads(run("deadlines", "--json", "--owner", "PCCs")[1])
    everything = json.loads(run("deadlines", "--json")[1])
    assert 0 < len(owned) < len(everything)
    assert all(r["kind"] == "round" or "Police and Crime Commissioners" in r["owners"] for r in owned)
    events = calendar_events(run("deadlines", "--format", "ics", "--owner", "PCCs")[1])
    assert [e["start"] for e in events] == [date.fromisoformat(r["end"]) for r in owned]
    code, table, _ = run("deadlines", "--owner", "PCCs")
    assert code == 0 and len(table.splitlines()) < len(run("deadlines")[1].splitlines())


def test_unknown_owner_is_a_usage_error_naming_the_owners() -> None:
    code, out, err = run("deadlines", "--format", "ics", "--owner", "Home Office")
    assert code == 2 and out == ""
    assert "owners are: Chief Constables, Police and Crime Commissioners" in err


def test_ics_is_written_to_output(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    code, out, err = run("deadlines", "--format", "ics", "--output", str(target))
    assert code == 0 and out == "" and f"Wrote the deadlines as ics to {target}." in err
    printed = CliRunner(env=ENV).invoke(app, ["deadlines", "--format", "ics"]).stdout_bytes
    assert target.read_bytes() == printed and printed.endswith(b"END:VCALENDAR\r\n")
    assert run("deadlines", "--format", "ics", "--output", str(target))[0] != 0, "no clobbering"


def test_format_mistakes_say_what_to_do() -> None:
    code, _, err = run("deadlines", "--format", "pdf")
    assert code == 2 and "choose one of: ics" in err
    code, _, err = run("deadlines", "--format", "ics", "--json")
    assert code == 2 and "give one" in err
    code, _, err = run("deadlines", "--output", "x.txt")
    assert code == 2 and "add --format" in err
