"""The HTML fragment for a website's content editor: content only, semantic, styled inline, public wording.

Its golden file is tests/golden/plan.fragment.html (data/plan.yaml on the
tests' date); regenerate it with PLAN_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.documents.render import render_document
from plan_cli.documents.template_context import template_context
from plan_cli.plan.model import Plan

from ..conftest import TODAY

GOLDEN = Path(__file__).parent.parent / "golden" / "plan.fragment.html"
FRAGMENT = "plan.fragment.html.j2"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(document: str) -> Elements:
    elements = Elements()
    elements.feed(document)
    elements.close()
    return elements


def fragment(plan: Plan) -> str:
    return render_document(template_context(plan, TODAY), FRAGMENT)


def test_fragment_matches_its_golden_file(real_plan: Plan) -> None:
    data = fragment(real_plan).encode("utf-8")
    if os.environ.get("PLAN_UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes(), "the fragment differs from tests/golden/plan.fragment.html"


def test_fragment_is_content_only(real_plan: Plan) -> None:
    elements = parsed(fragment(real_plan))
    names = {tag for tag, _ in elements.tags}
    assert not names & {"html", "head", "body", "style", "script", "link", "meta", "title", "h1"}
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    assert not any("class" in attrs for tag, attrs in elements.tags if tag != "section")


def test_fragment_table_is_semantic_and_styled_inline(real_plan: Plan) -> None:
    elements = parsed(fragment(real_plan))
    headers = [attrs for tag, attrs in elements.tags if tag == "th"]
    assert headers and all(attrs.get("scope") in {"col", "colgroup", "row", "rowgroup"} for attrs in headers)
    assert [tag for tag, _ in elements.tags].count("caption") == 1
    assert all(attrs.get("style") for tag, attrs in elements.tags if tag in {"th", "td", "table"})
    rows = sum(1 for tag, attrs in elements.tags if tag == "th" and attrs.get("scope") == "row")
    assert rows == len(real_plan.items)
    ids = [attrs["id"] for _, attrs in elements.tags if attrs.get("id")]
    assert len(ids) == len(set(ids)) and all(i and i.startswith("plan-") for i in ids)


def test_fragment_footer_speaks_to_the_public(real_plan: Plan) -> None:
    document = fragment(real_plan)
    footer = " ".join("".join(parsed(document.rsplit("</table>", 1)[1]).text).split())
    assert (
        footer
        == "Status summarises each item's latest update (March 2026 Update). Last updated 28 November 2026."
    )


def test_fragment_escapes_plan_text(real_plan: Plan) -> None:
    hostile = real_plan._replace(force="<script>alert(1)</script> & Co")
    document = fragment(hostile)
    assert "<script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in document


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=120))
def test_any_text_reads_back_word_for_word(real_plan: Plan, text: str) -> None:
    rec = real_plan.recommendations[0]
    changed = real_plan._replace(recommendations=(rec._replace(text=text), *real_plan.recommendations[1:]))
    document = fragment(changed)
    cell = document.split('<td rowspan="2" style="', 1)[1].split('">', 1)[1].split("</td>", 1)[0]
    assert "".join(parsed(cell).text) == text
