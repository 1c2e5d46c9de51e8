"""The plan file's fields, declared once: validation and JSON Schema.

The loader turns YAML into plain Python values; :func:`validate` checks them
against :data:`PLAN` and reports every problem with its field path
(:mod:`plan_cli.build` then turns checked values into model objects).
:func:`json_schema` prints the same declaration for editors.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple, TypeAlias, assert_never

from .errors import WARNING_CODES, FieldParts, Finding
from .model import (
    FUZZY_DATE_FORMS,
    DependencyStatus,
    Status,
    parse_fuzzy_date,
)

# --- the declaration -------------------------------------------------------
# Each kind of value is its own record (a NamedTuple: cheap to define at
# start-up), with ``noun`` naming it in messages ("text", "a date" …).
# Checking and the JSON Schema dispatch on the kind with isinstance.


class Text(NamedTuple):
    noun: str = "text"
    pattern: str | None = None
    pattern_hint: str = ""


class Integer(NamedTuple):
    noun: str = "a whole number"


class Number(NamedTuple):
    noun: str = "a number"


class Boolean(NamedTuple):
    noun: str = "true or false"


class ExactDate(NamedTuple):
    noun: str = "a date (YYYY-MM-DD)"


class FuzzyDateSpec(NamedTuple):
    noun: str = "a date"


class Choice(NamedTuple):
    noun: str = "a value"
    values: tuple[str, ...] = ()
    what: str = "value"


class ListOf(NamedTuple):
    item: Spec
    noun: str = "a list"


class MapOf(NamedTuple):
    value: Spec
    noun: str = "a mapping"
    key_pattern: str | None = None


class Field(NamedTuple):
    spec: Spec
    description: str
    required: bool = False


class Obj(NamedTuple):
    noun: str = "a mapping"
    name: str = ""
    description: str = ""
    fields: Mapping[str, Field] = MappingProxyType({})
    exactly_one_of: tuple[str, ...] = ()


Spec: TypeAlias = (
    Text | Integer | Number | Boolean | ExactDate | FuzzyDateSpec | Choice | ListOf | MapOf | Obj
)
"""What a value must be: one of the kinds above."""

SLUG = r"[a-z0-9][a-z0-9-]*"
ITEM_ID = r"\d+\.\d+"

STATUS = Choice(values=tuple(s.value for s in Status), what="status", noun="a status")
DEPENDENCY_STATUS = Choice(
    values=tuple(s.value for s in DependencyStatus), what="dependency status", noun="a status"
)
ROUND_REF = Text(pattern=SLUG, pattern_hint="a round id (lower-case letters, digits and hyphens)")
NAMES = ListOf(item=Text(), noun="a list of names")

BODY = Obj(
    name="Body",
    description="A body the Recommendation Owner column can name (e.g. Chief Constables).",
    fields={
        "name": Field(
            Text(), "The body's name as the template uses it, e.g. Chief Constables.", required=True
        ),
        "aliases": Field(NAMES, "Other names the Recommendation Owner column uses for it, e.g. CCs."),
    },
)
ROUND = Obj(
    name="Round",
    description=(
        "An update round: one response column of the NPCC template, "
        'from the Initial Action Plan Response to each "<Month Year> Update".'
    ),
    fields={
        "id": Field(
            Text(pattern=SLUG, pattern_hint="lower-case letters, digits and hyphens"),
            "Short id for the column (lower-case letters, digits and hyphens), used as the key under each item's updates.",
            required=True,
        ),
        "title": Field(
            Text(),
            "The column heading as published, without its colon.",
            required=True,
        ),
        "due": Field(
            ExactDate(),
            "The date the column's response or update is due, as YYYY-MM-DD (a date written 06/04/26 in the source is 2026-04-06).",
        ),
    },
)
DEPENDENCY = Obj(
    name="Dependency",
    description="Something only a party outside the force can deliver, that evidence items wait on.",
    fields={
        "id": Field(
            Text(pattern=SLUG, pattern_hint="lower-case letters, digits and hyphens"),
            "Short id (lower-case, hyphens) that evidence items name in depends_on.",
            required=True,
        ),
        "title": Field(Text(), "What must be delivered, in the words of the updates.", required=True),
        "party": Field(
            Text(),
            "The party outside the force that must deliver it, as the updates name it (a supplier, a national body, a partner).",
            required=True,
        ),
        "status": Field(
            DEPENDENCY_STATUS,
            "open (awaited), resolved (delivered) or withdrawn (no longer needed).",
            required=True,
        ),
        "raised": Field(
            ROUND_REF, "The id of the round whose response or update first raised it.", required=True
        ),
        "expected": Field(
            FuzzyDateSpec(),
            f"When it is expected, as the source states it ({FUZZY_DATE_FORMS}).",
            required=True,
        ),
        "notes": Field(Text(), "Notes, quoting the source where possible."),
    },
)
MILESTONE = Obj(
    name="Milestone",
    description="A dated promise made in a response or update.",
    fields={
        "date": Field(FuzzyDateSpec(), f"When it falls due ({FUZZY_DATE_FORMS}).", required=True),
        "text": Field(
            Text(), "What was promised, quoting the response or update word for word.", required=True
        ),
        "raised": Field(
            ROUND_REF, "The id of the round whose response or update made the promise.", required=True
        ),
        "done": Field(Boolean(), "True once a later update reports it done (default false)."),
    },
)
MEASURE = Obj(
    name="Measure",
    description="A figure with a target reported in an update, as of a date (e.g. e-learning completions).",
    fields={
        "name": Field(Text(), "What is counted, in the update's words.", required=True),
        "value": Field(Number(), "The figure the update reports.", required=True),
        "target": Field(Number(), "The figure aimed for (the target audience, for example).", required=True),
        "as_of": Field(
            FuzzyDateSpec(),
            f"When the figure was taken, as the update states it ({FUZZY_DATE_FORMS}).",
            required=True,
        ),
        "raised": Field(ROUND_REF, "The id of the round whose update reported it.", required=True),
    },
)
PART = Obj(
    name="Part",
    description="A labelled paragraph of a response, e.g. paragraphs labelled Context, Progress and Action.",
    fields={
        "label": Field(
            Text(), "The label as published, without its dash: Context, Progress, Action …", required=True
        ),
        "text": Field(Text(), "The paragraph after the label, word for word.", required=True),
    },
)
UPDATE = Obj(
    name="Update",
    description=(
        "One cell of a response column (the first response or an update) for an "
        "evidence requirement, with the status judged from it. Give text or parts, not both."
    ),
    fields={
        "status": Field(
            STATUS,
            "Where the evidence requirement stands, judged from this cell's words: not-started, in-progress, "
            "blocked (waiting on something outside the force), complete or superseded.",
            required=True,
        ),
        "text": Field(Text(), "The cell's text, word for word; paragraphs separated by a blank line."),
        "parts": Field(
            ListOf(item=PART, noun="a list of parts"),
            "The cell's labelled paragraphs (Context - …, Progress - …, Action - …), where the source labels them.",
        ),
    },
    exactly_one_of=("text", "parts"),
)
ITEM = Obj(
    name="EvidenceItem",
    description="One row of the template: an evidence requirement of progress/completion (7.1, 7.2 …) and the force's responses to it.",
    fields={
        "id": Field(
            Text(pattern=ITEM_ID, pattern_hint='a quoted id such as "7.1"'),
            'The number in the Evidence requirements of progress/completion column, quoted: "7.1" (Rec. No. dot n).',
            required=True,
        ),
        "evidence": Field(
            Text(),
            "The Evidence requirements of progress/completion text, word for word; leave out where the published plan has none.",
        ),
        "owner": Field(
            Text(),
            "The Recommendation Owner cell of this row, word for word, only where it differs from the recommendation's.",
        ),
        "owners": Field(
            NAMES, "The bodies (names from bodies) that this row's owner text names; give with owner."
        ),
        "depends_on": Field(
            ListOf(item=Text(pattern=SLUG), noun="a list of dependency ids"),
            "Ids of the dependencies (from dependencies) this evidence requirement waits on.",
        ),
        "milestones": Field(
            ListOf(item=MILESTONE, noun="a list of milestones"),
            "Dated promises made in its responses and updates.",
        ),
        "measures": Field(
            ListOf(item=MEASURE, noun="a list of measures"), "Figures with targets reported in its updates."
        ),
        "updates": Field(
            MapOf(value=UPDATE, key_pattern=SLUG),
            "Its cell in each response column, keyed by the round ids declared under rounds:; {} until the first response, which counts as not-started.",
            required=True,
        ),
    },
)
RECOMMENDATION = Obj(
    name="Recommendation",
    description="A recommendation of the super-complaint report: the Rec. No., Recommendation and Recommendation Owner columns.",
    fields={
        "number": Field(
            Integer(),
            "The Rec. No. column: the recommendation's number in the super-complaint report, e.g. 7.",
            required=True,
        ),
        "text": Field(Text(), "The Recommendation column, word for word.", required=True),
        "deadline": Field(
            ExactDate(),
            'The deadline the recommendation text states, as YYYY-MM-DD: "By 30 June 2025" is 2025-06-30.',
        ),
        "owner": Field(
            Text(),
            "The Recommendation Owner column, word for word, e.g. CCs, PCCs and their mayor equivalents.",
            required=True,
        ),
        "owners": Field(
            NAMES,
            "The bodies (names from bodies) that this row's owner text names; give with owner.",
            required=True,
        ),
        "items": Field(
            ListOf(item=ITEM, noun="a list of evidence items"),
            "Its rows: the Evidence requirements of progress/completion, in published order.",
            required=True,
        ),
    },
)
ACCEPTED = Obj(
    name="Accepted",
    description=(
        "A warning of plan check the plan team has looked at and accepts, with the reason: "
        "plan check --strict no longer fails on it, and warns once it no longer occurs."
    ),
    fields={
        "code": Field(
            Choice(
                values=tuple(code for code in WARNING_CODES if code != "accepted-not-found"),
                what="warning code",
                noun="a warning code",
            ),
            "The warning's code, as plan check prints it in brackets: "
            + "; ".join(
                f"{code}: {what}" for code, what in WARNING_CODES.items() if code != "accepted-not-found"
            )
            + ".",
            required=True,
        ),
        "item": Field(
            Text(),
            'What the warning is about, as plan check names it: an evidence item\'s id, quoted ("7.1"), '
            "or a dependency's id for unused-dependency.",
            required=True,
        ),
        "cites": Field(
            Text(),
            "For dangling-citation, the reference the text cites; for done-on-open-dependency, the "
            "dependency's id: as plan check names it. Leave out to accept every such warning about the item.",
        ),
        "reason": Field(
            Text(), "Why the warning is accepted, for whoever reads the plan next.", required=True
        ),
    },
)
PLAN = Obj(
    name="Plan",
    description="A police force's published stalking action plan in the NPCC template, with its update rounds.",
    fields={
        "title": Field(
            Text(),
            "The plan's title as published.",
            required=True,
        ),
        "responds_to": Field(
            Text(),
            "The words after the title, e.g. in response to the Super Complaint submitted by Suzy Lamplugh Trust …",
        ),
        "force": Field(Text(), "The Force: field, as published.", required=True),
        "executive_lead": Field(Text(), "The Executive Lead: field, as published."),
        "operational_lead": Field(Text(), "The Operational Lead: field, as published."),
        "bodies": Field(
            ListOf(item=BODY, noun="a list of bodies"),
            "The bodies the Recommendation Owner column names, with their aliases; --owner matches these.",
            required=True,
        ),
        "rounds": Field(
            ListOf(item=ROUND, noun="a list of rounds"),
            "The response columns (update rounds), oldest first: the first response, then each update.",
            required=True,
        ),
        "dependencies": Field(
            ListOf(item=DEPENDENCY, noun="a list of dependencies"),
            "Things only parties outside the force can deliver, that evidence requirements wait on.",
        ),
        "recommendations": Field(
            ListOf(item=RECOMMENDATION, noun="a list of recommendations"),
            "The rows of the template: each recommendation with its evidence requirements.",
            required=True,
        ),
        "accepted": Field(
            ListOf(item=ACCEPTED, noun="a list of accepted warnings"),
            "Warnings of plan check looked at and accepted, each with its reason.",
        ),
    },
)


# --- validation -----------------------------------------------------------

ScalarSource = Callable[[FieldParts], "str | None"]


def validate(data: Any, scalar_source: ScalarSource | None = None) -> list[Finding]:
    """Return every problem in plain plan data: shapes, then cross-references, in one pass.

    A shape problem in one place does not hide a cross-reference problem in
    another (a status typo and an undeclared round are both reported); entries
    too broken to cross-check are skipped. ``scalar_source`` gives the text a
    non-string scalar was written as, so a message can say "quote it" for
    ``7.10`` read as a number.
    """
    checker = _Checker(scalar_source or (lambda parts: None))
    if isinstance(data, dict):
        checker.round_ids = (
            {
                r["id"]
                for r in data.get("rounds") or ()
                if isinstance(r, dict) and isinstance(r.get("id"), str)
            }
            if isinstance(data.get("rounds"), list)
            else set()
        )
    checker.check(PLAN, data, ())
    if isinstance(data, dict):
        _check_references(data, checker.findings)
    return checker.findings


_LIST_ENTRY = {
    "parts": "part",
    "milestones": "milestone",
    "measures": "measure",
    "aliases": "alias",
    "owners": "owners entry",
    "items": "item",
    "recommendations": "recommendation",
    "rounds": "round",
    "bodies": "body",
    "dependencies": "dependency",
    "accepted": "accepted entry",
}


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _entry(data: Any, key: str, index: int) -> Any:
    values = data.get(key) if isinstance(data, dict) else None
    if isinstance(values, list) and 0 <= index < len(values) and isinstance(values[index], dict):
        return values[index]
    return {}


def place_of(data: Any, parts: FieldParts) -> str:
    """Return where ``parts`` is in the plan as a person would say it: "item 14.3, <its round's title>, status".

    Recommendations by number, items by id, updates by their round's title,
    rounds, bodies and dependencies by id or name, other list entries counted
    from 1; what the data cannot name is counted ("the 5th recommendation").
    Empty for a place deeper than any field of a plan.
    """
    if len(parts) > 10:
        return ""  # deeper than any plan field: a stray nest, better shown as its field path
    words: list[str] = []
    rest = list(parts)
    titles: dict[Any, Any] = {}
    if isinstance(data, dict) and isinstance(data.get("rounds"), list):
        titles = {r.get("id"): r.get("title") for r in data["rounds"] if isinstance(r, dict)}
    if len(rest) >= 2 and rest[0] == "recommendations" and isinstance(rest[1], int):
        rec = _entry(data, "recommendations", rest[1])
        number = rec.get("number")
        words.append(
            f"recommendation {number}"
            if isinstance(number, int) and not isinstance(number, bool)
            else f"the {_ordinal(rest[1] + 1)} recommendation"
        )
        rest = rest[2:]
        if len(rest) >= 2 and rest[0] == "items" and isinstance(rest[1], int):
            item = _entry(rec, "items", rest[1])
            item_id = item.get("id")
            if isinstance(item_id, str) and re.fullmatch(ITEM_ID, item_id):
                words = [f"item {item_id}"]
            else:
                words.append(f"its {_ordinal(rest[1] + 1)} item")
            rest = rest[2:]
            if len(rest) >= 2 and rest[0] == "updates" and isinstance(rest[1], str):
                title = titles.get(rest[1])
                words.append(title if isinstance(title, str) and title.strip() else f"round '{rest[1]}'")
                rest = rest[2:]
    elif (
        len(rest) >= 2
        and rest[0] in ("rounds", "bodies", "dependencies", "accepted")
        and isinstance(rest[1], int)
    ):
        kind = str(rest[0])
        entry = _entry(data, kind, rest[1])
        name = entry.get("name" if kind == "bodies" else "id")
        if kind != "accepted" and isinstance(name, str) and name.strip():
            words.append(f"{_LIST_ENTRY[kind]} '{name}'")
        else:
            words.append(f"{_LIST_ENTRY[kind]} {rest[1] + 1}")
        rest = rest[2:]
    for part in rest:
        if isinstance(part, int) and words and not words[-1].startswith(("the ", "its ")):
            previous = words.pop()
            words.append(f"{_LIST_ENTRY.get(previous, previous + ' entry')} {part + 1}")
        else:
            words.append(str(part))
    return ", ".join(words)


class _Checker:
    def __init__(self, scalar_source: ScalarSource) -> None:
        self.findings: list[Finding] = []
        self.source = scalar_source
        self.round_ids: set[str] = set()

    def fail(self, parts: FieldParts, message: str, at_key: bool = False) -> None:
        self.findings.append(Finding(parts, message, at_key))

    def wrong_type(self, spec: Spec, value: Any, parts: FieldParts) -> None:
        written = self.source(parts)
        if isinstance(spec, (Text, Choice)) and written is not None:
            what = _describe(value)
            self.fail(parts, f"'{written}' was read as {what}; quote it to keep it as text: \"{written}\"")
            return
        self.fail(parts, f"expected {spec.noun}, got {_describe(value)}")

    def check(self, spec: Spec, value: Any, parts: FieldParts) -> None:
        if isinstance(spec, Obj):
            self.check_object(spec, value, parts)
        elif isinstance(spec, ListOf):
            if not isinstance(value, list):
                self.wrong_type(spec, value, parts)
                return
            for index, element in enumerate(value):
                self.check(spec.item, element, (*parts, index))
        elif isinstance(spec, MapOf):
            if not isinstance(value, dict):
                self.wrong_type(spec, value, parts)
                return
            for key, element in value.items():
                self.check(spec.value, element, (*parts, key))
        else:
            self.check_scalar(spec, value, parts)

    def check_object(self, spec: Obj, value: Any, parts: FieldParts) -> None:
        if not isinstance(value, dict):
            self.wrong_type(spec, value, parts)
            return
        for key in value:
            if key not in spec.fields:
                message = _unknown_field(key, spec.fields)
                if spec.name == "EvidenceItem" and key in self.round_ids:
                    message = (
                        f"'{key}' is a round, not a field of the item; indent it under updates: "
                        "(further in than updates:), and take away any {} after updates:"
                    )
                self.fail((*parts, key), message, at_key=True)
        for name, declared in spec.fields.items():
            if name in value:
                if value[name] is None and spec.name == "EvidenceItem" and name == "updates":
                    self.fail(
                        (*parts, name),
                        "is empty; put each round's update indented under it, or write updates: {} "
                        "until the first response",
                    )
                elif value[name] is None and not declared.required:
                    self.fail((*parts, name), f"is empty; give {declared.spec.noun} or remove the line")
                else:
                    self.check(declared.spec, value[name], (*parts, name))
            elif declared.required:
                self.fail((*parts, name), f"is missing; {_required_hint(spec, name)}")
        if spec.exactly_one_of:
            present = [name for name in spec.exactly_one_of if name in value]
            if len(present) != 1:
                names = " or ".join(spec.exactly_one_of)
                verb = "both" if present else "neither"
                self.fail(parts, f"has {verb} of {names}; give exactly one")

    def check_scalar(self, spec: Spec, value: Any, parts: FieldParts) -> None:
        if isinstance(spec, Text):
            if not isinstance(value, str):
                self.wrong_type(spec, value, parts)
            elif not value.strip():
                self.fail(parts, "is empty; give the text or remove the line")
            elif spec.pattern and not re.fullmatch(spec.pattern, value):
                self.fail(parts, f"'{value}' is not valid here; expected {spec.pattern_hint or spec.pattern}")
        elif isinstance(spec, Choice):
            if not isinstance(value, str):
                self.wrong_type(spec, value, parts)
            elif value not in spec.values:
                self.fail(parts, _not_a_choice(value, spec))
        elif isinstance(spec, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                self.wrong_type(spec, value, parts)
        elif isinstance(spec, Number):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.wrong_type(spec, value, parts)
        elif isinstance(spec, Boolean):
            if not isinstance(value, bool):
                self.wrong_type(spec, value, parts)
        elif isinstance(spec, ExactDate):
            self.check_exact_date(value, parts)
        elif isinstance(spec, FuzzyDateSpec):
            self.check_fuzzy_date(value, parts)

    def check_exact_date(self, value: Any, parts: FieldParts) -> None:
        if isinstance(value, date):
            return
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError as error:
                self.fail(parts, _date_problem(value, error))
            else:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    self.fail(parts, f"'{value}' is not a date; write it as YYYY-MM-DD")
            return
        self.wrong_type(ExactDate(), value, parts)

    def check_fuzzy_date(self, value: Any, parts: FieldParts) -> None:
        if isinstance(value, bool) or not isinstance(value, (str, date, int)):
            self.wrong_type(FuzzyDateSpec(), value, parts)
            return
        try:
            parse_fuzzy_date(value)
        except ValueError as error:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                self.fail(parts, _date_problem(value, error))
            else:
                self.fail(parts, str(error))


def _date_problem(value: str, error: ValueError) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"'{value}' is not a real date ({error}); check the day and month"
    return f"'{value}' is not a date; write it as YYYY-MM-DD (a date like 06/04/26 is ambiguous)"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _unknown_field(key: Any, fields: Mapping[str, Field]) -> str:
    names = list(fields)
    hint = _suggest(str(key), names)
    return f"unknown field '{key}'; {hint}fields here are: {', '.join(names)}"


def _not_a_choice(value: str, spec: Choice) -> str:
    hint = _suggest(value, list(spec.values))
    return f"'{value}' is not a {spec.what}; {hint}use one of {', '.join(spec.values)}"


def _required_hint(spec: Obj, name: str) -> str:
    if spec.name == "EvidenceItem" and name == "updates":
        return "add updates: with each round's update (updates: {} before the first response)"
    return f"every {spec.name or 'entry'} needs {name}:"


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their indexes: what can be cross-checked."""
    return (
        [(i, entry) for i, entry in enumerate(value) if isinstance(entry, dict)]
        if isinstance(value, list)
        else []
    )


