"""Filling a Word reply form as a person would (python-docx), and re-saving it through LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

Typed = list[tuple[str, str]]  # (kind, text): kind "p" for a paragraph, "bullet" for a bulleted one


def fill_form(form: Path, filled: Path, answers: dict[str, tuple[str, Typed]]) -> None:
    """Save ``form`` as ``filled`` with each item's status chosen and its update typed, as in Word.

    The status goes into the drop-down's shown text (as choosing it does, the
    placeholder flag removed); the update into the Update cell, paragraph by
    paragraph, bullets in the List Bullet style.
    """
    document = Document(str(form))
    done = set()
    for table in document.tables:
        heading = table.rows[0].cells[0].text.split()
        if len(heading) < 3 or heading[2] not in answers:
            continue
        status, paragraphs = answers[heading[2]]
        status_cell = table.rows[1].cells[1]._tc
        for flag in status_cell.iter(qn("w:showingPlcHdr")):
            flag.getparent().remove(flag)
        status_cell.findall(".//" + qn("w:t"))[0].text = status
        cell = table.rows[2].cells[1]
        for index, (kind, text) in enumerate(paragraphs):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            if kind == "bullet":
                paragraph.style = document.styles["List Bullet"]
            paragraph.add_run(text)
        done.add(heading[2])
    assert done == set(answers), f"no reply table for {set(answers) - done}"
    document.save(str(filled))


def soffice() -> str:
    """The LibreOffice program; skip (or fail under PLAN_REQUIRE_BROWSER=1) where it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        if os.environ.get("PLAN_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def resave_with_libreoffice(source: Path, folder: Path) -> Path:
    """Open ``source`` in headless LibreOffice and save it again as .docx in ``folder``; return the new file."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profile"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = folder / source.name
    assert saved.exists(), f"LibreOffice did not write {saved}"
    return saved
