import copy
import pickle
from datetime import date

import pytest

from plan_cli.plan.model import FuzzyDate, Plan, Status, parse_fuzzy_date

from ..factories import dependency, item, plan, update


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-06-26", date(2026, 6, 26), date(2026, 6, 26)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("Spring 2026", date(2026, 3, 1), date(2026, 5, 31)),
        ("Summer 2026", date(2026, 6, 1), date(2026, 8, 31)),
        ("Autumn 2026", date(2026, 9, 1), date(2026, 11, 30)),
        ("Winter 2026", date(2026, 12, 1), date(2027, 2, 28)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_fuzzy_date_periods(text: str, start: date, end: date) -> None:
    parsed = parse_fuzzy_date(text)
    assert (parsed.start, parsed.end, parsed.text) == (start, end, text)


def test_fuzzy_date_from_yaml_values() -> None:
    assert parse_fuzzy_date(date(2026, 6, 26)).end == date(2026, 6, 26)
    assert parse_fuzzy_date(2026).end == date(2026, 12, 31)


def test_unknown_date_never_passes() -> None:
    unknown = parse_fuzzy_date("unknown")
    assert not unknown.known
    assert not unknown.has_passed(date(2100, 1, 1))


@pytest.mark.parametrize(
    ("text", "today", "passed"),
    [
        ("Spring 2026", date(2026, 5, 31), False),
        ("Spring 2026", date(2026, 6, 1), True),
        ("2026-Q2", date(2026, 6, 30), False),
        ("2026-Q2", date(2026, 7, 1), True),
        ("2026-06-26", date(2026, 6, 26), False),
        ("2026-06-26", date(2026, 6, 27), True),
    ],
)
def test_fuzzy_date_passes_only_after_its_whole_period(text: str, today: date, passed: bool) -> None:
    assert parse_fuzzy_date(text).has_passed(today) is passed


@pytest.mark.parametrize("bad", ["06/04/26", "2026-13", "2026-Q5", "Sprint 2026", "soon", "2026-02-30"])
def test_fuzzy_date_rejects_other_forms(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_fuzzy_date(bad)


def test_status_severity_orders_blocked_worst() -> None:
    worst = max(Status, key=lambda s: s.severity)
    assert worst is Status.BLOCKED
    assert Status.COMPLETE.is_done and Status.SUPERSEDED.is_done
    assert not Status.IN_PROGRESS.is_done


def test_fuzzy_date_str_is_source_text() -> None:
    assert str(FuzzyDate("Spring 2026", None, None)) == "Spring 2026"


def _sample_plan() -> Plan:
    return plan(item("7.1", update("initial")), item("7.2"), dependencies=(dependency("niche"),))


def test_plans_with_the_same_fields_are_equal_and_hash_alike() -> None:
    a, b = _sample_plan(), _sample_plan()
    assert a is not b and a == b and hash(a) == hash(b)
    assert a != a._replace(force="Other Police")
    assert a != (a.title, a.force)


def test_plan_is_immutable() -> None:
    p = _sample_plan()
    with pytest.raises(AttributeError, match="immutable"):
        p.title = "Changed"
    with pytest.raises(AttributeError, match="immutable"):
        del p.force
    assert p.title == "Test"


def test_plan_replace_rebuilds_the_lookups() -> None:
    p = _sample_plan()
    later = p._replace(recommendations=(), dependencies=())
    assert (later.items, later.item("7.1"), later.dependency("niche"), later.recommendation(7)) == (
        (),
        None,
        None,
        None,
    )
    assert p.item("7.1") is not None and p.dependency("niche") is not None
    with pytest.raises(TypeError):
        p._replace(titel="Typo")


def test_plan_survives_copy_and_pickle() -> None:
    p = _sample_plan()
    for again in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert again == p
        assert again.item("7.2") == p.item("7.2")


def test_plan_repr_names_the_published_fields_only() -> None:
    text = repr(_sample_plan())
    assert text.startswith("Plan(title='Test', force='Test Police', bodies=(Body(name='Chief Constables'")
    assert "_item_index" not in text and "operational_lead=None, accepted=())" in text
