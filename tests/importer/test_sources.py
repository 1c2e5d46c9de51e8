"""plan_cli.importer.sources: the reader chosen from the content; long text sources read in linear time."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_cli.basics.errors import SourceError
from plan_cli.importer import import_plan
from plan_cli.importer.html import cell_from_html
from plan_cli.importer.sources import read_tables, served_as_utf8, table_from_tab_separated
from plan_cli.reading.loader import parse_plan

HEADINGS = "Rec. No.\tRecommendation\tEvidence requirements\tOwner\tInitial Action Plan Response"


def tab_separated(rows: int, items_per_recommendation: int = 500) -> bytes:
    """The published text with ``rows`` evidence items, ``items_per_recommendation`` to a recommendation."""
    lines = [HEADINGS]
    for index in range(rows):
        number, item = 1 + index // items_per_recommendation, 1 + index % items_per_recommendation
        first = item == 1
        lines.append(
            f"{number if first else ''}\t{f'Recommendation {number}.' if first else ''}\t"
            f"{number}.{item} Evidence for {number}.{item}.\tChief Constables\tResponse to {number}.{item}."
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.slow
def test_50000_rows_are_read_and_built() -> None:
    """Each row once (an earlier look-up of every item per row took ten minutes here; the timing is
    benchmarks/importing.py's)."""
    from plan_cli.importer.structure import structure

    data = tab_separated(50_000)
    _, tables = read_tables(data, "long.txt")
    found = structure(tables, "long.txt", plain=False)
    assert len(found.items) == 50_000
    assert found.items[-1].evidence == "Evidence for 100.500."


@pytest.mark.slow
def test_a_long_text_imports_to_a_plan_that_loads() -> None:
    result = import_plan(tab_separated(5_000), "long.txt", "Wessex Constabulary")
    plan = parse_plan(result.text, "long.yaml").plan
    assert [len(rec.items) for rec in plan.recommendations] == [500] * 10
    assert plan.items[-1].evidence == "Evidence for 10.500."


def comma_separated(rows: int) -> bytes:
    """The same rows as CSV, as 'plan export --format csv' writes text: each response two paragraphs."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in tab_separated(rows).decode().splitlines():
        cells = line.split("\t")
        writer.writerow(
            [*cells[:-1], cells[-1] + "\n\nA second paragraph." if cells[0] != "Rec. No." else cells[-1]]
        )
    return out.getvalue().encode()


TEXT_FIELD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"), max_size=40)


@given(TEXT_FIELD)
def test_a_plain_field_reads_as_the_html_parser_reads_it(field: str) -> None:
    table = table_from_tab_separated(f"a\t{field}\n")
    assert table.rows[0].cells[1] == cell_from_html(field)


@pytest.mark.parametrize(
    "field", ["<b>Context</b> - text", "R&amp;D", "x\x00y", "caf\u00e9 &nbsp;", "  spaced  out  ", ""]
)
def test_fields_with_markup_entities_or_controls_read_as_html(field: str) -> None:
    assert table_from_tab_separated(f"a\t{field}\n").rows[0].cells[1] == cell_from_html(field)


def test_a_pdf_is_told_by_its_content_whatever_its_name() -> None:
    with pytest.raises(SourceError, match="is not a readable PDF") as raised:
        read_tables(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nbroken", "plan.txt")
    assert "UTF-8" not in str(raised.value)


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("caf\u00e9 \u2013 plan".encode("cp1252"), "windows-1252", "caf\u00e9 \u2013 plan".encode()),
        ("caf\u00e9".encode(), "iso-8859-1", "caf\u00e9".encode()),  # UTF-8 already: as sent
        (b"caf\xe9", None, b"caf\xe9"),  # no charset named: as sent, for the reader's own message
        (b"caf\xe9", "no-such-charset", b"caf\xe9"),
        (b"%PDF-1.7 \xe9", "windows-1252", b"%PDF-1.7 \xe9"),
        (b"PK\x03\x04 \xe9", "windows-1252", b"PK\x03\x04 \xe9"),
    ],
)
def test_a_served_text_becomes_utf8_as_its_server_says(
    data: bytes, charset: str | None, expected: bytes
) -> None:
    assert served_as_utf8(data, charset) == expected


def test_an_html_file_in_the_character_set_its_meta_tag_declares_is_read_in_it() -> None:
    page = (
        '<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"></head>'
        "<body><table><tr><td>The force\u2019s \u201cplan\u201d</td></tr></table></body></html>"
    ).encode("cp1252")
    kind, tables = read_tables(page, "page.html")
    assert kind == "html" and tables[0].rows[0].cells[0].text == "The force\u2019s \u201cplan\u201d"


def test_an_html_file_not_in_the_character_set_it_declares_says_to_save_it_as_utf8() -> None:
    page = b'<html><head><meta charset="utf-8"></head><body><table><tr><td>caf\xe9</td></tr></table>'
    with pytest.raises(SourceError, match="save the file as UTF-8"):
        read_tables(page, "page.html")
