"""Typed, immutable plan objects and the status vocabulary.

These are what every command works on once the loader has validated a plan
file. They hold the published text exactly as written; anything derived
(an item's current status, a recommendation's worst status) is computed.

The records are ``NamedTuple`` classes, not dataclasses: ``@dataclass``
generates and compiles its methods at import, about 0.3 ms a class, and every
command pays that at start-up. ``Plan`` keeps derived indexes, which a
NamedTuple cannot hold, so it is a slotted class written out by hand, immutable
like the records and with the same ``_replace``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, NoReturn

# The fuzzy date is part of the model's vocabulary, so the model hands it on.
from plan_cli.plan.fuzzy_date import FUZZY_DATE_FORMS as FUZZY_DATE_FORMS
from plan_cli.plan.fuzzy_date import FuzzyDate as FuzzyDate
from plan_cli.plan.fuzzy_date import parse_fuzzy_date as parse_fuzzy_date


class Status(StrEnum):
    """Where an evidence item stands, as judged from an update round's text."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    BLOCKED = "blocked"
    COMPLETE = "complete"
    SUPERSEDED = "superseded"
    # Not a judgement: the source stated none (``plan import`` writes it); plan check warns until one is judged.
    UNSTATED = "unstated"

    @property
    def is_done(self) -> bool:
        """True for statuses that need no further action."""
        return self in (Status.COMPLETE, Status.SUPERSEDED)

    @property
    def severity(self) -> int:
        """Higher is worse: used to pick a recommendation's worst status."""
        return _SEVERITY[self]


_SEVERITY = {
    Status.COMPLETE: 0,
    Status.SUPERSEDED: 1,
    Status.IN_PROGRESS: 2,
    Status.UNSTATED: 3,
    Status.NOT_STARTED: 4,
    Status.BLOCKED: 5,
}


# The statuses a person judges from an update's text: every status but unstated.
JUDGED_STATUSES = tuple(status for status in Status if status is not Status.UNSTATED)


class DependencyStatus(StrEnum):
    """Whether an external dependency has been delivered."""

    OPEN = "open"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


class Body(NamedTuple):
    """A body that can own recommendations, with the other names the text uses for it."""

    name: str
    aliases: tuple[str, ...] = ()


class Round(NamedTuple):
    """An update round: one column of the published plan."""

    id: str
    title: str
    due: date | None = None
    published: date | None = None


class Dependency(NamedTuple):
    """Something only a party outside the force can deliver."""

    id: str
    title: str
    party: str
    status: DependencyStatus
    raised: str
    expected: FuzzyDate
    notes: str | None = None

    @property
    def is_open(self) -> bool:
        """True while the party has not delivered and it has not been withdrawn."""
        return self.status is DependencyStatus.OPEN


class Milestone(NamedTuple):
    """A dated promise made in an update."""

    date: FuzzyDate
    text: str
    raised: str
    done: bool = False


class Measure(NamedTuple):
    """A figure with a target, as of a date (e.g. e-learning completions)."""

    name: str
    value: float
    target: float
    as_of: FuzzyDate
    raised: str

    @property
    def fraction(self) -> float:
        """Value as a fraction of target (0 when there is no target)."""
        return self.value / self.target if self.target else 0.0


class Part(NamedTuple):
    """A labelled part of an update (Context, Progress, Action …)."""

    label: str
    text: str


class Document(NamedTuple):
    """A supporting document an update names: its words as published and its address, if linked."""

    text: str
    url: str | None = None

    @property
    def link(self) -> str | None:
        """The address to link to: ``url`` where it is an http or https address, else None (never linked)."""
        url = (self.url or "").strip()
        scheme = url.split(":", 1)[0].lower()
        return (
            url
            if scheme in ("http", "https") and "://" in url and not any(c.isspace() for c in url)
            else None
        )


