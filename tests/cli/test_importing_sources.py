"""plan import of a page by its address and of a PDF: the same plan as from a file, clean errors otherwise."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from plan_cli.reading.loader import parse_plan

from ..served import Reply, serving
from .runner import run

HERE = Path(__file__).parent.parent
WEBSITE = HERE / "fixtures" / "import" / "force-website.html"
HTML = (("Content-Type", "text/html; charset=utf-8"),)


def test_a_served_page_imports_as_the_file_does_with_its_address_noted(tmp_path: Path) -> None:
    page = WEBSITE.read_bytes()
    replies = {
        "/plans/stalking": Reply(301, (("Location", "/plans/stalking.html"),)),
        "/plans/stalking.html": Reply(headers=HTML, body=page),
    }
    with serving(replies) as site:
        code, out, err = run("import", f"{site}/plans/stalking", "--timeout", "5")
    assert code == 0, err
    code, from_file, err = run("import", str(WEBSITE))
    assert code == 0, err
    assert parse_plan(out, "url.yaml").plan == parse_plan(from_file, "file.yaml").plan
    final = f"{site}/plans/stalking.html"
    assert out.splitlines()[0] == f"# Imported by 'plan import' from {final} (HTML, table 1)."
    assert f"# source: downloaded from {final}" in out.splitlines()


def test_a_page_served_in_windows_1252_is_read_as_its_server_says() -> None:
    page = WEBSITE.read_text(encoding="utf-8").replace(
        "Wessex Constabulary", "Wessex Constabulary \u2013 caf\u00e9"
    )
    replies = {
        "/plan.html": Reply(
            headers=(("Content-Type", "text/html; charset=windows-1252"),), body=page.encode("cp1252")
        )
    }
    with serving(replies) as site:
        code, out, err = run("import", f"{site}/plan.html")
    assert code == 0, err
    assert parse_plan(out, "url.yaml").plan.force == "Wessex Constabulary \u2013 caf\u00e9"


def test_a_served_pdf_is_told_from_its_content() -> None:
    replies = {"/plan": Reply(headers=(("Content-Type", "application/pdf"),), body=b"%PDF-1.7\nnot really\n")}
    with serving(replies) as site:
        code, out, err = run("import", f"{site}/plan")
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {site}/plan: is not a readable PDF"), err


FAILURES = {
    "over-the-cap": (
        Reply(headers=(("Content-Length", str(40 * 1024 * 1024)),)),
        "is 40.0 MB; a published plan is at most 32 MB. Is this the right address?",
    ),
    "not-found": (None, "the server answered 404 Not Found; check the address in a browser"),
    "never-answers": (
        Reply(hang=True),
        "the server did not answer within 1 second; try again later, or raise --timeout",
    ),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_page_that_cannot_be_had_is_a_clean_error_within_a_minute(case: str, tmp_path: Path) -> None:
    reply, message = FAILURES[case]
    target = tmp_path / "plan.yaml"
    with serving({"/plan.html": reply} if reply else {}) as site:
        started = time.monotonic()
        code, out, err = run("import", f"{site}/plan.html", "--timeout", "1", "--output", str(target))
    assert time.monotonic() - started < 60
    assert (code, out) == (1, "")
    assert err == f"error: {site}/plan.html: {message}\n"
    assert not target.exists()


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://127.0.0.1/plan.pdf"])
def test_only_web_addresses_are_fetched(address: str) -> None:
    code, out, err = run("import", address)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {address}: ")
    assert "only http:// and https:// ones (for a file on this computer, give its path)" in err


def _image_only_pdf() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, "PDF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n1 0 obj garbage\n", "is not a readable PDF (PdfminerException: "),
        (b"%PDF-1.4\n", "is not a readable PDF"),
        (None, "holds no text, only images (a scanned document?)"),
    ],
)
def test_a_broken_pdf_is_a_clean_error_not_advice_about_utf8(
    data: bytes | None, message: str, tmp_path: Path
) -> None:
    source = tmp_path / "plan.pdf"
    source.write_bytes(data if data is not None else _image_only_pdf())
    code, out, err = run("import", str(source), "--output", str(tmp_path / "plan.yaml"))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {source}: {message}"), err
    assert "UTF-8" not in err and "Traceback" not in err
    assert not (tmp_path / "plan.yaml").exists()
