"""The national roll-up's documents (Markdown, HTML, the two CSVs): golden files and hostile plan text.

Golden files (tests/golden/national*) hold each document for the three
example plans of tests/fixtures/forces/ on 15 June 2026. After a deliberate
change to a template, regenerate them with

    PLAN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/national/test_documents.py

and review the diff before committing.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from plan_cli.documents.filters import csv_row
from plan_cli.documents.filters import status_words as filters_status_words
from plan_cli.documents.render import render_document
from plan_cli.national import force_figures, report_data, rollup

from ..conftest import FIXTURES

FORCES = FIXTURES / "forces"
GOLDEN = Path(__file__).parent.parent / "golden"
TODAY = date(2026, 6, 15)
UPDATE = os.environ.get("PLAN_UPDATE_GOLDEN") == "1"
PARSER = MarkdownIt("commonmark").enable("table")
HOSTILE_FORCE = '=HYPERLINK("http://x") <script>alert(1)</script> | [x](javascript:alert(1))'


def document(template: str, folder: Path = FORCES, **selection: object) -> str:
    roll = rollup.roll_up(
        rollup.plan_files([folder]),
        TODAY,
        force_figures.Selection(**selection),  # type: ignore[arg-type]
    )
    return render_document(report_data.national_context(roll), template)


@pytest.mark.parametrize("fmt", ["national.md", "national.html", "national.csv", "national-forces.csv"])
def test_documents_match_their_golden_files(fmt: str) -> None:
    data = document(f"{fmt}.j2").replace(str(FORCES), "forces").encode("utf-8")
    path = GOLDEN / fmt
    if UPDATE:
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with PLAN_UPDATE_GOLDEN=1 to create it"
    assert data == path.read_bytes(), f"national.{fmt} differs from its golden file; see the module docstring"


def test_csv_has_a_row_per_recommendation_and_item_with_the_counts() -> None:
    text = document("national.csv.j2")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(row["Recommendation"], row["Item"]) for row in rows] == [
        ("7", "All"),
        ("7", "7.1"),
        ("7", "7.2"),
        ("14", "All"),
        ("14", "14.1"),
        ("25", "All"),
        ("25", "25.1"),
        ("25", "25.2"),
    ]
    item_25_1 = rows[6]
    assert (item_25_1["Not started"], item_25_1["In progress"], item_25_1["Complete"]) == ("1", "1", "1")
    assert item_25_1["No answer: no update in latest round"] == "Fenland Police"
    assert rows[2]["No answer: not in plan"] == "Fenland Police"


def test_forces_csv_has_a_row_per_force_with_its_missing_answers_on_one_line() -> None:
    roll = rollup.roll_up(rollup.plan_files([FORCES]), TODAY, force_figures.Selection())
    context = report_data.national_context(roll)
    text = render_document(context, "national-forces.csv.j2")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["Force"] for row in rows] == [force["force"] for force in context["forces"]]
    words = {gaps["force"]: gaps["words"] for gaps in context["missing_answers"]}
    assert {row["Force"]: row["Missing answers"] for row in rows} == {
        force["force"]: words.get(force["force"], "") for force in context["forces"]
    }
    fenland = next(row for row in rows if row["Force"] == "Fenland Police")
    assert fenland["Missing answers"].startswith("not in its plan: ")
    assert fenland["Not in its plan"] and fenland["No update in its latest round"] == "25.1"
    for row, force in zip(rows, context["forces"], strict=True):
        counts = [int(row[word]) for word in map(filters_status_words, context["statuses"])]
        assert counts == list(force["status_counts"].values())
        assert int(row["Items"]) == sum(counts)


def test_forces_csv_says_once_when_nothing_matches_a_force() -> None:
    text = document("national-forces.csv.j2", owner="Deputy Mayor")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    quiet = [row["Force"] for row in rows if row["Missing answers"] == "nothing matches the filters"]
    assert quiet and len(quiet) < len(rows)


def test_markdown_counts_the_left_out_plans(tmp_path: Path) -> None:
    for path in FORCES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    text = document("national.md.j2", tmp_path)
    assert text.startswith("# National roll-up: 3 of 4 plans\n")
    assert f"- **{tmp_path / 'broken.yaml'}**: 1 problem:" in text


def test_markdown_says_what_is_selected() -> None:
    text = document("national.md.j2", recommendation=25, owner="PFCC")
    assert "Showing only recommendation 25; items owned by PFCC.\n" in text


def hostile_folder(tmp_path: Path) -> Path:
    text = (FORCES / "wearside.yaml").read_text(encoding="utf-8")
    text = text.replace("force: Wearside Constabulary", f"force: '{HOSTILE_FORCE}'")
    text = text.replace(
        "title: A replacement for the victims' support app",
        "title: '<img src=x onerror=alert(1)> `code` &amp; | pipe'",
    )
    (tmp_path / "hostile.yaml").write_text(text, encoding="utf-8")
    shutil.copy(FORCES / "fenland.yaml", tmp_path / "fenland.yaml")
    return tmp_path


def test_markdown_shows_hostile_text_as_text(tmp_path: Path) -> None:
    text = document("national.md.j2", hostile_folder(tmp_path))
    found = PARSER.parse(text)
    kinds = {token.type for token in found} | {
        child.type for token in found for child in token.children or []
    }
    assert not kinds & {"html_inline", "html_block", "link_open", "code_inline"}
    header_cells = None
    for index, token in enumerate(found):
        if token.type == "tr_open":
            cells = 0
            for later in found[index + 1 :]:
                if later.type == "tr_close":
                    break
                cells += later.type in ("th_open", "td_open")
            header_cells = header_cells or cells
            assert cells == header_cells or token.level > 0
    rendered = PARSER.render(text)
    assert "<script>" not in rendered and "<img" not in rendered


class Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_hostile_text(tmp_path: Path) -> None:
    page = document("national.html.j2", hostile_folder(tmp_path))
    parsed = Texts()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert HOSTILE_FORCE in "".join(parsed.text)
    assert "<img src=x onerror=alert(1)> `code` &amp; | pipe" in "".join(parsed.text)


@pytest.mark.parametrize("template", ["national.csv.j2", "national-forces.csv.j2"])
def test_csv_keeps_hostile_text_from_running_as_a_formula(tmp_path: Path, template: str) -> None:
    text = document(template, hostile_folder(tmp_path))
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + HOSTILE_FORCE in cells  # 25.2 is not in the hostile plan
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.parametrize(
    ("cells", "line"),
    [
        (["a", 1, 'say "hi"'], 'a,1,"say ""hi"""'),
        (["=1+1", "-x", "+x", "@x", "\tx"], "'=1+1,'-x,'+x,'@x,'\tx"),
        (["one\ntwo", "a,b"], '"one\ntwo","a,b"'),
        ([-3, 2.5, None], "-3,2.5,"),
    ],
)
def test_csv_row_quotes_and_neutralises(cells: list[object], line: str) -> None:
    assert csv_row(cells) == line


@given(st.lists(st.one_of(st.text(), st.integers()), min_size=1, max_size=6))
def test_csv_row_reads_back_as_the_cells(cells: list[str | int]) -> None:
    [row] = list(csv.reader(io.StringIO(csv_row(cells), newline="")))
    expected = [
        "'" + cell
        if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        else str(cell)
        for cell in cells
    ]
    assert row == expected


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_documents_say_how_the_map_is_sorted(fmt: str) -> None:
    text = document(f"national.{fmt}.j2", sort="overdue")
    assert "Sorted by days the next round is overdue, most first." in text
    assert "Sorted by" not in document(f"national.{fmt}.j2")
