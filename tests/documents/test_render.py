"""The Jinja environment and its filters: strict, escaping, located errors.

Markdown output is checked by parsing it with markdown-it-py (a dependency of
rich, so always installed) with tables on: what a renderer would really see.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from plan_cli.basics.errors import TemplateError, UsageError
from plan_cli.documents import render
from plan_cli.documents.filters import markdown_cell, markdown_inline, markdown_text, mermaid_text
from plan_cli.documents.render import is_html, render_document
from plan_cli.documents.template_context import template_context
from plan_cli.reading.loader import parse_plan

TODAY = date(2026, 11, 28)
PARSER = MarkdownIt("commonmark").enable("table")


def tokens(markdown: str) -> list[Token]:
    """Every token, inline children included."""
    out: list[Token] = []
    for token in PARSER.parse(markdown):
        out.append(token)
        out.extend(token.children or [])
    return out


def markup_tokens(markdown: str) -> list[str]:
    """Tokens that would become links, images or raw HTML (other than our own <br>)."""
    return [
        f"{t.type}:{t.content}"
        for t in tokens(markdown)
        if t.type in ("link_open", "image", "html_block", "code_inline")
        or (t.type == "html_inline" and t.content != "<br>")
    ]


def table_rows(markdown: str) -> list[list[str]]:
    """The table's rows as lists of cell texts (<br> read as a line break)."""
    rows: list[list[str]] = []
    cell: list[str] | None = None
    for token in PARSER.parse(markdown):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            cell = []
        elif token.type == "inline" and cell is not None:
            for child in token.children or []:
                cell.append("\n" if child.type == "html_inline" else child.content)
        elif token.type in ("th_close", "td_close"):
            assert cell is not None
            rows[-1].append("".join(cell))
            cell = None
    return rows


def one_cell_table(text: str) -> str:
    return f"| a | b | c |\n| --- | --- | --- |\n| x | {markdown_cell(text)} | z |\n"


def normalised(text: str) -> str:
    return " ".join(text.split())


# ---- Markdown -------------------------------------------------------------


def test_a_pipe_and_line_breaks_stay_in_their_cell() -> None:
    rows = table_rows(one_cell_table("Police | partners\nsecond line\n\nnew paragraph"))
    assert rows == [["a", "b", "c"], ["x", "Police | partners\nsecond line\n\nnew paragraph", "z"]]


def test_a_backslash_before_a_pipe_does_not_unescape_it() -> None:
    rows = table_rows(one_cell_table("C:\\|D"))
    assert rows[1] == ["x", "C:\\|D", "z"]


def test_raw_html_in_plan_text_is_shown_as_text() -> None:
    text = "<script>alert(1)</script> and <a href='javascript:alert(1)'>x</a>"
    cell_md = one_cell_table(text)
    assert markup_tokens(cell_md) == []
    assert table_rows(cell_md)[1][1] == text
    assert markup_tokens(markdown_text(text)) == []
    assert "<script>" not in PARSER.render(markdown_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click]( javascript:alert(1) )",
        "![img](javascript:alert(1))",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[safe](https://example.org)",
    ],
)
def test_links_in_plan_text_are_neutralised(text: str) -> None:
    assert markup_tokens(markdown_text(text)) == []
    assert markup_tokens(one_cell_table(text)) == []
    assert "javascript:alert(1)" in normalised(PARSER.render(markdown_text(text))) or "https" in text


def test_ampersands_stay_readable_and_entities_are_not_decoded() -> None:
    text = "Police & Crime Commissioner &amp; &#60;b&#62; &copy;"
    assert markdown_text(text).startswith("Police & Crime Commissioner &amp;amp;")
    assert table_rows(one_cell_table(text))[1][1] == text


def test_code_spans_cannot_hide_markup() -> None:
    text = "`<b>` stays"
    assert markup_tokens(markdown_text(text)) == []
    assert table_rows(one_cell_table(text))[1][1] == text


def test_inline_text_is_one_line() -> None:
    assert markdown_inline("one\n\n two\nthree") == "one two three"


SAFE_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 .,;:!?'\"()[]{}<>&#/\\|`=+-—–£é\n")),
    max_size=60,
)


@given(SAFE_TEXT)
def test_any_text_is_one_cell_with_its_words_and_no_markup(text: str) -> None:
    markdown = one_cell_table(text)
    rows = table_rows(markdown)
    assert len(rows) == 2 and len(rows[1]) == 3, markdown
    assert normalised(rows[1][1]) == normalised(text)
    assert markup_tokens(markdown) == []


