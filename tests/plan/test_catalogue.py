"""The shipped catalogue: the template's recommendations and evidence requirements, as the seed publishes them."""

from __future__ import annotations

from plan_cli.importer import import_plan
from plan_cli.plan.catalogue import bodies_named, load_catalogue
from plan_cli.plan.model import Body
from plan_cli.reading.loader import parse_plan

from ..conftest import FIXTURES

SEED = FIXTURES / "seed" / "northumbria-stalking-action-plan-march-2026.txt"


def test_every_text_is_the_seeds_except_the_noted_deviations() -> None:
    seed = parse_plan(import_plan(SEED.read_bytes(), SEED.name).text).plan
    catalogue = load_catalogue()
    assert [r.number for r in catalogue.recommendations] == [r.number for r in seed.recommendations]
    differing = {}
    for entry in catalogue.recommendations:
        published = seed.recommendation(entry.number)
        assert published is not None
        assert [(i.id, i.evidence) for i in entry.items] == [(i.id, i.evidence) for i in published.items]
        assert entry.addressees == published.owner
        assert entry.owners == published.owners
        if entry.text != published.text:
            differing[entry.number] = (entry.text, published.text)
    assert sorted(differing) == [17, 28]
    assert differing[17][0] == "By " + differing[17][1]
    assert differing[28][0] == differing[28][1].replace("22 November 2025", "22 November 2024", 1)
    deviations = {r.number: r.deviation for r in catalogue.recommendations if r.deviation}
    assert sorted(deviations) == [17, 28]
    assert 'omits the opening "By"' in (deviations[17] or "")
    assert "22 November 2025" in (deviations[28] or "")


def test_deadlines_are_the_dates_the_texts_open_with() -> None:
    for entry in load_catalogue().recommendations:
        assert entry.deadline is not None
        assert entry.text.startswith(f"By {entry.deadline.day} {entry.deadline:%B %Y}"), entry.number


def test_bodies_named_by_an_owner_text() -> None:
    bodies = load_catalogue().bodies
    assert bodies_named("Chief Constables", bodies) == ("Chief Constables",)
    assert bodies_named("Chief Constable", bodies) == ("Chief Constables",)
    assert bodies_named("CCs, PCs and their mayor equivalents", bodies) == (
        "Chief Constables",
        "Police and Crime Commissioners",
    )
    assert bodies_named("All bodies subject to recommendations", bodies) == tuple(b.name for b in bodies)
    assert bodies_named("ACC Smith", bodies) == ()
    assert bodies_named("PCSOs", (Body("PCs"),)) == ()  # whole words only
