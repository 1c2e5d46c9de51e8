"""The plan file's fields, declared once: :data:`PLAN`.

:mod:`plan_cli.reading.validation` checks plain values against this declaration,
and :mod:`plan_cli.plan.json_schema` prints the same declaration for editors, so
the two can never disagree about what a plan file may hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple, TypeAlias

from plan_cli.basics.errors import WARNING_CODES
from plan_cli.plan.model import (
    FUZZY_DATE_FORMS,
    DependencyStatus,
    Status,
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
        'from the Initial Action Plan Response to each "<Month Year> Update", '
        'titled as the force titles it (e.g. "Q2 2025/26 Progress Review").'
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
        "published": Field(
            ExactDate(),
            "The date the round was published (YYYY-MM-DD); until then the round is open or answered. "
            "Set by plan round publish.",
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
DOCUMENT = Obj(
    name="Document",
    description="A supporting document published with an update: its words and, where linked, its address.",
    fields={
        "text": Field(Text(), "The document's name or link text, word for word.", required=True),
        "url": Field(
            Text(pattern=r"^https?://\S+$", pattern_hint="an http:// or https:// address"),
            "The document's address, where the source links it (http or https only).",
        ),
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
            "blocked (waiting on something outside the force), complete or superseded; unstated where the source "
            "stated none and nobody has judged one yet (plan import writes it; plan check warns).",
            required=True,
        ),
        "text": Field(Text(), "The cell's text, word for word; paragraphs separated by a blank line."),
        "parts": Field(
            ListOf(item=PART, noun="a list of parts"),
            "The cell's labelled paragraphs (Context - …, Progress - …, Action - …), where the source labels them.",
        ),
        "supporting": Field(
            ListOf(item=DOCUMENT, noun="a list of documents"),
            "The supporting documents published with this update (shown and exported; never counted as its text).",
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
