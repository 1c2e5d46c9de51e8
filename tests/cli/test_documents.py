"""plan report, plan draft and plan export end to end: golden files, the record, escaping, writing.

Golden files (tests/golden/) hold each shipped document for data/plan.yaml
with --today 2026-11-28. After a deliberate change to a template or the plan,
regenerate them with

    PLAN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_documents.py

and review the diff before committing.
"""

from __future__ import annotations

import ast
import html
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from plan_cli.cli.app import app

from ..conftest import FIXTURES, MINIMAL_FILE, PLAN_FILE

GOLDEN = Path(__file__).parent.parent / "golden"
SEED = FIXTURES / "seed" / "northumbria-stalking-action-plan-march-2026.txt"
ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": ""}
DRAFT_ROUND = ("--round", "March 2027 Update", "--due", "2027-03-27")
UPDATE = os.environ.get("PLAN_UPDATE_GOLDEN") == "1"
PARSER = MarkdownIt("commonmark").enable("table")


class Result:
    def __init__(self, code: int, out: bytes, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def run(*args: str) -> Result:
    result = CliRunner(env=ENV).invoke(app, list(args), catch_exceptions=False)
    return Result(result.exit_code, result.stdout_bytes, result.stderr)


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with PLAN_UPDATE_GOLDEN=1 to create it"
    assert data == path.read_bytes(), f"{name} differs from its golden file; see the module docstring"


# ---- golden files -----------------------------------------------------------

DOCUMENTS = [
    ("report.md", ("report",)),
    ("draft.md", ("draft", *DRAFT_ROUND)),
    ("plan.md", ("export", "--format", "md")),
    ("plan.html", ("export", "--format", "html")),
    ("plan.fragment.html", ("export", "--format", "html", "--fragment")),
    ("plan.csv", ("export", "--format", "csv")),
    ("plan.json", ("export", "--format", "json")),
]


@pytest.mark.parametrize(("name", "args"), DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_documents_match_their_golden_files(name: str, args: tuple[str, ...]) -> None:
    result = run(*args, "--plan", str(PLAN_FILE))
    assert result.code == 0, result.err
    assert result.err == "", "without --output only the document is printed, and only to stdout"
    check_golden(name, result.out)


# ---- the published record ------------------------------------------------------

LABEL = re.compile(r"<b>[^<]*</b>\s*-\s*")
# The heading line is "**Title:** responds to ...": two fields, split where the bold ends.
BOLD_HEADING = re.compile(r"\*\*(.*?)\*\*")


def seed_sentences() -> list[str]:
    """Every sentence of the published plan: tags stripped, entities decoded, bold labels removed."""
    sentences: list[str] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        for cell in BOLD_HEADING.sub("\\1\t", line).split("\t"):
            text = LABEL.sub(" ", cell)
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
                sentence = sentence.strip().rstrip(":").strip()
                if sentence:
                    sentences.append(sentence)
    return sentences


def visible_text(page_html: str) -> str:
    """What a reader sees of an HTML page, whitespace normalised."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def missing_sentences(document_text: str) -> list[str]:
    return [s for s in seed_sentences() if s not in document_text]


def test_seed_has_sentences_to_check() -> None:
    assert len(seed_sentences()) > 400


def test_html_export_holds_every_sentence_of_the_seed() -> None:
    result = run("export", "--format", "html", "--plan", str(PLAN_FILE))
    assert result.code == 0, result.err
    assert missing_sentences(visible_text(result.text)) == []


def test_markdown_export_holds_every_sentence_of_the_seed() -> None:
    result = run("export", "--format", "md", "--plan", str(PLAN_FILE))
    assert result.code == 0, result.err
    rendered = PARSER.render(result.text)
    assert missing_sentences(visible_text(rendered)) == []


# ---- the published layout -------------------------------------------------------


def test_html_is_standalone_accessible_and_printable() -> None:
    page = run("export", "--format", "html", "--plan", str(PLAN_FILE)).text
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<caption" in page and '<th scope="col">Rec. No.</th>' in page
    assert '<th scope="row">7.1</th>' in page and 'scope="rowgroup"' in page
    assert "@media print" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external assets"
    assert "<link" not in page and "<script" not in page
    assert re.search(r'<span class="status status-blocked">Blocked</span>', page), "status in words"
    headings = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert headings[-4:] == [
        "Initial Action Plan Response",
        "March 2025 Update",
        "March 2026 Update",
        "Status",
    ]
    assert "<p><b>Context</b> - Linked to recommendation 6" in page


def test_markdown_plan_table_has_a_column_per_round_and_labelled_parts() -> None:
    text = run("export", "--format", "md", "--plan", str(PLAN_FILE)).text
    rows = [line for line in text.splitlines() if line.startswith("|")]
    header = rows[0]
    assert header.startswith("| Rec. No. | Recommendation | Evidence requirements of progress/completion |")
    assert "| Initial Action Plan Response | March 2025 Update | March 2026 Update | Status |" in header
    tokens = PARSER.parse(text)
    columns = [t for t in tokens if t.type == "th_open"]
    cells_per_row = sum(1 for t in tokens if t.type == "td_open") / (len(rows) - 2)
    assert cells_per_row == len(columns) == 8
    assert "**Context** - Linked to recommendation 6" in text


# ---- escaping -------------------------------------------------------------------


def hostile_plan(tmp_path: Path) -> Path:
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    text = text.replace(
        "evidence: Processes should be put in place.",
        "evidence: \"<script>alert('x')</script> | pipe & more\"",
    )
    text = text.replace(
        'text: "Awaited from Minerva.\\n\\nSecond para."',
        'text: "[click](javascript:alert(1))\\nnext | line <img src=x onerror=alert(1)>"',
    )
    text = text.replace(
        "    due: 2025-03-27\n",
        "    due: 2025-03-27\n  - id: march-2027\n    title: March 2027 Update\n",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_html_export_escapes_injected_markup(tmp_path: Path) -> None:
    result = run("export", "--format", "html", "--plan", str(hostile_plan(tmp_path)))
    assert result.code == 0, result.err
    assert "<script>" not in result.text and "<img" not in result.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | pipe &amp; more" in result.text
    assert "<script>alert('x')</script> | pipe & more" in visible_text(result.text)


@pytest.mark.parametrize("args", [("export", "--format", "md"), ("report",), ("draft", *DRAFT_ROUND)])
def test_markdown_documents_neutralise_injected_markup(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "--plan", str(hostile_plan(tmp_path)))
    assert result.code == 0, result.err
    tokens = PARSER.parse(result.text)
    children = [child for token in tokens for child in (token.children or [])]
    assert not [t for t in tokens + children if t.type in ("link_open", "image", "html_block")]
    assert {t.content for t in children if t.type == "html_inline"} <= {"<br>"}
    rendered = PARSER.render(result.text)
    assert "<script>" not in rendered and "<img" not in rendered and 'href="javascript' not in rendered


def test_markdown_table_cells_keep_pipes_and_line_breaks(tmp_path: Path) -> None:
    text = run("export", "--format", "md", "--plan", str(hostile_plan(tmp_path))).text
    tokens = PARSER.parse(text)
    per_row: list[int] = []
    for token in tokens:
        if token.type == "tr_open":
            per_row.append(0)
        elif token.type in ("th_open", "td_open"):
            per_row[-1] += 1
    assert set(per_row) == {7}, "every row has the header's 7 columns"
    assert "\\| pipe" in text and "[click\\](javascript:alert(1))<br>next \\| line" in text


# Every free-text field of the real plan gets these lines; the plain twin gets the same lines with
# their punctuation turned into letters, so the plan reads alike (same stale items) but holds no markup.
FREE_TEXT = {
    "title", "text", "evidence", "force", "responds_to", "executive_lead", "operational_lead",
    "party", "notes", "label", "name",
}  # fmt: skip
MARKUP_LINES = (
    "\n~~~\n# Injected heading\nSetext\n===\n---\n***\n| x | y |\n| --- | --- |\n- item\n+ item\n"
    "1. one\n2) two\n> quote\n\n    indented code\n\n```js\nfence\n```\n<img src=x onerror=alert(1)>\n"
    "<div>\n[link](javascript:alert(1))\n[ref]: http://example.com\n"
)
STRUCTURE = {
    "heading_open", "table_open", "tr_open", "th_open", "td_open", "fence", "code_block", "html_block",
    "hr", "blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open",
}  # fmt: skip


def real_plan_with(tmp_path: Path, name: str, lines: str, first: str) -> Path:
    """The real plan with ``first`` before and ``lines`` after every free-text value (bodies aside)."""

    def changed(node: object, key: str = "") -> object:
        if isinstance(node, dict):
            return {k: v if k == "bodies" else changed(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [changed(value, key) for value in node]
        if isinstance(node, str) and key in FREE_TEXT:
            return first + node + lines
        return node

    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    path = tmp_path / name
    path.write_text(yaml.safe_dump(changed(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def structure(markdown: str) -> list[tuple[str, ...]]:
    """The document's blocks as a CommonMark parser sees them, with any link, image or raw HTML inline."""
    found: list[tuple[str, ...]] = []
    for token in PARSER.parse(markdown):
        if token.type in STRUCTURE:
            found.append((token.type, token.tag, token.info))
        found.extend(
            (child.type, child.content)
            for child in token.children or []
            if child.type in ("link_open", "image")
            or (child.type == "html_inline" and child.content != "<br>")
        )
    return found


@pytest.mark.parametrize(
    "args", [("export", "--format", "md"), ("report",), ("draft", "--due", "2027-03-27")]
)
def test_markup_in_every_field_leaves_the_document_structure_unchanged(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    hostile = real_plan_with(tmp_path, "hostile.yaml", MARKUP_LINES, "# ")
    plain = real_plan_with(tmp_path, "plain.yaml", re.sub(r"[^\w\s]", "x", MARKUP_LINES), "x ")
    attacked, expected = run(*args, "--plan", str(hostile)), run(*args, "--plan", str(plain))
    assert attacked.code == expected.code == 0, attacked.err + expected.err
    assert structure(attacked.text) == structure(expected.text)
    blocks = {
        "heading_open",
        "table_open",
        "tr_open",
        "th_open",
        "td_open",
        "fence",
        "code_block",
        "html_block",
    }
    real = run(*args, "--plan", str(PLAN_FILE)).text
    assert [b for b in structure(attacked.text) if b[0] in blocks] == [
        b for b in structure(real) if b[0] in blocks
    ]
    assert "Injected heading" in attacked.text


def test_the_markdown_footer_escapes_the_round_title(tmp_path: Path) -> None:
    text = PLAN_FILE.read_text(encoding="utf-8").replace(
        "title: March 2026 Update", "title: March 2026 Update <img src=x onerror=alert(1)>"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    footer = run("export", "--format", "md", "--plan", str(path)).text.splitlines()[-1]
    assert "(March 2026 Update &lt;img src=x onerror=alert(1)&gt;)" in footer


def test_csv_export_neutralises_formulas_and_raw_keeps_them(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8").replace(
        "title: March 2025 Update", 'title: "=1+4 March 2025 Update"'
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    guarded = run("export", "--format", "csv", "--plan", str(path))
    raw = run("export", "--format", "csv", "--raw", "--plan", str(path))
    assert guarded.code == raw.code == 0
    assert ",'=1+4 March 2025 Update,'=1+4 March 2025 Update status," in guarded.text
    assert ",=1+4 March 2025 Update,=1+4 March 2025 Update status," in raw.text


def test_raw_is_refused_for_formats_it_does_not_apply_to() -> None:
    result = run("export", "--format", "md", "--raw", "--plan", str(MINIMAL_FILE))
    assert result.code == 2
    assert result.err.startswith("error: --raw is for --format csv, not md\nUsage: plan export [OPTIONS]\n")


def test_a_template_reaching_for_python_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "shared.md.j2"
    template.write_text("{{ cycler.__init__.__globals__.os.popen('id').read() }}\n")
    result = run("report", "--template", str(template), "--plan", str(MINIMAL_FILE))
    assert result.code == 1 and result.out == b""
    assert result.err == f"error: {template}:1: access to attribute '__init__' of 'type' object is unsafe.\n"


def test_a_template_that_is_not_utf8_or_not_a_file_is_named(tmp_path: Path) -> None:
    latin = tmp_path / "latin.md.j2"
    latin.write_bytes(b"caf\xe9 {{ plan.title }}\n")
    result = run("report", "--template", str(latin), "--plan", str(MINIMAL_FILE))
    assert (result.code, result.err) == (
        1,
        f"error: {latin}:1:4: is not valid UTF-8 (byte 0xe9 at offset 3); save the file as UTF-8\n",
    )
    fifo = tmp_path / "fifo.md.j2"
    os.mkfifo(fifo)
    result = run("report", "--template", str(fifo), "--plan", str(MINIMAL_FILE))
    assert result.code == 2
    assert result.err.startswith(
        f"error: --template {fifo}: is a FIFO (named pipe), not a template; give the template file itself\n"
    )


def test_force_onto_a_fifo_refuses(tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    result = run("report", "--output", str(fifo), "--force", "--plan", str(MINIMAL_FILE))
    assert result.code == 1
    assert (
        result.err
        == f"error: {fifo}: is a FIFO (named pipe), not a regular file; plan writes only regular files\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# ---- custom templates -------------------------------------------------------


def test_custom_template_gets_the_same_context(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{{ plan.force }}\n{% for item in outstanding %}{{ item.id }} {% endfor %}\n", encoding="utf-8"
    )
    result = run("report", "--template", str(template), "--plan", str(PLAN_FILE))
    assert result.code == 0, result.err
    force, ids = result.text.splitlines()
    assert force == "Northumbria Police"
    from plan_cli.reading.loader import load_plan

    expected = [i.id for i in load_plan(PLAN_FILE).plan.items if i.is_outstanding]
    assert ids.split() == expected and "7.1" in expected and "12.3" not in expected


def test_custom_template_for_the_draft_sees_the_round(tmp_path: Path) -> None:
    template = tmp_path / "mine.txt"
    template.write_text("{{ next_round.title }} {{ next_round.due }} {{ next_round.days_left }}")
    result = run("draft", *DRAFT_ROUND, "--template", str(template), "--plan", str(PLAN_FILE))
    assert result.text == "March 2027 Update 2027-03-27 119"


def test_template_error_is_reported_with_file_and_line(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ plan.force }}\n{{ plan.forse }}\n")
    output = tmp_path / "out.md"
    result = run("report", "--template", str(template), "--output", str(output), "--plan", str(PLAN_FILE))
    assert result.code == 1
    assert result.err == f"error: {template}:2: 'dict object' has no attribute 'forse'\n"
    assert result.out == b"" and not output.exists()


def test_missing_template_is_a_usage_error(tmp_path: Path) -> None:
    result = run("report", "--template", str(tmp_path / "nope.j2"), "--plan", str(PLAN_FILE))
    assert result.code == 2 and "no such file" in result.err


def test_export_takes_a_template_like_report_and_draft(tmp_path: Path) -> None:
    template = tmp_path / "mine.html.j2"
    template.write_text("<p>{{ plan.force }} {{ plan.reported_rounds | length }}</p>\n", encoding="utf-8")
    for extra in ((), ("--fragment",)):
        result = run(
            "export", "--format", "html", *extra, "--template", str(template), "--plan", str(PLAN_FILE)
        )
        assert result.code == 0, result.err
        assert result.text == "<p>Northumbria Police 3</p>\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "docx"])
def test_formats_built_without_a_template_refuse_one(tmp_path: Path, fmt: str) -> None:
    template = tmp_path / "mine.j2"
    template.write_text("x")
    result = run("export", "--format", fmt, "--template", str(template), "--plan", str(PLAN_FILE))
    assert result.code == 2 and f"--format {fmt} is built without a template" in result.err


def test_fragment_is_only_for_html() -> None:
    result = run("export", "--format", "md", "--fragment", "--plan", str(PLAN_FILE))
    assert result.code == 2
    assert result.err.startswith(
        "error: --fragment is for --format html, not md\nUsage: plan export [OPTIONS]\n"
    )


# ---- Word documents -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "producer"),
    [(("export", "--format", "docx"), "plan_docx"), (("report", "--format", "docx"), "report_docx")],
)
def test_word_documents_are_the_core_producers_bytes(
    tmp_path: Path, args: tuple[str, ...], producer: str
) -> None:
    from datetime import date

    from plan_cli.documents import docx
    from plan_cli.documents.template_context import template_context
    from plan_cli.reading.loader import load_plan

    output = tmp_path / "out.docx"
    result = run(*args, "--output", str(output), "--plan", str(PLAN_FILE))
    assert result.code == 0, result.err
    expected = getattr(docx, producer)(template_context(load_plan(PLAN_FILE).plan, date(2026, 11, 28)))
    assert output.read_bytes() == expected
    assert run(*args, "--plan", str(PLAN_FILE)).out == expected, "to a pipe, the same bytes"


def test_word_document_is_refused_on_a_terminal(tmp_path: Path) -> None:
    script = (
        "import pty, os, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execv(sys.executable, [sys.executable, '-m', 'plan_cli', 'export', '--format', 'docx',"
        f" '--plan', {str(PLAN_FILE)!r}])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "_, status = os.waitpid(pid, 0)\n"
        "sys.stdout.write(repr((os.waitstatus_to_exitcode(status), out)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    code, out = ast.literal_eval(done.stdout)
    assert code == 2
    assert b"is a binary file; write it with --output FILE" in out and b"PK" not in out


# ---- writing files ---------------------------------------------------------------


def test_draft_to_a_file_then_refuse_to_overwrite(tmp_path: Path) -> None:
    output = tmp_path / "draft.md"
    first = run("draft", *DRAFT_ROUND, "--output", str(output), "--plan", str(PLAN_FILE))
    assert first.code == 0, first.err
    assert first.out == b"" and first.err == f"Wrote the March 2027 Update draft to {output}.\n"
    assert output.read_bytes() == (GOLDEN / "draft.md").read_bytes()

    output.write_text("the owners' edits\n", encoding="utf-8")
    second = run("draft", *DRAFT_ROUND, "--output", str(output), "--plan", str(PLAN_FILE))
    assert second.code == 1
    assert "already exists; pass --force to overwrite it" in second.err
    assert output.read_text(encoding="utf-8") == "the owners' edits\n"

    forced = run("draft", *DRAFT_ROUND, "--output", str(output), "--force", "--plan", str(PLAN_FILE))
    assert forced.code == 0 and output.read_bytes() == (GOLDEN / "draft.md").read_bytes()


def test_output_into_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    output = tmp_path / "nowhere" / "plan.html"
    result = run("export", "--format", "html", "--output", str(output), "--plan", str(PLAN_FILE))
    assert result.code == 1 and "does not exist; create it first" in result.err
    assert not output.parent.exists()


def test_csv_file_is_written_byte_for_byte(tmp_path: Path) -> None:
    output = tmp_path / "plan.csv"
    result = run("export", "--format", "csv", "-o", str(output), "--plan", str(PLAN_FILE))
    assert result.code == 0, result.err
    assert output.read_bytes() == (GOLDEN / "plan.csv").read_bytes()
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")


# ---- the draft ----------------------------------------------------------------------


def test_draft_names_every_outstanding_item_with_its_latest_text_and_dependencies() -> None:
    from plan_cli.reading.loader import load_plan

    plan = load_plan(PLAN_FILE).plan
    text = run("draft", *DRAFT_ROUND, "--plan", str(PLAN_FILE)).text
    rendered = visible_text(PARSER.render(text))
    assert "March 2027 Update" in text and "27 March 2027 (119 days left)" in text
    for item in plan.items:
        if not item.is_outstanding:
            continue
        assert f"### {item.id} · " in text
        latest = item.latest_update
        assert latest is not None
        for paragraph in latest.paragraphs:
            assert " ".join(paragraph.split()) in rendered, (item.id, paragraph)
        for dep_id in item.depends_on:
            dep = plan.dependency(dep_id)
            assert dep is not None
            if dep.is_open:
                assert f"Chase {dep.party}: {dep.title}" in rendered, (item.id, dep_id)


def test_draft_without_an_open_round_says_how_to_open_one(tmp_path: Path) -> None:
    declared = "  - id: march-2027\n    title: March 2027 Update\n"
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert declared in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(declared, ""), encoding="utf-8")
    result = run("draft", "--plan", str(path))
    assert result.code == 1 and result.out == b""
    assert "no update round is open" in result.err and "Usage:" not in result.err
    # the hint follows the plan's cadence: a year after the March 2026 Update, due a year after it
    assert "plan round open 'March 2027 Update' --due 2027-04-06" in result.err


def test_draft_uses_a_declared_next_round(tmp_path: Path) -> None:
    text = PLAN_FILE.read_text(encoding="utf-8").replace(
        "    title: March 2027 Update\n",
        "    title: March 2027 Update\n    due: 2027-03-27\n",
        1,
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("draft", "--plan", str(path))
    assert result.code == 0, result.err
    assert result.out == (GOLDEN / "draft.md").read_bytes()


def test_a_draft_asks_for_the_update_whatever_the_round_is_called(tmp_path: Path) -> None:
    import docx

    quarterly = ("--plan", str(FIXTURES / "quarterly-force.yaml"), "--today", "2025-11-15")
    markdown = run("draft", "--owner", "PFCC", *quarterly)
    assert markdown.code == 0, markdown.err
    assert "write\n   the update for the Autumn Review as it is to be published" in markdown.text
    output = tmp_path / "pfcc.docx"
    word = run("draft", "--owner", "PFCC", "--format", "docx", "--output", str(output), *quarterly)
    assert word.code == 0, word.err
    lines = [paragraph.text for paragraph in docx.Document(str(output)).paragraphs]
    assert any("write the item's update for the Autumn Review:" in line for line in lines)


def test_bad_due_date_is_a_usage_error() -> None:
    result = run("draft", "--round", "March 2027 Update", "--due", "27/03/2027", "--plan", str(PLAN_FILE))
    assert result.code == 2 and "--due '27/03/2027' is not a date" in result.err


# ---- start-up cost --------------------------------------------------------------------


def test_status_never_imports_jinja() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from plan_cli.cli.app import app\n"
        f"result = CliRunner().invoke(app, ['status', '--plan', {str(PLAN_FILE)!r}, '--today', '2026-11-28'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_progress_by_round_table_is_the_reports() -> None:
    readme = (PLAN_FILE.parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    section = readme.split("**Progress by round**", 1)[1].split("`--format docx`", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    report = run("report", "--plan", str(PLAN_FILE)).text
    assert len(rows) == 5 and all(f"\n{row}\n" in report for row in rows)


# ---- briefings: plan report with the filters of plan outstanding -----------------------------


def test_a_briefing_for_one_owner_covers_only_its_items_with_their_latest_words() -> None:
    from plan_cli.reading.loader import load_plan

    result = run("report", "--owner", "pccs", "--plan", str(PLAN_FILE))
    assert result.code == 0
    plan = load_plan(PLAN_FILE).plan
    theirs = [i for i in plan.items if "Police and Crime Commissioners" in i.owners and i.is_outstanding]
    assert theirs
    briefed = re.findall(r"^### (\d+\.\d+): ", result.text, flags=re.MULTILINE)
    assert briefed == [item.id for item in theirs]
    for item in theirs:
        latest = item.latest_update
        assert latest is not None and latest.full_text.split("\n")[0][:60] in html.unescape(result.text)
    everything_theirs = [i for i in plan.items if "Police and Crime Commissioners" in i.owners]
    done = len(everything_theirs) - len(theirs)
    assert "7.1" not in briefed
    assert (
        f"**Evidence items:** {len(everything_theirs)}, of which {done} complete or superseded "
        f"and {len(theirs)} outstanding" in result.text
    )
    assert "## Briefing: items owned by Police and Crime Commissioners\n" in result.text


def test_a_briefing_names_what_an_item_waits_on_by_title_and_party() -> None:
    result = run("report", "--rec", "7", "--plan", str(PLAN_FILE))
    assert result.code == 0
    assert (
        "**Waits on:** Niche change to record and search stalking as an included classification "
        "(Minerva (development for Niche)" in result.text
    )
    assert "waits on minerva-niche" not in result.text.lower()


@pytest.mark.parametrize("words", ["Minerva", "niche", "minerva-niche"])
def test_blocked_by_matches_a_dependencys_id_title_or_party(words: str) -> None:
    result = run("outstanding", "--blocked-by", words, "--json", "--plan", str(PLAN_FILE))
    assert result.code == 0
    import json

    assert [item["id"] for item in json.loads(result.text)] == ["7.1", "7.2"]


def test_brief_shortens_only_with_a_marker() -> None:
    whole = run("report", "--owner", "pccs", "--plan", str(PLAN_FILE)).text
    brief = run("report", "--owner", "pccs", "--brief", "--plan", str(PLAN_FILE)).text
    assert "(shortened: the whole update is in the plan)" in brief
    assert "(shortened" not in whole and len(brief) < len(whole)


def test_the_html_report_draws_its_chart_inline_and_the_word_report_shades_it(tmp_path: Path) -> None:
    page = run("report", "--format", "html", "--plan", str(PLAN_FILE))
    assert page.code == 0
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page.text and "<script" not in page.text
    assert '<title id="status-by-round-title">' in page.text
    output = tmp_path / "report.docx"
    assert run("report", "--format", "docx", "--output", str(output), "--plan", str(PLAN_FILE)).code == 0
    import zipfile

    document = zipfile.ZipFile(output).read("word/document.xml").decode("utf-8")
    assert "mermaid" not in document.lower() and 'w:fill="FFDD00"' in document


def test_draft_of_an_undeclared_round_points_to_the_open_one_or_the_plans_next(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    none_open = run("draft", "--round", "q9", "--plan", str(path), "--today", "2026-11-30")
    assert none_open.code == 2 and none_open.out == b""
    err = " ".join(none_open.err.split())
    assert "no round 'q9' is declared in the plan" in err
    assert "open the next with: plan round open 'April 2027 Progress Review' --due 2027-04-30" in err
    assert "plan round open q9" not in err
    opened = run("round", "open", "April 2027 Progress Review", "--plan", str(path), "--today", "2026-11-30")
    assert opened.code == 0, opened.err
    one_open = run("draft", "--round", "q9", "--plan", str(path), "--today", "2026-11-30")
    assert "leave out --round to draft the open one, the April 2027 Progress Review" in " ".join(
        one_open.err.split()
    )


def test_report_brief_without_a_briefing_is_a_usage_error() -> None:
    result = run("report", "--brief", "--plan", str(FIXTURES / "other-force.yaml"))
    assert result.code == 2 and result.out == b""
    assert "--brief shortens the updates of a briefing" in " ".join(result.err.split())
    assert run("report", "--brief", "--rec", "3", "--plan", str(FIXTURES / "other-force.yaml")).code == 0
