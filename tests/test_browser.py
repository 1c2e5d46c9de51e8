"""The published HTML in a real browser: headless Chromium, axe-core against WCAG 2.2 AA, two widths.

Needs the system Chromium (Debian package ``chromium``), the Python package
playwright (which drives it; no browser download) and axe-core's
``axe.min.js`` (npm package ``axe-core``): .ci/run installs all three. Where
one is missing the tests are skipped and say which, unless
``PLAN_REQUIRE_BROWSER=1`` (as in .ci/run), when they fail. ``PLAN_AXE_CORE``
names axe.min.js if it is not in ~/.cache/plan-axe/node_modules/axe-core/.

The screenshot in the README is the one taken here at 1280 pixels; refresh it with

    PLAN_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_browser.py
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plan_cli.documents.render import render_document
from plan_cli.documents.template_context import template_context
from plan_cli.plan.model import Plan

from .conftest import ROOT, TODAY

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TABLE_RULES = ["td-has-header", "th-has-data-cells", "td-headers-attr", "scope-attr-valid"]
WIDTHS = (1280, 390)
SCREENSHOTS = ROOT / "docs"
HOST_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stalking action plan</title></head>
<body style="font-family:Arial,sans-serif;margin:0 auto;padding:1rem;max-width:75rem">
<main><h1>Stalking action plan</h1>
{fragment}</main>
</body>
</html>
"""


def axe_script() -> Path | None:
    """axe.min.js from PLAN_AXE_CORE or the npm cache folder .ci/run installs it into."""
    named = os.environ.get("PLAN_AXE_CORE")
    path = Path(named) if named else Path.home() / ".cache/plan-axe/node_modules/axe-core/axe.min.js"
    return path if path.is_file() else None