# ---- Mermaid --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ref: 7.1 # note; more", "Ref - 7.1 no. note, more"),
        ("Title of the APP", "- Title of the APP"),
        ("section 35\nguidance", "- section 35 guidance"),
        ("%% not a comment", "% not a comment"),
        ("Police & <b>partners</b>", "Police and bpartners/b"),
        ("", "- "),
    ],
)
def test_mermaid_names_cannot_break_the_chart(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


def test_mermaid_names_are_shortened() -> None:
    name = mermaid_text("x" * 100, 20)
    assert len(name) == 20 and name.endswith("…")


# ---- the environment and errors --------------------------------------------


def minimal_context(minimal_text: str, **changes: Any) -> dict[str, Any]:
    plan = parse_plan(minimal_text, "plan.yaml").plan
    return {**template_context(plan, TODAY), **changes}


def test_html_templates_are_autoescaped_even_as_html_j2() -> None:
    assert is_html("plan.html.j2") and is_html("page.HTML") and is_html("x.htm.j2")
    assert not is_html("report.md.j2") and not is_html("plan.md")


def test_user_html_template_escapes_and_markdown_does_not(tmp_path: Path, minimal_text: str) -> None:
    context = minimal_context(minimal_text)
    context["plan"] = {**context["plan"], "title": "<script>x</script>"}
    for name in ("page.html.j2", "page.md.j2"):
        (tmp_path / name).write_text("{{ plan.title }}")
    assert render_document(context, "", tmp_path / "page.html.j2") == "&lt;script&gt;x&lt;/script&gt;"
    assert render_document(context, "", tmp_path / "page.md.j2") == "<script>x</script>"


def test_misspelt_variable_names_the_template_file_and_line(tmp_path: Path, minimal_text: str) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ plan.force }}\n\n{{ plan.forse }}\n")
    with pytest.raises(TemplateError) as caught:
        render_document(minimal_context(minimal_text), "report.md.j2", template)
    assert str(caught.value) == f"{template}:3: 'dict object' has no attribute 'forse'"


def test_undefined_top_level_name_in_a_loop(tmp_path: Path, minimal_text: str) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{% for item in outstanding %}\n{{ item.id }} {{ owner }}\n{% endfor %}\n")
    with pytest.raises(TemplateError, match=r"mine\.md\.j2:2: 'owner' is undefined$"):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_syntax_error_names_the_file_and_line(tmp_path: Path, minimal_text: str) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("ok\n{% if %}\n")
    with pytest.raises(TemplateError, match=r"broken\.md\.j2:2: Expected an expression"):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_error_in_an_included_template_names_that_file(tmp_path: Path, minimal_text: str) -> None:
    (tmp_path / "part.md.j2").write_text("line one\n{{ nothing.here }}\n")
    template = tmp_path / "main.md.j2"
    template.write_text("{% include 'part.md.j2' %}\n")
    with pytest.raises(TemplateError, match=r"part\.md\.j2:2: 'nothing' is undefined"):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_python_errors_in_a_template_are_located_too(tmp_path: Path, minimal_text: str) -> None:
    template = tmp_path / "sums.md.j2"
    template.write_text("\n\n{{ total / 0 }}\n")
    with pytest.raises(TemplateError, match=r"sums\.md\.j2:3: ZeroDivisionError: division by zero"):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_shipped_template_errors_name_the_shipped_template(minimal_text: str) -> None:
    context = minimal_context(minimal_text)
    del context["latest_round"]
    with pytest.raises(TemplateError, match=r"^report\.md\.j2:\d+: 'latest_round' is undefined$"):
        render_document(context, "report.md.j2")


def test_missing_user_template_is_a_usage_error(tmp_path: Path, minimal_text: str) -> None:
    with pytest.raises(UsageError, match=r"--template .*nope\.j2: the template is missing \(no such file\)"):
        render_document(minimal_context(minimal_text), "report.md.j2", tmp_path / "nope.j2")


def test_user_templates_can_extend_shipped_ones(tmp_path: Path, minimal_text: str) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{% include 'plan.md.j2' %}\nSigned off.\n")
    text = render_document(minimal_context(minimal_text), "report.md.j2", template)
    assert text.startswith("# Test plan\n") and text.endswith("Signed off.\n")


def test_shipped_templates_are_listed_from_the_package() -> None:
    assert set(render.SHIPPED) <= set(render.ShippedLoader().list_templates())


