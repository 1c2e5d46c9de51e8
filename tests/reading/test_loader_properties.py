"""Properties of the loader: mutated plans never crash it, and valid plans survive dump and load."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from benchmarks.plan_dumper import dump_plan
from plan_cli.basics.errors import InvalidPlanError
from plan_cli.cli.app import app
from plan_cli.plan.model import DependencyStatus, Status
from plan_cli.reading.build import build_plan
from plan_cli.reading.loader import parse_plan
from plan_cli.reading.validation import validate

from ..conftest import PLAN_FILE

REAL_LINES = PLAN_FILE.read_text(encoding="utf-8").split("\n")
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": "", "PLAN_TODAY": ""}
MUTATION_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# --- mutated input ---------------------------------------------------------------

INJECTED = st.sampled_from(
    ["\t", ":", ": ", '"', "'", "&a ", "*a", "!", "!!python/object:os.system ", "\u00a0", "\ufeff", "- ", "[", "{",
     "}", "#", "? ", "|", ">", "%", "@", "`", "---\n", "\n", "\x00", "\u200b", "\\", "~", "<<: "]
)  # fmt: skip
REPLACEMENT = st.one_of(
    INJECTED,
    st.sampled_from(
        ["7.10", "yes", "no", "on", "null", "[]", "{}", "2025-02-30", "06/04/26", "1e999", ".nan", ""]
    ),
    st.text(max_size=8),
)


@st.composite
def mutated_plan(draw: st.DrawFn) -> str:
    """The real plan with a few random edits of the kinds a hurried hand makes."""
    lines = list(REAL_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        kind = draw(st.sampled_from(["delete", "indent", "inject", "value", "swap", "duplicate"]))
        if kind == "delete":
            del lines[index]
        elif kind == "indent":
            lines[index] = " " * draw(st.sampled_from([0, 1, 2, 3, 4, 6, 8, 10, 12])) + line.lstrip(" ")
        elif kind == "inject":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(INJECTED) + line[at:]
        elif kind == "value" and ": " in line:
            key, _, _ = line.partition(": ")
            lines[index] = f"{key}: {draw(REPLACEMENT)}"
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], line
        else:
            lines.insert(index, line)
        if not lines:
            break
    return "\n".join(lines)


@MUTATION_SETTINGS
@given(text=mutated_plan())
def test_mutated_plan_loads_or_fails_with_located_problems(text: str) -> None:
    try:
        loaded = parse_plan(text, "plan.yaml")
    except InvalidPlanError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == "plan.yaml"
            assert problem.line is not None and problem.column is not None, str(problem)
            assert str(problem).startswith(f"plan.yaml:{problem.line}:{problem.column}: ")
    else:
        assert loaded.plan.recommendations


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_plan())
def test_mutated_plan_through_the_cli_exits_0_or_1_without_a_traceback(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["check"], ["status"], ["outstanding", "--json"]):
        result = CliRunner(env=ENV).invoke(app, [*args, "--plan", str(path), "--today", "2026-11-28"])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            assert result.stdout == ""


# --- dump and load ---------------------------------------------------------------

# Published text: anything a person can paste, including the characters YAML gives
# meaning to, a non-breaking space and paragraph breaks; no control characters, bidi controls or
# non-characters (which XML, so a Word export, cannot hold).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NON_CHARACTERS = "".join(map(chr, range(0xFDD0, 0xFDF0))) + "".join(
    chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF)
)
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff" + BIDI_CONTROLS + NON_CHARACTERS
        ),
        st.sampled_from(list(":#&*!|>-?'\"%@`{}[], \u00a0\n")),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)
DAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
FUZZY = st.one_of(
    DAY,
    DAY.map(date.isoformat),
    DAY.map(lambda d: f"{d:%Y-%m}"),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2000, 2099), st.integers(1, 4)),
    st.builds(
        lambda s, y: f"{s} {y}",
        st.sampled_from(["Spring", "Summer", "Autumn", "Winter"]),
        st.integers(2000, 2099),
    ),
    st.integers(2000, 2099),
    st.just("unknown"),
)
NUMBER = st.one_of(st.integers(0, 10**9), st.floats(0, 1e12, allow_nan=False, allow_infinity=False))


@st.composite
def plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data of a valid plan, every optional field sometimes present."""
    names = draw(st.lists(TEXT, min_size=1, max_size=3, unique=True))
    rounds = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    dependencies = draw(st.lists(SLUG, max_size=2, unique=True))

    def optional(data: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
        if draw(st.booleans()):
            data[key] = draw(strategy)

    def update() -> dict[str, Any]:
        out: dict[str, Any] = {"status": draw(st.sampled_from([s.value for s in Status]))}
        if draw(st.booleans()):
            out["text"] = draw(TEXT)
        else:
            out["parts"] = [{"label": draw(TEXT), "text": draw(TEXT)} for _ in range(draw(st.integers(1, 2)))]
        return out

    data: dict[str, Any] = {"title": draw(TEXT), "force": draw(TEXT)}
    for key in ("responds_to", "executive_lead", "operational_lead"):
        optional(data, key, TEXT)
    data["bodies"] = []
    for name in names:
        body: dict[str, Any] = {"name": name}
        optional(body, "aliases", st.lists(TEXT, max_size=2))
        data["bodies"].append(body)
    data["rounds"] = []
    for round_id in rounds:
        declared: dict[str, Any] = {"id": round_id, "title": draw(TEXT)}
        optional(declared, "due", DAY)
        optional(declared, "published", DAY)
        data["rounds"].append(declared)
    if dependencies or draw(st.booleans()):
        data["dependencies"] = []
        for dependency_id in dependencies:
            dependency: dict[str, Any] = {
                "id": dependency_id,
                "title": draw(TEXT),
                "party": draw(TEXT),
                "status": draw(st.sampled_from([s.value for s in DependencyStatus])),
                "raised": draw(st.sampled_from(rounds)),
                "expected": draw(FUZZY),
            }
            optional(dependency, "notes", TEXT)
            data["dependencies"].append(dependency)
    data["recommendations"] = []
    for number in draw(st.lists(st.integers(1, 40), min_size=1, max_size=3, unique=True)):
        rec: dict[str, Any] = {"number": number, "text": draw(TEXT)}
        optional(rec, "deadline", DAY)
        rec["owner"] = draw(TEXT)
        rec["owners"] = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
        rec["items"] = []
        for n in range(1, draw(st.integers(1, 3)) + 1):
            item: dict[str, Any] = {"id": f"{number}.{n}"}
            optional(item, "evidence", TEXT)
            if draw(st.booleans()):
                item["owner"] = draw(TEXT)
                item["owners"] = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
            if dependencies:
                optional(item, "depends_on", st.lists(st.sampled_from(dependencies), max_size=2, unique=True))
            milestones = [
                {"date": draw(FUZZY), "text": draw(TEXT), "raised": draw(st.sampled_from(rounds))}
                for _ in range(draw(st.integers(0, 2)))
            ]
            for milestone in milestones:
                optional(milestone, "done", st.booleans())
            if milestones:
                item["milestones"] = milestones
            if draw(st.booleans()):
                item["measures"] = [
                    {
                        "name": draw(TEXT),
                        "value": draw(NUMBER),
                        "target": draw(NUMBER),
                        "as_of": draw(FUZZY),
                        "raised": draw(st.sampled_from(rounds)),
                    }
                ]
            chosen = draw(st.lists(st.sampled_from(rounds), min_size=1, unique=True))
            item["updates"] = {round_id: update() for round_id in chosen}
            rec["items"].append(item)
        data["recommendations"].append(rec)
    return data


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(data=plan_data())
def test_valid_plans_survive_dump_and_load_unchanged(data: dict[str, Any]) -> None:
    assert validate(data) == []  # the strategy builds valid plans only
    plan = build_plan(data)
    written = dump_plan(plan)
    assert parse_plan(written, "plan.yaml").plan == plan, written


def test_the_real_plan_survives_dump_and_load_unchanged() -> None:
    plan = parse_plan(PLAN_FILE.read_text(encoding="utf-8"), str(PLAN_FILE)).plan
    assert parse_plan(dump_plan(plan), "dumped.yaml").plan == plan