def missing(reason: str) -> None:
    """Skip for ``reason``; fail instead where the check is required (PLAN_REQUIRE_BROWSER=1)."""
    if os.environ.get("PLAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the browser check is required here but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        missing("no Chromium on this machine (Debian: apt-get install chromium)")
    if axe_script() is None:
        missing("no axe-core (npm install --prefix ~/.cache/plan-axe axe-core, or set PLAN_AXE_CORE)")
    try:
        from playwright import sync_api
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(real_plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The standalone page, and the fragment inside a page like a force website's, as files."""
    context = template_context(real_plan, TODAY)
    folder = tmp_path_factory.mktemp("html")
    standalone = folder / "plan.html"
    standalone.write_text(render_document(context, "plan.html.j2"), encoding="utf-8")
    hosted = folder / "fragment.html"
    fragment = render_document(context, "plan.fragment.html.j2")
    hosted.write_text(HOST_PAGE.format(fragment=fragment), encoding="utf-8")
    return {"page": standalone, "fragment": hosted}


def opened(browser: Any, path: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    page.add_script_tag(path=str(axe_script()))
    return page


def assert_no_sideways_scroll(page: Any, width: int) -> None:
    """Fail when the page's body is wider than the window: a reader would have to scroll sideways."""
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
    )
    assert max(overflow[:2]) <= overflow[2], f"the page body scrolls sideways at {width} px: {overflow}"


def violations(page: Any, run_only: dict[str, Any]) -> list[str]:
    """axe-core's violations on the page, one line each: rule, impact, the first offending nodes."""
    result = page.evaluate("options => axe.run(document, {runOnly: options})", run_only)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", ["page", "fragment"])
@pytest.mark.parametrize("width", WIDTHS)
def test_published_html_meets_wcag_22_aa(
    browser: Any, pages: dict[str, Path], name: str, width: int, tmp_path: Path
) -> None:
    page = opened(browser, pages[name], width)
    try:
        assert violations(page, {"type": "tag", "values": WCAG_22_AA}) == []
        assert violations(page, {"type": "rule", "values": TABLE_RULES}) == [], "table not navigable"
        assert_no_sideways_scroll(page, width)
        target = tmp_path / f"plan-{name}-{width}.png"
        if os.environ.get("PLAN_UPDATE_SCREENSHOTS") == "1" and name == "page":
            target = SCREENSHOTS / f"plan-page-{width}.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000, "the screenshot shows nothing"
    finally:
        page.close()


def test_every_data_cell_has_a_column_and_a_row_header(browser: Any, pages: dict[str, Path]) -> None:
    page = opened(browser, pages["fragment"], 1280)
    try:
        unheaded = page.evaluate(
            """() => {
              const table = document.querySelector('table');
              const grid = [];
              [...table.rows].forEach((row, r) => {
                grid[r] = grid[r] || [];
                let c = 0;
                for (const cell of row.cells) {
                  while (grid[r][c]) c++;
                  for (let dr = 0; dr < cell.rowSpan; dr++)
                    for (let dc = 0; dc < cell.colSpan; dc++)
                      (grid[r + dr] = grid[r + dr] || [])[c + dc] = cell;
                  c += cell.colSpan;
                }
              });
              const head = table.tHead.rows.length;
              const missing = [];
              grid.slice(head).forEach((row, r) => row.forEach((cell, c) => {
                if (cell.tagName !== 'TD') return;
                const column = grid.slice(0, head).some(h => h[c] && h[c].tagName === 'TH');
                const rowHeader = row.some(h => h.tagName === 'TH' && /^row/.test(h.scope));
                if (!column || !rowHeader) missing.push(`row ${r + 1}, column ${c + 1}`);
              }));
              return missing;
            }"""
        )
        assert unheaded == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def national_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The national roll-up of the three example forces, with its map, as standalone pages.

    'sorted' is every force, sorted by share complete (its map is docs/national-map.png);
    'owner' is filtered by an owner one force does not have.
    """
    from plan_cli.national import rollup
    from plan_cli.national.force_figures import Selection
    from plan_cli.national.report_data import national_context

    from .conftest import FIXTURES

    folder = tmp_path_factory.mktemp("national")
    pages = {}
    for name, selection in (("sorted", Selection(sort="complete")), ("owner", Selection(owner="PCC"))):
        roll = rollup.roll_up(rollup.plan_files([FIXTURES / "forces"]), TODAY, selection)
        pages[name] = folder / f"national-{name}.html"
        pages[name].write_text(render_document(national_context(roll), "national.html.j2"), encoding="utf-8")
    return pages


@pytest.mark.parametrize("name", ["sorted", "owner"])
@pytest.mark.parametrize("width", WIDTHS)
def test_national_html_with_its_map_meets_wcag_22_aa(
    browser: Any, national_pages: dict[str, Path], name: str, width: int, tmp_path: Path
) -> None:
    page = opened(browser, national_pages[name], width)
    try:
        assert page.locator("svg[role=img]").count() == 2
        assert violations(page, {"type": "tag", "values": WCAG_22_AA}) == []
        assert violations(page, {"type": "rule", "values": TABLE_RULES}) == [], "table not navigable"
        assert_no_sideways_scroll(page, width)
        target = tmp_path / f"national-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, "the screenshot shows nothing"
        if os.environ.get("PLAN_UPDATE_SCREENSHOTS") == "1" and width == WIDTHS[0] and name == "sorted":
            page.locator("svg[role=img]").first.screenshot(path=str(SCREENSHOTS / "national-map.png"))
    finally:
        page.close()


@pytest.fixture(scope="module")
def report_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The progress report and a briefing for one owner, as standalone HTML pages."""
    from .cli.runner import run_real

    folder = tmp_path_factory.mktemp("report")
    whole, briefing = folder / "report.html", folder / "briefing.html"
    for target, asked in ((whole, ()), (briefing, ("--owner", "pccs"))):
        code, _, err = run_real(
            "report", *asked, "--format", "html", "--output", str(target), "--today", str(TODAY)
        )
        assert code == 0, err
    return {"report": whole, "briefing": briefing}


@pytest.mark.parametrize("name", ["report", "briefing"])
@pytest.mark.parametrize("width", WIDTHS)
def test_report_html_with_its_chart_meets_wcag_22_aa(
    browser: Any, report_pages: dict[str, Path], name: str, width: int, tmp_path: Path
) -> None:
    page = opened(browser, report_pages[name], width)
    try:
        assert page.locator("svg[role=img] title").count() >= 1
        assert page.locator("script").count() == 1  # axe-core's own, added by the test
        assert violations(page, {"type": "tag", "values": WCAG_22_AA}) == []
        assert_no_sideways_scroll(page, width)
        target = tmp_path / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, "the screenshot shows nothing"
        if os.environ.get("PLAN_UPDATE_SCREENSHOTS") == "1" and width == WIDTHS[0] and name == "briefing":
            page.screenshot(path=str(SCREENSHOTS / "report-briefing.png"))
    finally:
        page.close()
