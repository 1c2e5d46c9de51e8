"""plan_cli.importer.pdf: the plan printed to PDF the ways forces print it imports word for word.

The PDFs are made here, at run time, from data/plan.yaml's own exports: the
HTML page printed by headless Chromium and the Word document printed by
LibreOffice (``soffice --convert-to pdf``), as a force's web team or plan
owner would; no binary is kept in the repository. Where a program is missing
the test is skipped and says which, unless ``PLAN_REQUIRE_BROWSER=1`` (as in
.ci/run), when it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plan_cli.basics.errors import SourceError
from plan_cli.importer import import_plan
from plan_cli.plan.model import Plan
from plan_cli.questions.rounds import reported_rounds
from plan_cli.reading.loader import load_plan, parse_plan

from ..cli.runner import run
from ..conftest import PLAN_FILE, TODAY

pytestmark = pytest.mark.slow

NEEDED = 0.98
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def missing(reason: str) -> None:
    """Skip for ``reason``; fail instead where the check is required (PLAN_REQUIRE_BROWSER=1)."""
    if os.environ.get("PLAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the PDF check is required here but {reason}")
    pytest.skip(reason)


def texts(plan: Plan) -> list[str]:
    """Every published text of the plan: recommendations, evidence, updates and their parts."""
    out = []
    for rec in plan.recommendations:
        out.append(rec.text)
        for item in rec.items:
            out += [item.evidence] if item.evidence else []
            for update in item.updates:
                out += [update.text] if update.text else []
                out += [part.text for part in update.parts or ()]
    return out


def sentences_kept(imported: Plan, published: Plan) -> tuple[float, list[str]]:
    """The share of the published plan's sentences found word for word in the imported one, and those not."""
    found = "\n".join(texts(imported))
    sentences = [s for text in texts(published) for s in SENTENCE_END.split(text) if s.strip()]
    lost = [s for s in sentences if s not in found]
    return 1 - len(lost) / len(sentences), lost


def export(fmt: str, folder: Path) -> Path:
    target = folder / f"plan.{fmt}"
    code, _, err = run("export", "--format", fmt, "--plan", str(PLAN_FILE), "--output", str(target))
    assert code == 0, err
    return target


def chromium_pdf(folder: Path) -> Path:
    """The HTML export printed to PDF by headless Chromium, with its default page header and footer."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        missing("no Chromium on this machine (Debian: apt-get install chromium)")
    page = export("html", folder)
    target = folder / "printed-by-chromium.pdf"
    subprocess.run(
        [
            str(chromium),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={folder / 'chromium-profile'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return target


def libreoffice_pdf(folder: Path) -> Path:
    """The Word export printed to PDF by LibreOffice, with a profile of its own (tests run side by side)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing("no LibreOffice on this machine (Debian: apt-get install libreoffice-writer-nogui)")
    document = export("docx", folder)
    subprocess.run(
        [
            str(soffice),
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return folder / "plan.pdf"


@pytest.mark.parametrize("printer", [chromium_pdf, libreoffice_pdf], ids=["chromium", "libreoffice"])
def test_the_plan_printed_to_pdf_imports_word_for_word(printer: object, tmp_path: Path) -> None:
    pdf = printer(tmp_path)  # type: ignore[operator]
    published = load_plan(PLAN_FILE).plan
    result = import_plan(pdf.read_bytes(), pdf.name, published.force)
    assert result.kind == "pdf"
    imported = parse_plan(result.text, "imported.yaml").plan
    kept, lost = sentences_kept(imported, published)
    assert kept >= NEEDED, f"{kept:.1%} of sentences kept; lost:\n" + "\n".join(lost[:20])
    assert [r.number for r in imported.recommendations] == [r.number for r in published.recommendations]
    assert [i.id for i in imported.items] == [i.id for i in published.items]
    columns = reported_rounds(published, TODAY)  # the exports' round columns
    assert [r.title for r in imported.rounds] == [r.title for r in columns]
    assert imported.title == published.title  # not the printer's page header
    for item in published.items:
        got = next(i for i in imported.items if i.id == item.id)
        assert [(u.round, [p.label for p in u.parts or ()]) for u in got.updates] == [
            (u.round, [p.label for p in u.parts or ()]) for u in item.updates
        ], f"{item.id}: the bold part labels become parts, round by round"


def test_the_measure_counts_a_lost_sentence() -> None:
    published = load_plan(PLAN_FILE).plan
    first = published.recommendations[0]
    changed = parse_plan(
        PLAN_FILE.read_text(encoding="utf-8").replace(first.text, first.text.replace("crime", "crimes"), 1),
        "changed.yaml",
    ).plan
    kept, lost = sentences_kept(changed, published)
    assert lost == [first.text] and kept < 1


def test_a_pdf_without_ruled_tables_says_what_it_looked_for(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        missing("no Chromium on this machine (Debian: apt-get install chromium)")
    page = tmp_path / "unruled.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><title>Plan</title><h1>Stalking action plan</h1>"
        "<table><tr><th>Rec. No.</th><th>Recommendation</th></tr><tr><td>7</td><td>Do it.</td></tr></table>",
        encoding="utf-8",
    )
    target = tmp_path / "unruled.pdf"
    subprocess.run(
        [
            str(chromium),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    with pytest.raises(SourceError, match="holds no table drawn with lines on its 1 page"):
        import_plan(target.read_bytes(), target.name, "Wessex Constabulary")
