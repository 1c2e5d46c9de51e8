"""The iCalendar file: one all-day event per dated entry, stable UIDs, the plan's words intact."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from plan_cli.documents.ics import deadlines_ics
from plan_cli.plan.model import Plan
from plan_cli.questions.deadlines import Kind, deadline_record, deadlines, for_owner

from ..conftest import TODAY
from ..factories import item, milestone, plan, update


def events(data: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(data)
    found = []
    for event in calendar.walk("VEVENT"):
        found.append(
            {
                "uid": str(event["UID"]),
                "start": event.decoded("DTSTART"),
                "end": event.decoded("DTEND"),
                "summary": str(event["SUMMARY"]),
                "description": str(event["DESCRIPTION"]),
                "kind": [str(c) for c in event["CATEGORIES"].cats],
            }
        )
    return found


def test_every_entry_is_an_all_day_event_on_the_last_day_of_its_period(real_plan: Plan) -> None:
    entries = [deadline_record(e) for e in deadlines(real_plan, TODAY)]
    found = events(deadlines_ics(real_plan, deadlines(real_plan, TODAY), TODAY))
    assert len(found) == len(entries) > 20
    for record, event in zip(entries, found, strict=True):
        assert event["start"] == record["end"]
        assert event["end"] == event["start"] + timedelta(days=1)
        assert event["kind"] == [record["kind"]]
        assert record["text"] in event["description"]
        assert f"Date in the plan: {record['date']}" in event["description"]
        for owner in record["owners"]:
            assert owner in event["description"]
        for item_id in record["items"]:
            assert item_id in event["description"]


def test_fuzzy_dates_fall_on_the_end_of_their_period() -> None:
    p = plan(item("10.1", update("march-2025"), milestones=(milestone("Spring 2026"), milestone("2026-Q3"))))
    found = events(deadlines_ics(p, deadlines(p, TODAY), TODAY))
    assert [e["start"] for e in found if e["kind"] == ["milestone"]] == [date(2026, 5, 31), date(2026, 9, 30)]


def test_uids_are_unique_and_the_same_on_every_run_and_day(real_plan: Plan) -> None:
    first = [e["uid"] for e in events(deadlines_ics(real_plan, deadlines(real_plan, TODAY), TODAY))]
    later_day = TODAY + timedelta(days=200)
    again = events(deadlines_ics(real_plan, deadlines(real_plan, later_day), later_day))
    assert len(set(first)) == len(first)
    assert sorted(first) == sorted(e["uid"] for e in again)
    assert all(uid.endswith("@northumbria-police.plan") for uid in first)


def test_moving_a_milestone_keeps_its_uid() -> None:
    before = plan(item("10.1", update("march-2025"), milestones=(milestone("2026-06"),)))
    after = plan(
        item(
            "10.1",
            update("march-2025"),
            milestones=(milestone("2026-06")._replace(date=milestone("2026-09").date),),
        )
    )
    uids = [
        next(
            e["uid"]
            for e in events(deadlines_ics(p, deadlines(p, TODAY), TODAY))
            if e["kind"] == ["milestone"]
        )
        for p in (before, after)
    ]
    assert uids[0] == uids[1]


def test_the_same_plan_and_day_give_the_same_bytes(real_plan: Plan) -> None:
    one = deadlines_ics(real_plan, deadlines(real_plan, TODAY), TODAY)
    assert one == deadlines_ics(real_plan, deadlines(real_plan, TODAY), TODAY)
    assert one.startswith(b"BEGIN:VCALENDAR\r\n") and one.endswith(b"END:VCALENDAR\r\n")


def test_owner_filter_gives_a_smaller_calendar(real_plan: Plan) -> None:
    everything = deadlines(real_plan, TODAY)
    theirs = for_owner(real_plan, everything, "PCCs")
    found = events(deadlines_ics(real_plan, theirs, TODAY))
    assert 0 < len(found) < len(everything)
    assert all(
        "Police and Crime Commissioners" in e["description"] or e["kind"] == [Kind.ROUND.value] for e in found
    )


@settings(max_examples=60, deadline=None)
@example("See C:\\New folder\\notes; a, b")  # a literal backslash-N is not a line break
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(str.strip))
def test_any_promise_survives_the_round_trip(text: str) -> None:
    p = plan(item("10.1", update("march-2025"), milestones=(milestone("2026-06")._replace(text=text),)))
    found = [e for e in events(deadlines_ics(p, deadlines(p, TODAY), TODAY)) if e["kind"] == ["milestone"]]
    assert len(found) == 1
    assert str(found[0]["description"]).startswith(text + "\n")
