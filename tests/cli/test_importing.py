"""plan import: stdout or an atomic --output, bad input refused with nothing written, exports round-trip."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_cli.documents.formats import EXPORTS
from plan_cli.plan.model import Plan, Round, Status
from plan_cli.questions.rounds import reported_rounds
from plan_cli.reading.loader import load_plan, parse_plan

from .. import factories
from ..conftest import PLAN_FILE
from .runner import run

HERE = Path(__file__).parent.parent
SEED = HERE / "fixtures" / "seed" / "northumbria-stalking-action-plan-march-2026.txt"
WEBSITE = HERE / "fixtures" / "import" / "force-website.html"
TODAY = date(2026, 11, 28)


def test_import_writes_the_plan_to_stdout_and_a_summary_to_stderr() -> None:
    code, out, err = run("import", str(SEED))
    assert code == 0, err
    assert parse_plan(out, "stdout.yaml").plan.force == "Northumbria Police"
    assert "$schema" not in out
    assert err.splitlines() == [
        "Imported 14 recommendations, 33 evidence items and 97 updates in 3 rounds "
        "(Initial Action Plan Response, March 2025 Update, March 2026 Update) from the table.",
        "97 updates need a status: the source states none. Each says 'status: unstated'; judge one from its "
        "text, then run: plan check --plan FILE",
    ]


def test_import_to_output_then_check_warns_at_each_item_needing_a_status(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    code, out, err = run("import", str(WEBSITE), "--output", str(target))
    assert code == 0, err
    assert out == ""
    assert f"Wrote the imported plan to {target}." in err
    assert "\n6 updates need a status: the source states none." in err
    code, out, err = run("check", "--plan", str(target))
    assert code == 0
    needing = [line for line in err.splitlines() + out.splitlines() if "needs a status" in line]
    assert [line.split("warning: ")[1].split(" needs")[0] for line in needing] == [
        "item 7.1",
        "item 7.2",
        "item 10.1",
    ]


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("kept\n")
    code, out, err = run("import", str(SEED), "--output", str(target))
    assert code == 1 and out == ""
    assert "already exists; pass --force to overwrite it" in err
    assert target.read_text() == "kept\n"
    code, _, err = run("import", str(SEED), "--output", str(target), "--force")
    assert code == 0, err
    assert load_plan(target).plan.force == "Northumbria Police"


def test_the_rounds_the_source_reports_are_published_on_the_day_of_the_import() -> None:
    code, out, _ = run("import", str(SEED), "--today", "2026-05-01")
    assert code == 0
    imported = parse_plan(out).plan
    assert [(r.id, r.published) for r in imported.rounds] == [
        ("initial", date(2026, 5, 1)),
        ("march-2025", date(2026, 5, 1)),
        ("march-2026", date(2026, 5, 1)),
    ]
    assert "    published: 2026-05-01  # by this day, when it was imported\n" in out


def test_force_name_replaces_the_named_force_with_a_comment() -> None:
    code, out, _ = run("import", str(SEED), "--force-name", "Wessex Constabulary")
    assert code == 0
    assert "force: Wessex Constabulary  # source: names the force Northumbria Police\n" in out


def test_the_schema_line_points_at_the_schema_from_the_output(tmp_path: Path) -> None:
    (tmp_path / "plan.schema.json").write_text("{}")
    (tmp_path / "data").mkdir()
    code, _, err = run("import", str(SEED), "--output", str(tmp_path / "data" / "plan.yaml"))
    assert code == 0, err
    first = (tmp_path / "data" / "plan.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../plan.schema.json"


# ---- bad input: a clear error, exit 1, nothing written ------------------------------------------

PLAN_TABLE = (
    "<table><tr><th>Rec. No.</th><th>Recommendation</th><th>Evidence requirements</th><th>Owner</th>"
    "<th>Initial Action Plan Response</th></tr>"
    "<tr><td>7</td><td>By 27 March 2025, do it.</td><td>7.1 Evidence.</td><td>Chief Constables</td>"
    "<td>Done.</td></tr></table>"
)
TAB_ROWS = (
    "Rec. No.\tRecommendation\tEvidence requirements\tRecommendation Owner\tInitial Action Plan Response\n"
    "7\tBy 27 March 2025, do it.\t7.1 Evidence.\tChief Constables\tDone.\n"
)

BAD_INPUTS = {
    "no-table": (
        "notes.txt",
        b"Just some notes about the plan.\nNo table here.\n",
        "holds no table",
    ),
    "html-without-table": (
        "page.html",
        b"<html><body><h1>Action plan</h1><p>Coming soon.</p></body></html>",
        "holds no plan that can be read: it has no table and 2 paragraphs",
    ),
    "no-recommendation-column": (
        "page.html",
        b"<table><tr><th>Evidence requirements</th><th>Owner</th></tr><tr><td>7.1 x</td><td>CCs</td></tr></table>",
        "holds no plan that can be read",
    ),
    "no-response-column": (
        "page.html",
        b"<table><tr><th>Rec. No.</th><th>Recommendation</th><th>Owner</th></tr>"
        b"<tr><td>7</td><td>Do it.</td><td>CCs</td></tr></table>",
        "holds no plan that can be read",
    ),
    "ragged-rows": (
        "plan.txt",
        TAB_ROWS.encode() + b"\t\t7.2 More evidence.\n",
        "plan.txt:3: ragged row: 3 cells where the heading row has 5",
    ),
    "two-candidate-tables": (
        "page.html",
        (PLAN_TABLE + PLAN_TABLE.replace("7.1", "7.2")).encode(),
        "holds 2 tables that could be the plan: table 1 (1 rows, headed Rec. No. | Recommendation | "
        "Evidence requirements | Owner | Initial Action Plan Response); table 2",
    ),
    "not-utf8": (
        "plan.txt",
        TAB_ROWS.replace("do it", "do \u201cit\u201d").encode("cp1252"),
        "is not valid UTF-8 (byte 0x93 at offset",
    ),
    "utf16": ("plan.txt", TAB_ROWS.encode("utf-16"), "is saved as UTF-16; save it as UTF-8"),
    "control-character": (
        "plan.txt",
        TAB_ROWS.replace("Done.", "Done.\x1b").encode(),
        "plan.txt:2: a cell holds the control character U+001B (ESC, the escape character)",
    ),
    "empty": ("plan.html", b"", "is empty"),
    "blank": ("plan.html", b" \n\n ", "is empty"),
    "docx-not-a-zip": (
        "plan.docx",
        b"<html>this was saved with the wrong name</html>",
        "is not a .docx file",
    ),
    "docx-zip-not-word": ("plan.docx", b"", "is a zip archive but not a Word document"),
    "word-97": ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "is a Word 97-2003 document"),
}


def _zip_without_word() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_and_nothing_is_written(case: str, tmp_path: Path) -> None:
    name, data, message = BAD_INPUTS[case]
    source = tmp_path / name
    source.write_bytes(_zip_without_word() if case == "docx-zip-not-word" else data)
    target = tmp_path / "out" / "plan.yaml"
    target.parent.mkdir()
    code, out, err = run("import", str(source), "--output", str(target))
    assert code == 1
    assert out == ""
    assert err.startswith(f"error: {source}"), err
    assert message in err, err
    assert "Traceback" not in err
    assert list(target.parent.iterdir()) == []


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    source = tmp_path / "huge.html"
    with open(source, "wb") as file:
        file.truncate(50 * 1024 * 1024)
    code, out, err = run("import", str(source), "--output", str(tmp_path / "plan.yaml"))
    assert code == 1 and out == ""
    assert "is 50.0 MB; a published plan may be at most 32 MB" in err
    assert not (tmp_path / "plan.yaml").exists()


def test_a_missing_source_says_so(tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "nope.html"))
    assert code == 1
    assert (
        err
        == f"error: {tmp_path / 'nope.html'}: the published plan is missing (no such file); check the path\n"
    )


def test_table_chooses_between_candidate_tables(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(PLAN_TABLE + PLAN_TABLE.replace("7.1", "7.2"))
    code, out, err = run("import", str(source), "--table", "2", "--force-name", "Wessex Constabulary")
    assert code == 0, err
    assert [i.id for i in parse_plan(out).plan.items] == ["7.2"]
    assert "from table 2." in err
    code, _, err = run("import", str(source), "--table", "3", "--force-name", "W")
    assert code == 1 and "--table 3 is not a plan table; the plan tables are: table 1, table 2" in err


def test_a_source_that_names_no_force_needs_force_name(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(PLAN_TABLE)
    code, out, err = run("import", str(source), "--output", str(tmp_path / "plan.yaml"))
    assert code == 1 and out == ""
    assert "does not name the force; give it with --force-name" in err
    assert not (tmp_path / "plan.yaml").exists()


# ---- round trips ------------------------------------------------------------------------------


def export(plan: Plan, fmt: str) -> str | bytes:
    chosen = EXPORTS["html"].fragment if fmt == "fragment" else EXPORTS[fmt].produce
    assert chosen is not None
    return chosen(plan, TODAY, None)


def reimport(tmp_path: Path, document: str | bytes, name: str, force: str = "Test Police") -> Plan:
    source = tmp_path / name
    source.write_bytes(document.encode("utf-8") if isinstance(document, str) else document)
    code, out, err = run("import", str(source), "--force-name", force)
    assert code == 0, err
    return parse_plan(out, "reimported.yaml").plan


def texts_of(plan: Plan) -> list[object]:
    return [
        (
            rec.number,
            rec.text,
            rec.owner,
            [(i.id, i.evidence, [(u.round, u.full_text) for u in i.updates]) for i in rec.items],
        )
        for rec in plan.recommendations
    ]


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
@pytest.mark.parametrize("fmt", ["csv", "html", "docx", "fragment"])
def test_the_real_plan_round_trips(fmt: str, tmp_path: Path) -> None:
    plan = load_plan(PLAN_FILE).plan
    again = reimport(tmp_path, export(plan, fmt), f"plan.{fmt}", plan.force)
    assert again.force == plan.force
    assert again.title == (f"{plan.force} action plan" if fmt == "csv" else plan.title)  # CSV holds no title
    assert texts_of(again) == texts_of(plan)
    assert [(i.id, [u.parts for u in i.updates]) for i in again.items] == [
        (i.id, [u.parts for u in i.updates]) for i in plan.items
    ]
    columns = reported_rounds(plan, TODAY)  # the export's round columns
    assert [(r.id, r.title) for r in again.rounds] == [(r.id, r.title) for r in columns]
    if fmt == "csv":
        assert [[u.status for u in i.updates] for i in again.items] == [
            [u.status for u in i.updates] for i in plan.items
        ]


WORD = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Co", "Cn"),
        blacklist_characters="\ufeff\x85\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=8,
)
SENTENCE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
TEXT = st.lists(SENTENCE, min_size=1, max_size=3).map("\n\n".join)
MONTHS = ["January", "March", "June", "September", "November"]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    years = sorted(draw(st.sets(st.integers(2025, 2030), min_size=1, max_size=3)))
    month = draw(st.sampled_from(MONTHS))
    published = date(2026, 1, 1)  # published rounds are the export's columns
    rounds = (
        Round("initial", "Initial Action Plan Response", published=published),
        *(Round(f"{month.lower()}-{year}", f"{month} {year} Update", published=published) for year in years),
    )
    items = []
    for number in draw(st.lists(st.integers(1, 40), min_size=1, max_size=3, unique=True)):
        for index in range(1, draw(st.integers(1, 2)) + 1):
            updates = [
                factories.update(
                    r.id,
                    draw(TEXT),
                    draw(st.sampled_from([s.value for s in Status if s is not Status.UNSTATED])),
                )
                for r in rounds
                if draw(st.booleans()) or r.id == "initial"
            ]
            item = factories.item(f"{number}.{index}", *updates)
            items.append(item._replace(evidence=draw(SENTENCE)))
    built = factories.plan(*items, rounds=rounds)
    return built._replace(
        recommendations=tuple(
            r._replace(text=f"By 27 March 2025, {draw(SENTENCE)}") for r in built.recommendations
        )
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_csv_export_round_trips_texts_statuses_and_rounds(
    plan: Plan, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = reimport(tmp_path_factory.mktemp("csv"), export(plan, "csv"), "plan.csv")
    assert texts_of(again) == texts_of(plan)
    assert [[(u.round, u.status) for u in i.updates] for i in again.items] == [
        [(u.round, u.status) for u in i.updates] for i in plan.items
    ]
    columns = reported_rounds(plan, TODAY)  # the export's round columns
    assert [(r.id, r.title) for r in again.rounds] == [(r.id, r.title) for r in columns]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_html_export_round_trips_texts(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> None:
    again = reimport(tmp_path_factory.mktemp("html"), export(plan, "html"), "plan.html")
    assert texts_of(again) == texts_of(plan)


def test_the_import_command_does_not_load_the_parsers_for_other_commands() -> None:
    code = (
        "import sys; from plan_cli.cli.app import app_for; "
        "app_for(['status']); "
        "print([m for m in ('selectolax', 'docx', 'plan_cli.importer') if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}
    )
    assert done.stdout.strip() == "[]"


def test_a_text_too_long_for_a_plan_is_refused_with_the_reason(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    long = "word " * 25_000
    source.write_text(PLAN_TABLE.replace("Done.", long))
    code, out, err = run("import", str(source), "--force-name", "W", "--output", str(tmp_path / "plan.yaml"))
    assert code == 1 and out == ""
    assert err.startswith(f"error: {source}: cannot be imported as it stands: the imported plan:")
    assert "a value may be at most 100,000" in err
    assert not (tmp_path / "plan.yaml").exists()


def test_the_reader_is_chosen_from_the_content_not_the_name(tmp_path: Path) -> None:
    misnamed_text = tmp_path / "plan.html"
    shutil.copy(SEED, misnamed_text)
    misnamed_page = tmp_path / "plan.txt"
    shutil.copy(WEBSITE, misnamed_page)
    code, out, err = run("import", str(misnamed_text))
    assert code == 0, err
    assert "(tab-separated text)" in out.splitlines()[0]
    code, out, err = run("import", str(misnamed_page))
    assert code == 0, err
    assert "(HTML, table 1)" in out.splitlines()[0]
    assert parse_plan(out).plan.force == "Wessex Constabulary"
