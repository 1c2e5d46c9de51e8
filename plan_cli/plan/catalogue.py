"""The shipped catalogue of the recommendations forces answer, and which bodies an owner text names.

The catalogue (``plan_cli/catalogue.yaml``, package data) holds the
super-complaint's recommendations for forces as the NPCC action plan template
words them: number, addressees, deadline, text and the evidence requirements
of each item. ``plan init`` starts a new plan from it; ``plan import`` takes
the bodies from it.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from typing import Any, NamedTuple

from plan_cli.basics.pyyaml import yaml
from plan_cli.plan.model import Body

CATALOGUE_FILE = "catalogue.yaml"


class CatalogueItem(NamedTuple):
    """An evidence requirement of the template; ``evidence`` is None where the template text has none."""

    id: str
    evidence: str | None


class CatalogueRecommendation(NamedTuple):
    """A recommendation as the template words it; ``deviation`` says how one force's text differs."""

    number: int
    addressees: str
    owners: tuple[str, ...]
    deadline: date | None
    text: str
    items: tuple[CatalogueItem, ...]
    deviation: str | None = None


class FirstRound(NamedTuple):
    """The round every force answered first."""

    id: str
    title: str
    due: date | None


class Catalogue(NamedTuple):
    """The whole catalogue: the template's title, the bodies, the first round and the recommendations."""

    title: str
    responds_to: str
    bodies: tuple[Body, ...]
    first_round: FirstRound
    recommendations: tuple[CatalogueRecommendation, ...]


def load_catalogue() -> Catalogue:
    """Return the catalogue shipped with the package."""
    text = resources.files("plan_cli.plan").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    return parse_catalogue(yaml.safe_load(text))


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Build the Catalogue from its YAML data (the shape of ``catalogue.yaml``)."""
    first = data["first_round"]
    return Catalogue(
        title=data["title"],
        responds_to=data["responds_to"],
        bodies=tuple(Body(b["name"], tuple(b.get("aliases") or ())) for b in data["bodies"]),
        first_round=FirstRound(first["id"], first["title"], first.get("due")),
        recommendations=tuple(
            CatalogueRecommendation(
                number=rec["number"],
                addressees=rec["addressees"],
                owners=tuple(rec["owners"]),
                deadline=rec.get("deadline"),
                text=rec["text"],
                items=tuple(CatalogueItem(str(i["id"]), i.get("evidence")) for i in rec["items"]),
                deviation=rec.get("deviation"),
            )
            for rec in data["recommendations"]
        ),
    )


def bodies_named(owner: str, bodies: tuple[Body, ...]) -> tuple[str, ...]:
    """The names of the bodies an owner text names, by name or alias as whole words, any case.

    A name also matches without its plural "s" ("Chief Constable"); "All
    bodies ..." names every body. An owner text that names none returns ().
    """
    return BodyMatcher(bodies).named(owner)


class BodyMatcher:
    """:func:`bodies_named` for many owner texts against one growing list of bodies.

    Each body's names are compiled once, when it is added, so naming the owners
    of a plan with many bodies costs one search per body and owner, not a
    compile as well.
    """

    def __init__(self, bodies: tuple[Body, ...] = ()) -> None:
        self.bodies: list[Body] = []
        self._patterns: list[re.Pattern[str]] = []
        for body in bodies:
            self.add(body)

    def add(self, body: Body) -> None:
        """Add ``body`` to those an owner text may name."""
        names = [body.name, *body.aliases]
        names += [n[:-1] for n in names if len(n) > 4 and n.endswith("s")]
        alternatives = "|".join(re.escape(name) for name in names)
        self.bodies.append(body)
        self._patterns.append(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE))

    def named(self, owner: str) -> tuple[str, ...]:
        """Return the names of the bodies ``owner`` names, in the bodies' order (see :func:`bodies_named`)."""
        if re.match(r"\s*all bodies\b", owner, re.IGNORECASE):
            return tuple(body.name for body in self.bodies)
        return tuple(
            body.name
            for body, pattern in zip(self.bodies, self._patterns, strict=True)
            if pattern.search(owner)
        )
