"""Supporting documents: kept on their update, shown, exported in HTML and Word, never counted as text."""

from __future__ import annotations

from pathlib import Path

from .runner import run

LABEL_VALUE = Path(__file__).parent.parent / "fixtures" / "import" / "layout-label-value.html"


def plan_with_supporting(tmp_path: Path, url: str = "https://example.org/guide.pdf") -> Path:
    """The label/value page imported, its supporting document pointed at ``url``."""
    target = tmp_path / "plan.yaml"
    code, _out, err = run("import", str(LABEL_VALUE), "--output", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("https://example.org/guide.pdf", url), encoding="utf-8")
    return target


def test_supporting_documents_are_shown_and_exported_but_are_not_text(tmp_path: Path) -> None:
    target = plan_with_supporting(tmp_path, 'https://example.org/a?b=1&c="><script>x</script>')
    code, out, err = run("show", "7.1", "--plan", str(target))
    assert code == 0, err
    assert "Supporting document: Crime recording guide for staff" in out
    assert '<https://example.org/a?b=1&c="><script>x</script>>' in out
    code, html, err = run("export", "--format", "html", "--plan", str(target))
    assert code == 0, err
    assert '<a href="https://example.org/a?b=1&amp;c=&#34;&gt;&lt;script&gt;x&lt;/script&gt;" rel=' in html
    assert "<script>x" not in html
    assert "Crime recording guide for staff</a>" in html
    code, csv_text, err = run("export", "--format", "csv", "--plan", str(target))
    assert code == 0 and "Crime recording guide" not in csv_text


def test_supporting_documents_are_in_the_word_export(tmp_path: Path) -> None:
    import docx

    target = plan_with_supporting(tmp_path)
    document = tmp_path / "plan.docx"
    code, _out, err = run("export", "--format", "docx", "--plan", str(target), "--output", str(document))
    assert code == 0, err
    cells = [c.text for t in docx.Document(str(document)).tables for r in t.rows for c in r.cells]
    assert any(
        "Supporting document: Crime recording guide for staff (https://example.org/guide.pdf)" in c
        for c in cells
    )


def test_a_supporting_address_that_is_not_http_is_refused_by_check(tmp_path: Path) -> None:
    target = plan_with_supporting(tmp_path, "javascript:alert(1)")
    code, out, err = run("check", "--plan", str(target))
    assert code == 1 and "an http:// or https:// address" in out + err
