"""What an import found, in the plan's shape: the records :mod:`.structure` builds and :mod:`.emit` writes.

Mutable while the table is read (a later row adds to an earlier
recommendation); each keeps the notes that become ``# source:`` comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

UNSTATED = "unstated"
STATUSES = ("not-started", "in-progress", "blocked", "complete", "superseded")


@dataclass
class ImportedUpdate:
    """One round's cell of one item: text or labelled parts, and the status only if stated."""

    round: str
    status: str = UNSTATED
    stated: str | None = None  # the source's own words for the status
    text: str | None = None
    parts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    supporting: list[tuple[str, str | None]] = field(default_factory=list)  # (text, http(s) address)


@dataclass
class ImportedItem:
    """An evidence item as the source gives it."""

    id: str
    evidence: str | None
    owner: str
    updates: dict[str, ImportedUpdate] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    evidence_notes: list[str] = field(default_factory=list)


@dataclass
class ImportedRecommendation:
    """A recommendation and its items, in source order."""

    number: int
    text: str
    owner: str
    deadline: date | None = None
    deadline_note: str | None = None
    items: list[ImportedItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportedRound:
    """An update round named by a column heading or by labels inside cells."""

    id: str
    title: str
    order: tuple[int, int]
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportedPlan:
    """Everything read from the source, in the plan's shape, with what the importer left aside."""

    title: str | None = None
    responds_to: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    rounds: list[ImportedRound] = field(default_factory=list)
    recommendations: list[ImportedRecommendation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    table: str = ""

    @property
    def items(self) -> list[ImportedItem]:
        """Every item, recommendation by recommendation."""
        return [item for rec in self.recommendations for item in rec.items]

    @property
    def unstated(self) -> int:
        """How many updates still need a status judged from their text."""
        return sum(1 for item in self.items for u in item.updates.values() if u.status == UNSTATED)