def _strings(value: Any) -> list[tuple[int, str]]:
    return (
        [(i, entry) for i, entry in enumerate(value) if isinstance(entry, str)]
        if isinstance(value, list)
        else []
    )


def _check_references(data: dict[str, Any], findings: list[Finding]) -> None:
    """Cross-check ids, rounds, owners and dependencies, skipping what is too broken to check."""
    shape_problems = {f.parts for f in findings}

    def fail(parts: FieldParts, message: str, at_key: bool = False) -> None:
        if parts not in shape_problems:
            findings.append(Finding(parts, message, at_key))

    def unique(kind: str, entries: Any, key: str, parts: FieldParts, of: type = str) -> list[Any] | None:
        """The entries' values of ``key``, duplicates reported; None unless every entry has a usable one."""
        seen: dict[Any, int] = {}
        complete = isinstance(entries, list)
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            value = entry.get(key) if isinstance(entry, dict) else None
            if not isinstance(value, of) or isinstance(value, bool):
                complete = False
                continue
            if value in seen:
                fail(
                    (*parts, index, key),
                    f"duplicate {kind} '{value}' (the {_ordinal(seen[value] + 1)} entry has it too)",
                )
            else:
                seen[value] = index
        return list(seen) if complete else None

    body_names = set(unique("body", data.get("bodies"), "name", ("bodies",)) or ())
    round_ids = unique("round id", data.get("rounds"), "id", ("rounds",)) or []
    dependency_list = unique("dependency id", data.get("dependencies") or [], "id", ("dependencies",))
    dependency_ids = dependency_list or []
    dependencies = data.get("dependencies") or []
    unique("recommendation number", data.get("recommendations"), "number", ("recommendations",), of=int)

    def known_round(value: Any, parts: FieldParts, at_key: bool = False) -> None:
        if isinstance(value, str) and round_ids and value not in round_ids:
            fail(
                parts,
                f"'{value}' is not a declared round; {_suggest(value, round_ids)}"
                f"declared rounds are: {', '.join(round_ids)} (declare new rounds under rounds:)",
                at_key,
            )

    def known_owners(owners: Any, parts: FieldParts) -> None:
        if not body_names:
            return
        for index, owner in _strings(owners):
            if owner not in body_names:
                fail(
                    (*parts, index),
                    f"'{owner}' is not one of the bodies; "
                    f"{_suggest(owner, sorted(body_names))}bodies are: {', '.join(sorted(body_names))}",
                )

    for index, dep in _dicts(dependencies):
        known_round(dep.get("raised"), ("dependencies", index, "raised"))

    item_ids: dict[str, tuple[int | None, int]] = {}
    for r_index, rec in _dicts(data.get("recommendations")):
        rec_parts: FieldParts = ("recommendations", r_index)
        number = rec.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            number = None
        known_owners(rec.get("owners"), (*rec_parts, "owners"))
        for i_index, item in _dicts(rec.get("items")):
            parts: FieldParts = (*rec_parts, "items", i_index)
            item_id = item.get("id")
            if isinstance(item_id, str):
                if item_id in item_ids:
                    first_rec, first_index = item_ids[item_id]
                    where = (
                        f"recommendation {first_rec}" if first_rec is not None else "another recommendation"
                    )
                    fail(
                        (*parts, "id"),
                        f"duplicate item id '{item_id}' (the {_ordinal(first_index + 1)} item of {where} has it too)",
                    )
                else:
                    item_ids[item_id] = (number, i_index)
                if number is not None and item_id.split(".")[0] != str(number):
                    fail(
                        (*parts, "id"),
                        f"item '{item_id}' does not belong to recommendation {number}; "
                        f"its id must start with '{number}.'",
                    )
            if "owners" in item:
                known_owners(item["owners"], (*parts, "owners"))
            if ("owner" in item) != ("owners" in item):
                fail(parts, "give owner and owners together (the published text and the bodies it names)")
            for d_index, dep_id in _strings(item.get("depends_on")):
                if dependency_list is not None and dep_id not in dependency_ids:
                    fail(
                        (*parts, "depends_on", d_index),
                        f"'{dep_id}' is not a dependency; "
                        f"{_suggest(dep_id, dependency_ids)}dependencies are: {', '.join(dependency_ids) or 'none'}",
                    )
            for key in ("milestones", "measures"):
                for m_index, entry in _dicts(item.get(key)):
                    known_round(entry.get("raised"), (*parts, key, m_index, "raised"))
            updates = item.get("updates")
            if isinstance(updates, dict):
                for round_id in updates:
                    known_round(round_id, (*parts, "updates", round_id), at_key=True)