@pytest.mark.parametrize("name", render.SHIPPED)
def test_every_shipped_template_renders_the_minimal_plan(
    name: str, minimal_text: str, tmp_path: Path
) -> None:
    declared = "    due: 2025-03-27\n  - id: march-2027\n    title: March 2027 Update\n    due: 2027-03-27\n"
    plan = parse_plan(minimal_text.replace("    due: 2025-03-27\n", declared), "plan.yaml").plan
    from plan_cli.editing.drafts import draft_context
    from plan_cli.national.report_data import national_context
    from plan_cli.national.rollup import roll_up
    from plan_cli.questions.rounds import draft_round

    if name.startswith("national"):
        path = tmp_path / "plan.yaml"
        path.write_text(minimal_text, encoding="utf-8")
        context = national_context(roll_up([path], TODAY))
    else:
        drafted = draft_round(plan, None, TODAY)
        assert drafted.id == "march-2027"
        context = draft_context(template_context(plan, TODAY, drafted), plan, TODAY, drafted)
    text = render_document(context, name)
    if name == "national-forces.csv.j2":  # a row per force, no items
        assert "Test Police" in text and "Initial Action Plan Response" not in text
        return
    assert "Test" in text or name == "national.csv.j2"  # the CSV names forces only where they lack answers
    assert "7.1" in text


def _report(plan: Any) -> str:
    return render_document(template_context(plan, TODAY), "report.md.j2")


