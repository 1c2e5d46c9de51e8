"""plan_cli.importer.pdf_text: letters placed on a page back into paragraphs, verbatim.

The letters are laid out here as pdfplumber reports them (text, x0, x1, top,
bottom, size, fontname), a fixed width per letter, so each case says exactly
which lines a printer made.
"""

from __future__ import annotations

from typing import Any

from plan_cli.importer.pdf_text import appended, cell_from_letters
from plan_cli.importer.table import Cell, Run, segments

SIZE = 9.0
WIDTH = 5.0  # every letter's width
PITCH = 13.5  # the distance from one line's top to the next line's, inside a paragraph


def letters(
    text: str, top: float, left: float = 10.0, bold: str = "", spaces: bool = True
) -> list[dict[str, Any]]:
    """One line's letters; the letters of ``bold`` (a prefix of ``text``) in a bold font.

    Without ``spaces`` the spaces are left out, as some printers do: only the gap shows them.
    """
    out = []
    for index, char in enumerate(text):
        if char == " " and not spaces:
            continue
        x0 = left + index * WIDTH
        font = "ABCDEF+LiberationSans-Bold" if index < len(bold) else "ABCDEF+LiberationSans"
        out.append(
            {
                "text": char,
                "x0": x0,
                "x1": x0 + WIDTH,
                "top": top,
                "bottom": top + SIZE,
                "size": SIZE,
                "fontname": font,
            }
        )
    return out


def cell(*lines: list[dict[str, Any]], width: float = 200.0) -> Cell:
    return cell_from_letters([c for line in lines for c in line], (5.0, 5.0 + width))


def test_the_lines_of_a_paragraph_are_joined_with_a_space() -> None:
    got = cell(letters("Work continues to", 0), letters("develop the platform.", PITCH), width=100)
    assert got.texts == ("Work continues to develop the platform.",)


def test_a_gap_taller_than_the_line_spacing_starts_a_paragraph() -> None:
    got = cell(
        letters("The first paragraph", 0),
        letters("runs on here.", PITCH),
        letters("The second one.", 2 * PITCH + 6),
        width=100,
    )
    assert got.texts == ("The first paragraph runs on here.", "The second one.")


def test_a_line_that_stops_short_of_a_word_that_would_fit_ends_a_paragraph() -> None:
    got = cell(letters("Ends here.", 0), letters("Next paragraph, no gap.", PITCH), width=130)
    assert got.texts == ("Ends here.", "Next paragraph, no gap.")


def test_a_line_broken_after_a_hyphen_runs_on_without_a_space() -> None:
    got = cell(
        letters("Northumbria developed e-", 0),
        letters("learning package, value -", PITCH),
        letters("the NSIP model.", 2 * PITCH),
        width=130,
    )
    assert got.texts == ("Northumbria developed e-learning package, value - the NSIP model.",)


def test_a_word_the_printer_broke_stays_as_printed() -> None:
    got = cell(letters("Recommendati", 0), letters("on Owner", PITCH), width=62)
    assert got.texts == ("Recommendati on Owner",)


def test_a_gap_without_a_space_letter_is_a_space_and_a_space_letter_is_not_doubled() -> None:
    assert cell(letters("Chief Constables", 0, spaces=False)).texts == ("Chief Constables",)
    assert cell(letters("Chief Constables", 0)).texts == ("Chief Constables",)


def test_bold_letters_are_a_bold_run_so_a_label_survives() -> None:
    got = cell(letters("Context - Linked to the", 0, bold="Context"), letters("report.", PITCH), width=120)
    assert [run.bold for run in got.paragraphs[0]] == [True, False]
    assert segments(got) == [("Context", "Linked to the report.")]


def test_a_bold_label_after_a_sentence_starts_a_paragraph_even_on_a_full_line() -> None:
    got = cell(
        letters("the end of the context.", 0),
        letters("Progress - The force", PITCH, bold="Progress"),
        width=116,
    )
    assert got.texts == ("the end of the context.", "Progress - The force")


def test_no_letters_is_an_empty_cell() -> None:
    assert cell().is_empty


def test_the_rest_of_a_cut_paragraph_runs_on_with_a_space() -> None:
    before = Cell(((Run("Context", True), Run(" - Northumbria is")),))
    rest = Cell(((Run("aware of this work."),),))
    assert appended(before, rest).texts == ("Context - Northumbria is aware of this work.",)


def test_the_rest_runs_on_after_a_full_stop_too_a_page_break_is_no_paragraph_break() -> None:
    before = Cell(((Run("Code of Practice."),),))
    rest = Cell(((Run("This included not conducting."),), (Run("Another."),)))
    assert appended(before, rest).texts == ("Code of Practice. This included not conducting.", "Another.")


def test_a_rest_that_starts_with_a_bold_label_is_a_paragraph_of_its_own() -> None:
    before = Cell(((Run("the context."),),))
    rest = Cell(((Run("Progress", True), Run(" - The force")),))
    assert appended(before, rest).texts == ("the context.", "Progress - The force")


def test_an_empty_side_leaves_the_other() -> None:
    some = Cell(((Run("Text."),),))
    assert appended(some, Cell(())) == some
    assert appended(Cell(()), some) == some


def test_a_raised_ordinal_stays_on_its_line() -> None:
    before = letters("Go-live was the 17", 20.0)  # ends at x = 100
    raised = [
        {
            "text": t,
            "x0": 100.0 + i * 3,
            "x1": 103.0 + i * 3,
            "top": 18.5,
            "bottom": 23.7,
            "size": 5.2,
            "fontname": "F",
        }
        for i, t in enumerate("th")
    ]
    after = letters(" February.", 20.0, left=106.0)
    assert cell(before + raised + after).texts == ("Go-live was the 17th February.",)
