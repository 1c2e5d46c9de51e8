"""The plan's dates as an iCalendar file, so owners can subscribe to reminders of what they owe.

Every entry of :func:`plan_cli.questions.deadlines.deadlines` becomes an all-day event
on the last day of its period (``Spring 2026`` falls on 31 May 2026: nothing
promised for spring is late before then). Each event's UID is the same on
every run for the same entry, so a calendar that imports the file again
updates its events instead of adding copies: it is made from the force, what
the entry is and what it refers to, and for a milestone the words of the
promise (an item can have several milestones, and their dates move).

The bytes depend only on the plan and ``today`` (the stamp of every event):
the same plan on the same day gives the same file.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event
from icalendar.prop import vText

from plan_cli.basics.wording import first_sentence, slug
from plan_cli.plan.model import Plan
from plan_cli.questions.deadlines import Deadline, Kind

PRODUCT = "-//plan-cli//Action plan deadlines//EN"


class Text(vText):
    """A TEXT value escaped exactly as RFC 5545 says, so the plan's words come back as they were.

    icalendar's own escaping reads a backslash followed by N in the text as
    a line break; plan text is a record, so a literal one must stay literal.
    """

    def to_ical(self) -> bytes:
        """The value with backslash, semicolon, comma and line breaks escaped."""
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        return text.encode("utf-8")


def deadlines_ics(plan: Plan, entries: list[Deadline], today: date) -> bytes:
    """Return ``entries`` as an iCalendar file (RFC 5545): one all-day event each, in their order."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", Text(f"{plan.force}: {plan.title}"))
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    used: set[str] = set()
    for entry in entries:
        assert entry.when.end is not None
        event = Event()
        event.add("uid", _unique(entry_uid(plan, entry), used))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.when.end)
        event.add("dtend", entry.when.end + timedelta(days=1))
        event.add("summary", Text(event_summary(plan, entry)))
        event.add("description", Text(event_description(plan, entry, today)))
        event.add("categories", [entry.kind.value])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def entry_uid(plan: Plan, entry: Deadline) -> str:
    """The entry's UID: the same on every run while the force, the entry and its ref stay the same."""
    force = slug(plan.force) or "force"
    ref = re.sub(r"[^A-Za-z0-9.-]+", "-", entry.ref)
    uid = f"{entry.kind.value}-{ref}"
    if entry.kind is Kind.MILESTONE:
        uid += "-" + hashlib.sha256(entry.text.encode("utf-8")).hexdigest()[:12]
    return f"{uid}@{force}.plan"


def _unique(uid: str, used: set[str]) -> str:
    """``uid``, or ``uid`` with a counter when an earlier entry has it (the same promise made twice)."""
    local, _, domain = uid.partition("@")
    candidate, count = uid, 1
    while candidate in used:
        count += 1
        candidate = f"{local}-{count}@{domain}"
    used.add(candidate)
    return candidate


def event_summary(plan: Plan, entry: Deadline) -> str:
    """The event's one-line title: what falls due, in the plan's words, cut to a first sentence."""
    if entry.kind is Kind.RECOMMENDATION:
        return f"Recommendation {entry.ref} deadline"
    if entry.kind is Kind.ROUND:
        return f"{entry.text} due"
    if entry.kind is Kind.DEPENDENCY:
        return f"Expected: {first_sentence(entry.text, 70)}"
    return f"{entry.ref}: {first_sentence(entry.text, 70)}"


def event_description(plan: Plan, entry: Deadline, today: date) -> str:
    """The event's notes: the published words in full, the date as written, owners, items and state."""
    lines = [entry.text, ""]
    if entry.kind is Kind.ROUND:
        lines.append("Owner: every owner (the update to this round)")
    else:
        lines.append(f"Owner: {', '.join(entry.owners) if entry.owners else 'none named'}")
    if entry.kind is Kind.DEPENDENCY:
        dependency = plan.dependency(entry.ref)
        if dependency is not None:
            lines.append(f"Party: {dependency.party}")
    if entry.items:
        label = "Item" if len(entry.items) == 1 else "Items"
        lines.append(f"{label}: {', '.join(entry.items)}")
    lines.append(f"Date in the plan: {entry.when.text}")
    state = entry.state.value + (", needs an update" if entry.needs_update else "")
    lines.append(f"State on {today.isoformat()}: {state}")
    lines.append(f"Plan: {plan.title} ({plan.force})")
    return "\n".join(lines)
