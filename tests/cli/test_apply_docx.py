"""The Word round end to end: plan draft --format docx, filled as a person would, plan apply."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ..conftest import MINIMAL_FILE, PLAN_FILE
from ..docx_forms import fill_form, resave_with_libreoffice
from .runner import run


@pytest.fixture
def open_round(tmp_path: Path) -> Path:
    """A copy of the minimal plan with a round open for replies."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MINIMAL_FILE.read_bytes())
    code, _, err = run("round", "open", "Spring 2027 Update", "--plan", str(plan))
    assert code == 0, err
    return plan


def word_form(plan: Path, *args: str) -> Path:
    form = plan.parent / "form.docx"
    code, _, err = run("draft", "--format", "docx", "--output", str(form), "--plan", str(plan), *args)
    assert code == 0, err
    return form


ANSWERS = {
    "7.1": (
        "In progress",
        [
            ("p", "We trained 75% of staff."),
            ("p", "Next steps:"),
            ("bullet", "a refresher in May"),
            ("bullet", "an audit in June"),
        ],
    ),
    "25.1": ("Completed", [("p", r"Files on \\fileserver\stalking, R&amp;D &lt;b&gt; kept as typed.")]),
}


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, failing unless every line of ``before`` is kept in order."""
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "a line was changed or removed"
    return [line[2:] for line in diff if line.startswith("+ ")]


def test_a_word_form_filled_and_applied_writes_both_items_only_adding_lines(open_round: Path) -> None:
    form = word_form(open_round)
    filled = open_round.parent / "filled.docx"
    fill_form(form, filled, ANSWERS)
    before = open_round.read_text()
    code, out, err = run("apply", str(filled), "--plan", str(open_round))
    assert code == 0, err
    added = added_lines(before, open_round.read_text())
    assert "            status: in-progress" in added
    assert "              - a refresher in May" in added
    assert "            text: Files on \\\\fileserver\\stalking, R&amp;D &lt;b&gt; kept as typed." in added
    assert "Wrote 2 replies" in out
    code, out, _ = run("apply", str(filled), "--plan", str(open_round))
    assert (code, "already holds every reply" in " ".join(out.split())) == (0, True)


@pytest.mark.slow
def test_a_word_form_saved_again_by_libreoffice_still_applies(tmp_path: Path) -> None:
    """The round as an owner works it: the PCCs' Word form, two items filled, saved again by a word processor."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PLAN_FILE.read_bytes())
    form = word_form(plan, "--owner", "pccs")
    fill_form(
        form,
        tmp_path / "filled.docx",
        {
            "25.1": ANSWERS["7.1"],
            "25.3": (
                "Completed",
                [("p", "The review is finished."), ("p", "Thanks,"), ("p", "DS Jo Bloggs")],
            ),
        },
    )
    resaved = resave_with_libreoffice(tmp_path / "filled.docx", tmp_path / "libreoffice")
    before = plan.read_text()
    code, out, err = run("apply", str(resaved), "--plan", str(plan))
    assert code == 0, err
    assert "Wrote 2 replies" in out
    assert "item 25.3: left out its sign-off (--keep-signoffs keeps it): Thanks, / DS Jo Bloggs" in err
    added = added_lines(before, plan.read_text())
    assert added == [
        "          march-2027:",
        "            status: in-progress",
        "            text: |-",
        "              We trained 75% of staff.",
        "",
        "              Next steps:",
        "              - a refresher in May",
        "              - an audit in June",
        "          march-2027:",
        "            status: complete",
        "            text: The review is finished.",
    ]


def test_an_unfilled_word_form_writes_nothing_and_dry_run_shows_the_diff(open_round: Path) -> None:
    form = word_form(open_round)
    before = open_round.read_bytes()
    code, out, _ = run("apply", str(form), "--plan", str(open_round))
    assert (code, "no item is filled in" in " ".join(out.split())) == (0, True)
    filled = open_round.parent / "filled.docx"
    fill_form(form, filled, ANSWERS)
    code, out, err = run("apply", str(filled), "--dry-run", "--plan", str(open_round))
    assert code == 0 and "+            status: complete" in out and "would be written" in err
    assert open_round.read_bytes() == before


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("amber", "'amber' could mean 'in progress' or 'blocked'"),
        ("Compelte", "'Compelte' is not a status; did you mean 'complete'?"),
    ],
)
def test_a_bad_status_in_word_names_the_file_table_and_item(
    open_round: Path, status: str, message: str
) -> None:
    form = word_form(open_round)
    filled = open_round.parent / "filled.docx"
    fill_form(form, filled, {"25.1": (status, [("p", "Some text.")])})
    before = open_round.read_bytes()
    code, _, err = run("apply", str(filled), "--plan", str(open_round))
    assert code == 1
    assert f"{filled}: table 2, item 25.1: {message}" in err
    assert open_round.read_bytes() == before


def docx_with(parts: dict[str, bytes], stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A zip of a few kilobytes that would inflate to 65 MB of zeros."""
    return docx_with({"word/document.xml": b"<a/>", "word/media/zeros.bin": bytes(65 * 1024 * 1024)})


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("xxe.docx", docx_with({"word/document.xml": XXE}), "has a DTD (<!DOCTYPE or <!ENTITY)"),
        ("bomb.docx", None, "would be 65 MB once decompressed"),
        (
            "macros.docx",
            docx_with({"word/document.xml": b"<a/>", "word/vbaProject.bin": b"\0"}),
            "holds macros",
        ),
        ("not-a-zip.docx", b"This is text, not a Word document.", "is not a Word document"),
        ("reply.docm", b"PK", "is a Word document with macros (.docm)"),
    ],
)
def test_a_hostile_word_file_is_refused_cleanly_and_nothing_written(
    open_round: Path, name: str, content: bytes | None, message: str
) -> None:
    hostile = open_round.parent / name
    hostile.write_bytes(content if content is not None else zip_bomb())
    before = open_round.read_bytes()
    code, out, err = run("apply", str(hostile), "--plan", str(open_round))
    assert code == 1
    assert f"{hostile}: " in err and message in err
    assert "Traceback" not in err + out
    assert open_round.read_bytes() == before
