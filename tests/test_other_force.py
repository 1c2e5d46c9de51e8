"""Every command on a second, differently shaped plan names nothing of the shipped plan's force.

tests/fixtures/other-force.yaml has another force, other bodies, other round ids,
titles and cadence, and recommendations the shipped plan lacks. Hints, examples,
defaults and help must come from the plan at hand or be neutral.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import COMMANDS, app

from .conftest import FIXTURES, PLAN_FILE, ROOT

OTHER = FIXTURES / "other-force.yaml"
ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": str(OTHER)}
# The shipped plan's force, people, systems, rounds and ids: none may leak into another force's output.
SHIPPED = re.compile(
    r"Northumbria|Simpson|Walker|Alastair|Nicola|Minerva|Niche|Nutshell|Guardian|NSIP|CASQT|"
    r"March 202[5-7]|march-202[5-7]|minerva-niche|PCs\b",
    re.IGNORECASE,
)
RUNS = [
    ["status"],
    ["status", "--json"],
    ["outstanding"],
    ["outstanding", "--json", "--all"],
    ["outstanding", "--owner", "PFCC", "--owner", "COs"],
    ["outstanding", "--owner", "Police and Crime Commissioner"],
    ["outstanding", "--owner", "nobody at all"],
    ["outstanding", "--status", "complete"],
    ["outstanding", "--blocked-by", "athena-flag"],
    ["outstanding", "--blocked-by", "nothing-like-it"],
    ["outstanding", "--rec", "1"],
    ["show", "3.1"],
    ["show", "29"],
    ["show", "29", "--json"],
    ["show", "99.9"],
    ["check"],
    ["check", "--verbose", "--strict"],
    ["check", "--json"],
    ["schema"],
    ["report"],
    ["draft"],
    ["draft", "--round", "April 2027 Progress Review", "--due", "2027-04-30"],
    ["export", "--format", "md"],
    ["export", "--format", "html"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["deps"],
    ["deps", "--all", "--json"],
    ["dependencies", "--all"],
    ["deadlines"],
    ["deadlines", "--json"],
    ["deadlines", "--format", "ics"],
    ["deadlines", "--owner", "COs"],
    ["export", "--format", "html", "--fragment"],
    ["national", str(OTHER)],
    ["national", str(OTHER), "--format", "md"],
    ["national", str(OTHER), "--owner", "PFCC", "--json"],
    ["help"],
    ["--help"],
    ["--version"],
    ["outstanding", "--no-such-option"],
    ["no-such-command"],
    *[[name, "--help"] for name in COMMANDS],
    *[["help", name] for name in COMMANDS if name != "round"],  # plan help round is the manual page
]


def test_every_command_is_run() -> None:
    assert {args[0] for args in RUNS} >= set(COMMANDS) - {"init"}


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_output_names_nothing_of_the_shipped_plan(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env=ENV).invoke(app, args)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    leaked = SHIPPED.findall(result.stdout + result.stderr)
    assert leaked == [], f"{' '.join(args)} printed {leaked}:\n{result.stdout}{result.stderr}"
    assert result.stdout + result.stderr, "every run says something"


def test_init_from_the_other_plan_names_nothing_of_the_shipped_plan(tmp_path: Path) -> None:
    target = tmp_path / "started.yaml"
    result = CliRunner(env=ENV).invoke(
        app, ["init", str(target), "--force-name", "Kent Police", "--from", str(OTHER)]
    )
    assert result.exit_code == 0, result.stderr
    written = target.read_text(encoding="utf-8")
    assert SHIPPED.findall(written + result.stdout + result.stderr) == []


@pytest.mark.parametrize(
    "args", [["export", "--format", "docx"], ["report", "--format", "docx"]], ids=" ".join
)
def test_word_documents_name_nothing_of_the_shipped_plan(args: list[str], tmp_path: Path) -> None:
    import zipfile

    target = tmp_path / "out.docx"
    result = CliRunner(env=ENV).invoke(app, [*args, "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(target) as document:
        text = " ".join(
            document.read(name).decode("utf-8") for name in document.namelist() if name.endswith(".xml")
        )
    assert "Wessex Constabulary" in text
    assert SHIPPED.findall(text) == []


def test_no_code_or_template_names_the_shipped_plan() -> None:
    """Hints, examples and defaults come from the plan at hand: the code names nothing of one force's plan.

    The recommendations' catalogue is the national text, and the manual pages
    quote data/plan.yaml's real output on purpose; neither is searched.
    """
    sources = [*(ROOT / "plan_cli").rglob("*.py"), *(ROOT / "templates").glob("*.j2")]
    assert len(sources) > 50
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SHIPPED.search(line)
    ]
    assert found == []


def test_the_pattern_catches_the_shipped_plan() -> None:
    env = {**ENV, "PLAN_FILE": str(PLAN_FILE)}
    result = CliRunner(env=env).invoke(app, ["status"])
    assert SHIPPED.search(result.stdout)
