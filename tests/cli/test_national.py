"""plan national end to end: the three example forces, a bad fourth plan, filters, formats, writing.

The figures themselves are checked against hand-worked ones in tests/test_national.py;
here, that the command shows them, reports what it left out and exits as documented.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from ..conftest import FIXTURES

FORCES = FIXTURES / "forces"
GOLDEN = Path(__file__).parent.parent / "golden"
ENV: dict[str, str | None] = {
    "COLUMNS": "80",
    "PLAN_TODAY": "2026-06-15",
    "NO_COLOR": "1",
    "PLAN_FILE": "",
    "FORCE_COLOR": None,
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run(*args: str | Path, **env: str | None) -> Result:
    result = CliRunner(env={**ENV, **env}).invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def with_bad_fourth(tmp_path: Path) -> Path:
    for path in FORCES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    text = (FORCES / "fenland.yaml").read_text(encoding="utf-8")
    text = text.replace("force: Fenland Police", "force: Moorland Police").replace(
        "status: blocked", "status: stuck"
    )
    (tmp_path / "moorland.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_terminal_output_shows_each_part() -> None:
    result = run("national", FORCES)
    assert result.code == 0, result.err
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "National roll-up: 3 of 3 plans, as at 15 Jun 2026"
    assert "    next round: Year-end Update, due 31 Dec 2025, 166 days overdue" in lines
    assert "    25.1  3 forces: 1 not-started, 1 in-progress, 1 complete" in lines
    assert "  Fenland Police: not in its plan: 14, 7.2; no update in its latest round: 25.1" in lines
    assert "    latest round: Half-year Update, published 4 Jul 2025, due 30 Jun 2025" in lines
    assert not any("no answer" in line for line in lines)
    assert "  minerva-niche: 2 forces, 2 items held up, longest wait 592 days" in lines
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)


def test_colour_and_plain_say_the_same() -> None:
    plain = run("national", FORCES).out
    coloured = run("national", FORCES, NO_COLOR=None, FORCE_COLOR="1", TERM="xterm-256color").out
    assert ANSI.search(coloured)
    assert [line.rstrip() for line in ANSI.sub("", coloured).splitlines()] == plain.splitlines()


def test_a_bad_fourth_plan_is_reported_left_out_and_exits_1(with_bad_fourth: Path) -> None:
    result = run("national", with_bad_fourth)
    assert result.code == 1
    assert result.out.startswith("National roll-up: 3 of 4 plans, as at 15 Jun 2026\n")
    assert "Moorland" not in result.out
    bad = with_bad_fourth / "moorland.yaml"
    assert f"{bad}: left out of the figures (1 problem):" in result.err
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: item \d+\.\d+, .*'stuck' is not a status", result.err)
    assert result.err.rstrip().endswith(
        "The figures count 3 of 4 plans: 1 file left out. "
        "Fix it (plan check --plan FILE lists every problem) and run again."
    )


def test_json_is_one_object_and_still_exits_1_with_a_bad_plan(with_bad_fourth: Path) -> None:
    result = run("national", with_bad_fourth, "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert {"forces", "recommendations", "dependencies"} <= set(data)
    assert data["plans"] == {"given": 4, "counted": 3}
    assert [Path(entry["path"]).name for entry in data["left_out"]] == ["moorland.yaml"]
    assert [entry["force"] for entry in data["forces"]] == [
        "Fenland Police",
        "Harbour City Police Service",
        "Wearside Constabulary",
    ]


def test_json_is_the_json_format() -> None:
    assert run("national", FORCES, "--json").out == run("national", FORCES, "--format", "json").out


def test_files_can_be_named_one_by_one() -> None:
    result = run("national", FORCES / "wearside.yaml", FORCES / "fenland.yaml", "--json")
    data = json.loads(result.out)
    assert [entry["force"] for entry in data["forces"]] == ["Wearside Constabulary", "Fenland Police"]


def test_two_plans_of_one_force_count_the_newer_and_name_the_other(tmp_path: Path) -> None:
    text = (FORCES / "fenland.yaml").read_text(encoding="utf-8")
    assert "published: 2025-07-04" in text
    (tmp_path / "a.yaml").write_text(text.replace("published: 2025-07-04", "published: 2025-08-01"), "utf-8")
    (tmp_path / "b.yaml").write_text(text, "utf-8")
    result = run("national", tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("National roll-up: 1 of 2 plans")
    assert (
        f"{tmp_path / 'b.yaml'}: left out of the figures: an older plan for Fenland Police than "
        f"{tmp_path / 'a.yaml'}: its latest round published 4 July 2025, that plan's 1 August 2025; "
        "only the newer plan is counted."
    ) in " ".join(result.err.split())
    data = json.loads(run("national", tmp_path, "--json").out)
    assert [entry["path"] for entry in data["forces"]] == [str(tmp_path / "a.yaml")]
    assert [entry["path"] for entry in data["set_aside"]] == [str(tmp_path / "b.yaml")]
    markdown = run("national", tmp_path, "--format", "md").out
    assert f"- **{tmp_path / 'b.yaml'}**: an older plan for Fenland Police" in markdown


def test_two_plans_published_alike_count_the_newer_file(tmp_path: Path) -> None:
    import os

    for name, when in (("a.yaml", 2_000_000_000), ("b.yaml", 1_000_000_000)):
        shutil.copy(FORCES / "fenland.yaml", tmp_path / name)
        os.utime(tmp_path / name, (when, when))
    data = json.loads(run("national", tmp_path, "--json").out)
    assert [entry["path"] for entry in data["forces"]] == [str(tmp_path / "a.yaml")]
    assert "the same latest publication, an older file" in data["set_aside"][0]["why"]


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [
        ("md", "national.md"),
        ("html", "national.html"),
        ("csv", "national.csv"),
        ("forces-csv", "national-forces.csv"),
    ],
)
def test_formats_are_the_golden_documents(fmt: str, golden: str) -> None:
    result = run("national", FORCES, "--format", fmt)
    assert result.code == 0, result.err
    assert result.out.replace(str(FORCES), "forces") == (GOLDEN / golden).read_text(encoding="utf-8")


def test_output_is_written_once_and_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "national.html"
    first = run("national", FORCES, "--format", "html", "--output", target)
    assert first.code == 0 and first.out == ""
    assert target.read_bytes() == (GOLDEN / "national.html").read_bytes()
    target.write_text("keep me", encoding="utf-8")
    refused = run("national", FORCES, "--format", "html", "--output", target)
    assert refused.code == 1 and "--force" in refused.err
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run("national", FORCES, "--format", "html", "--output", target, "--force")
    assert forced.code == 0
    assert target.read_bytes() == (GOLDEN / "national.html").read_bytes()


def test_output_alone_writes_markdown(tmp_path: Path) -> None:
    target = tmp_path / "national.md"
    assert run("national", FORCES, "-o", target).code == 0
    assert target.read_bytes() == (GOLDEN / "national.md").read_bytes()


def test_filters_reach_the_roll_up() -> None:
    data = json.loads(
        run("national", FORCES, "--json", "--rec", "25", "--status", "IN-PROGRESS", "--owner", "pfcc").out
    )
    assert data["selection"] == {
        "recommendation": 25,
        "status": "in-progress",
        "owner": "pfcc",
        "forces": [],
        "sort": None,
    }
    assert [item["id"] for rec in data["recommendations"] for item in rec["items"]] == ["25.2"]
    named = json.loads(
        run("national", FORCES, "--json", "--force-name", "fen", "--force-name", "HARBOUR").out
    )
    assert [entry["force"] for entry in named["forces"]] == ["Fenland Police", "Harbour City Police Service"]


def test_the_same_file_joins_dependencies(tmp_path: Path) -> None:
    mapping = tmp_path / "same.yaml"
    mapping.write_text("minerva-niche: [niche-classification]\n", encoding="utf-8")
    data = json.loads(run("national", FORCES, "--json", "--same", mapping).out)
    assert data["dependencies"][0]["forces"] == [
        "Fenland Police",
        "Harbour City Police Service",
        "Wearside Constabulary",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--status", "purple"], 2, "--status 'purple' is not a status; write one of: not started"),
        (["--status", "amber"], 2, "--status 'amber' could mean 'in progress' or 'blocked'"),
        (["--rec", "99"], 2, "no plan has a recommendation 99"),
        (["--force-name", "Gotham"], 2, "no force matches Gotham"),
        (
            ["--format", "pdf"],
            2,
            "--format 'pdf' is not a format here; choose one of: md, html, csv, forces-csv, docx, json",
        ),
        (["--json", "--format", "md"], 2, "--json prints JSON; drop it"),
        (["--format", "json", "--template", "x.j2"], 2, "built without a template"),
        (["--today", "soon"], 2, "--today 'soon' is not a date"),
    ],
)
def test_usage_errors(args: list[str], code: int, message: str) -> None:
    result = run("national", FORCES, *args)
    assert result.code == code
    assert message in result.err
    assert result.out == ""


def test_a_bad_same_file_is_located(tmp_path: Path) -> None:
    mapping = tmp_path / "same.yaml"
    mapping.write_text("a: [b]\nc: [b]\n", encoding="utf-8")
    result = run("national", FORCES, "--same", mapping)
    assert result.code == 1
    assert f"{mapping}:2:5: 'b' is already the same as a" in result.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [b]\na: [c]\n", "{file}:2:1: a: duplicate key 'a' (first at line 1); each id may appear once\n"),
        (
            "- a\n- b\n",
            "{file}:1:1: must be a mapping, e.g. a: [b, c] (each id with the ids that are the same); not a list\n",
        ),
        (
            "a: [b\n",
            "{file}:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)\n",
        ),
    ],
    ids=["duplicate-key", "a-list", "bad-yaml"],
)
def test_a_bad_same_file_gets_one_error_about_that_file(tmp_path: Path, text: str, expected: str) -> None:
    mapping = tmp_path / "same.yaml"
    mapping.write_text(text, encoding="utf-8")
    result = run("national", FORCES, "--same", mapping)
    assert (result.code, result.out) == (1, "")
    assert result.err == expected.format(file=mapping), "nothing about plans, no 'plan check'"


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("national", tmp_path)
    assert result.code == 2
    assert "no *.yaml files in this folder" in result.err


def test_a_user_template_gets_the_same_context(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{% for f in forces %}{{ f.force }}: {{ f.status_counts['blocked'] }}\n{% endfor %}", encoding="utf-8"
    )
    result = run("national", FORCES, "--template", template)
    assert result.code == 0, result.err
    assert result.out == "Fenland Police: 1\nHarbour City Police Service: 1\nWearside Constabulary: 1\n"


@pytest.mark.parametrize("owner", ["PCC", "Chief Constable"])
def test_owner_filters_deadlines_as_plan_deadlines_does(owner: str) -> None:
    national = json.loads(run("national", FORCES, "--owner", owner, "--json").out)
    compared = 0
    for force in national["forces"]:
        alone = run("deadlines", "--plan", force["path"], "--owner", owner, "--json")
        if alone.code != 0:
            assert force["passed_deadlines"] == [], force["force"]
            continue
        expected = [(e["kind"], e["ref"], e["date"]) for e in json.loads(alone.out) if e["state"] == "passed"]
        shown = [(e["kind"], e["ref"], e["date"]) for e in force["passed_deadlines"]]
        assert shown == expected, force["force"]
        compared += 1
    assert compared >= 1


def test_rec_filters_deadlines_to_that_recommendation() -> None:
    national = json.loads(run("national", FORCES, "--rec", "25", "--json").out)
    for force in national["forces"]:
        for entry in force["passed_deadlines"]:
            assert entry["kind"] == "round" or any(item.startswith("25.") for item in entry["items"]), entry


def test_force_with_nothing_matching_says_so_once() -> None:
    result = run("national", FORCES, "--owner", "PCC")
    assert result.code == 0, result.err
    block = result.out.split("  Harbour City Police Service\n", 1)[1].split("\n  ", 1)[0]
    assert block.strip() == "nothing matches the filters"
    assert result.out.count("nothing matches the filters") == 1


@pytest.mark.parametrize(
    "filters", [(), ("--owner", "PCC"), ("--rec", "14"), ("--status", "blocked"), ("--force-name", "fen")]
)
@pytest.mark.parametrize("fmt", [None, "md", "html", "csv", "forces-csv", "json"])
def test_no_output_says_none(filters: tuple[str, ...], fmt: str | None) -> None:
    result = run("national", FORCES, *filters, *(("--format", fmt) if fmt else ()))
    assert result.code == 0, result.err
    text = result.out.replace("null", "") if fmt == "json" else result.out
    assert not re.search(r"\bNone\b", text)


def test_follow_on_lines_are_indented_on_a_narrow_screen() -> None:
    lines = run("national", FORCES, COLUMNS="40").out.splitlines()
    table = lines.index("  Period    Forces    N    P    B    C    S")  # a table of figures is not wrapped
    assert all(len(line) <= 40 for index, line in enumerate(lines) if not table <= index <= table + 4)
    missing = lines[lines.index("Missing answers") + 1 :]
    missing = missing[: missing.index("")]
    assert missing[0].startswith("  Fenland Police: ")
    assert len(missing) > 2
    assert all(line.startswith("  ") for line in missing)
    assert not any(line == line.lstrip() for line in lines if line and line[0].islower())


def test_terminal_map_is_one_character_per_cell_and_plain_when_piped() -> None:
    lines = run("national", FORCES, "--sort", "complete").out.splitlines()
    start = lines.index("Map: worst status by recommendation")
    assert lines[start + 1] == "  Sorted by share of items complete, lowest first."
    assert lines[start + 2].endswith("12") and lines[start + 3].endswith("745")
    assert lines[start + 4] == "  Fenland Police              B-N"
    assert lines[start + 5] == "  Wearside Constabulary       BPP"
    assert lines[start + 6] == "  Harbour City Police Service BSP"
    assert "B blocked, N not started" in lines[start + 7]


def test_terminal_map_is_coloured_on_a_terminal() -> None:
    coloured = run("national", FORCES, NO_COLOR=None, FORCE_COLOR="1", TERM="xterm-256color").out
    row = next(line for line in coloured.splitlines() if line.startswith("  Fenland Police ") and "B" in line)
    assert ANSI.search(row)
    assert ANSI.sub("", row).rstrip() == "  Fenland Police              B-N"


def test_an_unknown_sort_is_a_usage_error_naming_the_orders() -> None:
    result = run("national", FORCES, "--sort", "worst")
    assert result.code == 2
    assert "--sort 'worst' is not an order; choose one of: complete" in " ".join(result.err.split())


def test_html_draws_the_map_as_inline_svg_with_a_title_and_each_force() -> None:
    page = run("national", FORCES, "--format", "html").out
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert '<title id="national-map-title">' in svg
    for force in ("Fenland Police", "Harbour City Police Service", "Wearside Constabulary"):
        assert force in svg
    assert "<script" not in page
    assert page.count("<svg") == 2


def test_docx_is_written_to_a_file_and_refuses_a_template(tmp_path: Path) -> None:
    out = tmp_path / "national.docx"
    assert run("national", FORCES, "--format", "docx", "--output", out).code == 0
    assert out.read_bytes()[:2] == b"PK"
    template = tmp_path / "t.j2"
    template.write_text("x", encoding="utf-8")
    refused = run("national", FORCES, "--format", "docx", "--template", template)
    assert refused.code == 2
    assert "--format docx is built without a template" in refused.err