# --- JSON Schema ------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """Return the plan file's JSON Schema (draft 2020-12), generated from :data:`PLAN`."""
    definitions: dict[str, Any] = {}
    root = _schema_of(PLAN, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from plan_cli/schema.py; regenerate with: plan schema > plan.schema.json",
        "title": "Police stalking action plan (NPCC template)",
        **{k: v for k, v in definitions[root["$ref"].rsplit("/", 1)[1]].items()},
        "$defs": {k: v for k, v in definitions.items() if k != PLAN.name},
    }


def _schema_of(spec: Spec, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(spec, Obj):
        if spec.name not in definitions:
            definitions[spec.name] = {}
            properties = {}
            for name, declared in spec.fields.items():
                properties[name] = {
                    **_schema_of(declared.spec, definitions),
                    "description": declared.description,
                }
            body: dict[str, Any] = {
                "type": "object",
                "description": spec.description,
                "properties": properties,
                "additionalProperties": False,
            }
            required = [name for name, declared in spec.fields.items() if declared.required]
            if required:
                body["required"] = required
            if spec.exactly_one_of:
                body["oneOf"] = [{"required": [name]} for name in spec.exactly_one_of]
            definitions[spec.name] = body
        return {"$ref": f"#/$defs/{spec.name}"}
    if isinstance(spec, ListOf):
        return {"type": "array", "items": _schema_of(spec.item, definitions)}
    if isinstance(spec, MapOf):
        out: dict[str, Any] = {"type": "object", "additionalProperties": _schema_of(spec.value, definitions)}
        if spec.key_pattern:
            out["propertyNames"] = {"pattern": f"^{spec.key_pattern}$"}
        return out
    if isinstance(spec, Text):
        text: dict[str, Any] = {"type": "string", "minLength": 1}
        if spec.pattern:
            text["pattern"] = f"^{spec.pattern}$"
        return text
    if isinstance(spec, Choice):
        return {"type": "string", "enum": list(spec.values)}
    if isinstance(spec, Integer):
        return {"type": "integer"}
    if isinstance(spec, Number):
        return {"type": "number"}
    if isinstance(spec, Boolean):
        return {"type": "boolean"}
    if isinstance(spec, ExactDate):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(spec, FuzzyDateSpec):
        return {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": r"^(\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?|(Spring|Summer|Autumn|Winter) \d{4}|unknown)$",
                },
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    assert_never(spec)