class Update(NamedTuple):
    """What an item's owners reported in one round, and the status judged from it.

    ``supporting`` lists the documents published with the update; they are not its text.
    """

    round: str
    status: Status
    text: str | None = None
    parts: tuple[Part, ...] = ()
    supporting: tuple[Document, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The update as paragraphs, each labelled part as 'Label - text'."""
        if self.parts:
            return tuple(f"{p.label} - {p.text}" for p in self.parts)
        return tuple(p for p in (self.text or "").split("\n\n") if p)

    @property
    def full_text(self) -> str:
        """The whole update as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


class EvidenceItem(NamedTuple):
    """An evidence requirement (7.1, 7.2 …) with its updates, in round order."""

    id: str
    recommendation: int
    evidence: str | None
    owner: str
    owners: tuple[str, ...]
    updates: tuple[Update, ...]
    depends_on: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    measures: tuple[Measure, ...] = ()
    owner_overridden: bool = False

    @property
    def latest_update(self) -> Update | None:
        """The update of the most recent round that has one."""
        return self.updates[-1] if self.updates else None

    @property
    def status(self) -> Status:
        """The status of the latest update; not-started when there is none."""
        latest = self.latest_update
        return latest.status if latest else Status.NOT_STARTED

    @property
    def is_outstanding(self) -> bool:
        """True while the item still needs action."""
        return not self.status.is_done

    def update_for(self, round_id: str) -> Update | None:
        """The update this item has for ``round_id``, if any."""
        for update in self.updates:
            if update.round == round_id:
                return update
        return None


class Acceptance(NamedTuple):
    """A warning the plan team has looked at and accepted, with their reason: ``plan check`` stays quiet on it.

    ``code`` is the warning's code, ``item`` what it is about (an item id, or a
    dependency id), ``cites`` (for a citation) the reference it names; None
    accepts every citation of that item.
    """

    code: str
    item: str
    reason: str
    cites: str | None = None


class Recommendation(NamedTuple):
    """A recommendation of the super-complaint report and its evidence items."""

    number: int
    text: str
    deadline: date | None
    owner: str
    owners: tuple[str, ...]
    items: tuple[EvidenceItem, ...]

    @property
    def worst_status(self) -> Status:
        """The most serious status among the items (what a reader must notice first)."""
        if not self.items:
            return Status.NOT_STARTED
        return max((item.status for item in self.items), key=lambda s: s.severity)

    @property
    def complete_count(self) -> int:
        """How many items need no further action."""
        return sum(1 for item in self.items if item.status.is_done)

    @property
    def is_done(self) -> bool:
        """True when the recommendation has evidence items and none needs further action.

        A recommendation with no items has shown nothing yet, so it is not done
        and its deadline can pass.
        """
        return bool(self.items) and all(item.status.is_done for item in self.items)


_PLAN_FIELDS = (
    "title",
    "force",
    "bodies",
    "rounds",
    "recommendations",
    "dependencies",
    "responds_to",
    "executive_lead",
    "operational_lead",
    "accepted",
)


class Plan:
    """A force's published action plan: header, rounds, dependencies, recommendations, accepted warnings.

    Immutable like the records: assigning to an attribute raises AttributeError,
    and :meth:`_replace` returns a changed copy. Equality, hashing and repr use
    the public fields only.
    """

    __slots__ = (
        *_PLAN_FIELDS,
        "_dependency_index",
        "_item_index",
        "_items",
        "_recommendation_index",
    )
    title: str
    force: str
    bodies: tuple[Body, ...]
    rounds: tuple[Round, ...]
    recommendations: tuple[Recommendation, ...]
    dependencies: tuple[Dependency, ...]
    responds_to: str | None
    executive_lead: str | None
    operational_lead: str | None
    accepted: tuple[Acceptance, ...]
    # Derived once, so items and lookups by id stay cheap in a plan of thousands of items.
    _items: tuple[EvidenceItem, ...]
    _item_index: dict[str, EvidenceItem]
    _dependency_index: dict[str, Dependency]
    _recommendation_index: dict[int, Recommendation]

    def __init__(
        self,
        title: str,
        force: str,
        bodies: tuple[Body, ...],
        rounds: tuple[Round, ...],
        recommendations: tuple[Recommendation, ...],
        dependencies: tuple[Dependency, ...] = (),
        responds_to: str | None = None,
        executive_lead: str | None = None,
        operational_lead: str | None = None,
        accepted: tuple[Acceptance, ...] = (),
    ) -> None:
        init = object.__setattr__
        init(self, "title", title)
        init(self, "force", force)
        init(self, "bodies", bodies)
        init(self, "rounds", rounds)
        init(self, "recommendations", recommendations)
        init(self, "dependencies", dependencies)
        init(self, "responds_to", responds_to)
        init(self, "executive_lead", executive_lead)
        init(self, "operational_lead", operational_lead)
        init(self, "accepted", accepted)
        items = tuple(item for rec in recommendations for item in rec.items)
        index: dict[str, EvidenceItem] = {}
        for item in items:
            index.setdefault(item.id, item)
        init(self, "_items", items)
        init(self, "_item_index", index)
        dependency_index: dict[str, Dependency] = {}
        for dep in dependencies:
            dependency_index.setdefault(dep.id, dep)
        init(self, "_dependency_index", dependency_index)
        recommendation_index: dict[int, Recommendation] = {}
        for rec in recommendations:
            recommendation_index.setdefault(rec.number, rec)
        init(self, "_recommendation_index", recommendation_index)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _PLAN_FIELDS)

    def _replace(self, **changes: Any) -> Plan:
        """A copy with the given fields changed, as ``NamedTuple._replace`` gives for the records."""
        values = dict(zip(_PLAN_FIELDS, self._values(), strict=True))
        values.update(changes)  # an unknown name fails in __init__ with a TypeError
        return Plan(**values)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: a Plan is immutable; use _replace()")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: a Plan is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={value!r}" for name, value in zip(_PLAN_FIELDS, self._values(), strict=True)
        )
        return f"Plan({fields})"

    def __reduce__(self) -> tuple[type[Plan], tuple[Any, ...]]:
        # copy and pickle would otherwise restore the slots with the refused __setattr__
        return Plan, self._values()

    @property
    def items(self) -> tuple[EvidenceItem, ...]:
        """Every evidence item, in plan order."""
        return self._items

    def round(self, round_id: str) -> Round:
        """The declared round with this id; KeyError when there is none."""
        for declared in self.rounds:
            if declared.id == round_id:
                return declared
        raise KeyError(round_id)

    def item(self, item_id: str) -> EvidenceItem | None:
        """The item with this id, or None."""
        return self._item_index.get(item_id)

    def recommendation(self, number: int) -> Recommendation | None:
        """The recommendation with this number, or None."""
        return self._recommendation_index.get(number)

    def dependency(self, dependency_id: str) -> Dependency | None:
        """The dependency with this id, or None."""
        return self._dependency_index.get(dependency_id)