def test_compiled_templates_are_kept_in_the_user_cache(
    real_plan: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _report(real_plan)
    kept = list((tmp_path / "plan" / "templates").iterdir())
    assert len(kept) == 1 and (tmp_path / "plan" / "templates").stat().st_mode & 0o777 == 0o700

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert _report(real_plan) == first


def test_a_cache_that_cannot_be_written_is_skipped(
    real_plan: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a file"))
    assert _report(real_plan).startswith("# ")
    assert [entry.name for entry in tmp_path.iterdir()] == ["a file"]


def test_a_damaged_cache_file_is_compiled_afresh(
    real_plan: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _report(real_plan)
    for kept in (tmp_path / "plan" / "templates").iterdir():
        kept.write_bytes(kept.read_bytes()[:40])
    assert _report(real_plan) == first


def test_a_cache_folder_others_may_write_is_not_read(
    real_plan: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _report(real_plan)
    (tmp_path / "plan" / "templates").chmod(0o777)
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, *args: Any, **kwargs: Any) -> Any:
        compiled.append(str(args[1:2]))
        return compile_template(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    assert _report(real_plan) == first
    assert compiled


def test_the_cache_key_covers_how_the_environment_compiles(tmp_path: Path) -> None:
    import jinja2

    cache = render.UserCache(tmp_path)
    sandboxed = render.environment()
    plain = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    plain.filters.update(sandboxed.filters)
    plain.autoescape = sandboxed.autoescape
    keys = {cache.get_bucket(env, "report.md.j2", "report.md.j2", "text").key for env in (sandboxed, plain)}
    assert len(keys) == 2


# ---- block markers at the start of a line ---------------------------------------

HOSTILE_LINES = [
    "~~~",
    "```js",
    "# Injected heading",
    "###### six",
    "Setext heading\n===",
    "Setext heading\n---",
    "---",
    "***",
    "___",
    "- item",
    "+ item",
    "* item",
    "1. one",
    "12) twelve",
    "> quote",
    "| x | y |\n| --- | --- |",
    "para\n\n    indented code",
    "para\n\n\tindented code",
    "<div>",
]
BLOCKS = {
    "heading_open",
    "fence",
    "code_block",
    "hr",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "table_open",
    "html_block",
}


@pytest.mark.parametrize("text", HOSTILE_LINES)
def test_line_start_markers_open_no_block(text: str) -> None:
    for filtered in (markdown_text(text), "Intro line\n" + markdown_text(text)):
        assert not [t.type for t in PARSER.parse(filtered) if t.type in BLOCKS], filtered


@given(st.text(alphabet="#~`-=*_+>|<1.) \tab\n", max_size=40))
def test_no_text_opens_a_block_in_a_paragraph(text: str) -> None:
    markdown = "Before\n\n" + markdown_text(text) + "\n\nAfter\n"
    assert not [t.type for t in PARSER.parse(markdown) if t.type in BLOCKS]


def test_escaped_line_starts_read_as_the_same_words() -> None:
    text = "# not a heading\n- not a list\n1. not a list either\n~~~"
    rendered = PARSER.render(markdown_text(text))
    assert normalised(rendered) == "<p># not a heading - not a list 1. not a list either ~~~</p>"


SHIPPED_MARKDOWN = [name for name in render.SHIPPED if name.endswith(".md.j2")]
# Template fields that are not free text: ids, numbers and dates the schema checks, counts, the tool's words.
NOT_TEXT = {
    "id", "number", "recommendation", "item", "count", "total", "complete_count", "percent", "due",
    "due_text", "date", "as_of", "expected", "kind", "ref", "index", "start", "end", "raised_due",
    "grouper", "today", "numbers", "blocked_by", "value", "target", "updated",
    "counted", "forces", "status_counts", "state", "answered", "asked", "ids",
}  # fmt: skip
ESCAPING = {"md", "md_inline", "md_cell", "mermaid", "long_date", "status_words", "length", "int", "plural"}


def unescaped_fields(expression: Any) -> list[str]:
    """Fields an output expression writes without a Markdown-escaping filter last."""
    from jinja2 import nodes

    if isinstance(expression, nodes.Const):
        return []
    if isinstance(expression, nodes.CondExpr):
        return unescaped_fields(expression.expr1) + (
            unescaped_fields(expression.expr2) if expression.expr2 else []
        )
    if isinstance(expression, nodes.Filter):
        if expression.name in ESCAPING:
            return []
        if expression.name in ("join", "lower") and expression.node is not None:
            return unescaped_fields(expression.node)
        if expression.name == "map" and {k.key: getattr(k.value, "value", "") for k in expression.kwargs} == {
            "attribute": "id"
        }:
            return []
        return [f"|{expression.name}"]
    if isinstance(expression, nodes.Call):
        name = getattr(expression.node, "name", "")
        return [] if name in ("plural", "update_cell") else [name]
    if isinstance(expression, nodes.Getattr):
        return [] if expression.attr in NOT_TEXT else [expression.attr]
    if isinstance(expression, nodes.Getitem):  # item["items"] is a count, status_counts[status] one too
        if (
            getattr(expression.arg, "value", "") == "items"
            or getattr(expression.node, "attr", "") in NOT_TEXT
        ):
            return []
        return ["[...]"]
    if isinstance(expression, nodes.Name):
        return [] if expression.name in NOT_TEXT else [expression.name]
    return [type(expression).__name__]


@pytest.mark.parametrize("name", SHIPPED_MARKDOWN)
def test_every_text_field_of_a_markdown_template_is_escaped(name: str) -> None:
    from jinja2 import nodes

    env = render.environment()
    source = render.ShippedLoader().get_source(env, name)[0]
    found = [
        f"line {output.lineno}: {field}"
        for output in env.parse(source).find_all(nodes.Output)
        for expression in output.nodes
        if not isinstance(expression, nodes.TemplateData)
        for field in unescaped_fields(expression)
    ]
    assert found == []


# ---- the sandbox ------------------------------------------------------------------


@pytest.mark.parametrize(
    "attack",
    [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ joiner.__init__.__globals__.os.system('true') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ plan.__class__.__init__.__globals__ }}",
    ],
)
def test_templates_cannot_reach_python(tmp_path: Path, minimal_text: str, attack: str) -> None:
    template = tmp_path / "shared.md.j2"
    template.write_text(f"Summary\n{attack}\n")
    with pytest.raises(
        TemplateError, match=r"shared\.md\.j2:2: access to attribute '__\w+__' of .* is unsafe"
    ):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_shipped_templates_run_in_the_sandbox() -> None:
    from jinja2.sandbox import SandboxedEnvironment

    assert isinstance(render.environment(), SandboxedEnvironment)


# ---- template files that cannot be read -------------------------------------------------


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path, minimal_text: str) -> None:
    template = tmp_path / "latin1.md.j2"
    template.write_bytes("# Café\n{{ plan.title }} – ½\n".encode("latin-1", errors="replace"))
    with pytest.raises(
        TemplateError, match=r"latin1\.md\.j2:1:6: is not valid UTF-8 \(byte 0xe9 at offset 5\); save"
    ):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_an_included_template_that_is_not_utf8_is_named(tmp_path: Path, minimal_text: str) -> None:
    (tmp_path / "part.md.j2").write_bytes(b"ok\n\xff\n")
    template = tmp_path / "main.md.j2"
    template.write_text("{% include 'part.md.j2' %}\n")
    with pytest.raises(
        TemplateError, match=r"part\.md\.j2:2:1: is not valid UTF-8 \(byte 0xff at offset 3\)"
    ):
        render_document(minimal_context(minimal_text), "report.md.j2", template)


def test_a_fifo_as_template_is_refused_without_reading_it(tmp_path: Path, minimal_text: str) -> None:
    fifo = tmp_path / "pipe.md.j2"
    os.mkfifo(fifo)
    with pytest.raises(
        UsageError, match=r"--template .*pipe\.md\.j2: is a FIFO \(named pipe\), not a template"
    ):
        render_document(minimal_context(minimal_text), "report.md.j2", fifo)
