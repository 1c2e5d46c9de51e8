"""plan_cli.importer.html: pages read in bounded time, chrome never taken, the title from the page's own."""

from __future__ import annotations

from plan_cli.importer.html import cell_from_html, is_chrome, tables_from_html

ROW = "<tr><td>7</td><td>Recommendation text.</td><td>7.1 Evidence.</td><td>Response.</td></tr>"


def test_three_hundred_nested_tables_are_read_without_recursion() -> None:
    page = "<table><tr><td>" * 400 + "deep" + "</td></tr></table>" * 400
    tables = tables_from_html(page)
    assert len(tables) == 400
    assert tables[-1].rows[0].cells[0].text == "deep"


def test_a_hundred_thousand_unclosed_bold_tags_are_read_in_bounded_time() -> None:
    cell = cell_from_html("<b>x" * 100_000)
    assert cell.text == "x" * 100_000
    assert all(run.bold for paragraph in cell.paragraphs for run in paragraph)


def test_the_title_tag_without_the_sites_name_when_the_page_has_no_h1() -> None:
    page = (
        "<html><head><title>Stalking action plan | Northshire Police</title></head><body>"
        '<div class="exit"><p>Leave this site</p></div><p>Force: Northshire Police</p>'
        f"<table>{ROW}</table></body></html>"
    )
    table = tables_from_html(page)[0]
    assert table.preamble[0].text == "Stalking action plan"
    assert table.named == "Northshire Police"
    assert "Leave this site" not in [cell.text for cell in table.preamble]


def test_chrome_words_are_recognised() -> None:
    assert is_chrome("Quickly exit this site by pressing the Escape key")
    assert is_chrome("This site is a beta version")
    assert not is_chrome("The force reviews every stalking case within a week.")


def test_the_paragraphs_above_each_table_are_kept_with_it() -> None:
    page = f"<p>First.</p><table>{ROW}</table><h2>Second</h2><p>Second text.</p><table>{ROW}</table>"
    first, second = tables_from_html(page)
    assert [c.text for c in first.before] == ["First."]
    assert [c.text for c in second.before] == ["Second", "Second text."]


def test_several_leads_in_one_paragraph_are_all_kept() -> None:
    from plan_cli.importer import import_plan

    page = (
        "<h1>Stalking plan</h1><p><b>Executive Lead:</b> ACC One<br><b>Strategic lead:</b> ACC Two<br>"
        "<b>Tactical Lead:</b> DCI Three</p><table><tr><td>Rec No.</td><td>Recommendation</td>"
        "<td>Initial response</td></tr><tr><td>7</td><td>Do it.</td><td>Done.</td></tr></table>"
    )
    text = import_plan(page.encode(), "page.html", "Northshire Police").text
    assert 'executive_lead: "ACC One\\nACC Two"' in text
    assert "operational_lead: DCI Three" in text
    assert '# source: the page names more than one executive lead: "Strategic lead"' in text


def test_a_word_list_paragraphs_drawn_bullet_reads_as_a_list_line_and_a_number_stays() -> None:
    padding = "<span style='font:7.0pt'>&nbsp;&nbsp;&nbsp; </span>"
    cell = cell_from_html(
        f"<p class=MsoListParagraph><![if !supportLists]><span>\u00b7{padding}</span><![endif]>Briefed.</p>"
        f"<p class=MsoListParagraph><![if !supportLists]><span>2.{padding}</span><![endif]>Audited.</p>"
    )
    assert cell.texts == ("- Briefed.", "2. Audited.")
