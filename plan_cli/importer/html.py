"""Reading HTML: a force website's page (or a fragment) holding the plan table, and HTML cells.

Parsed with selectolax (the Lexbor engine: a real HTML5 parser, fast, one
small wheel without dependencies), never with regular expressions. Entities
are decoded by the parser; tags are dropped; block elements and ``<br>``
separate paragraphs; ``<b>`` and ``<strong>`` mark bold runs. A line break in
the HTML source is layout, so it reads as one space, as a browser shows it;
every other space is kept as published.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from plan_cli.importer.table import Cell, Row, Run, Table, quoted

_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"}
    | {"table", "tr", "td", "th", "caption", "dt", "dd"}
)
_BOLD = frozenset({"b", "strong"})
_SKIP = frozenset({"script", "style", "template", "head", "noscript"})
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*")
_HEADINGS = ("h1", "h2", "h3")


def cell_from_html(fragment: str) -> Cell:
    """The cell whose content is the HTML ``fragment`` (plain text is one paragraph)."""
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    body = tree.body
    return _cell(body, fragment) if body is not None else Cell((), fragment)


def tables_from_html(text: str) -> list[Table]:
    """Every table of the page, outermost rows only, with the page's headings before the first table."""
    tree = LexborHTMLParser(text)
    preamble = tuple(_preamble(tree))
    found = []
    for number, table in enumerate(tree.css("table"), start=1):
        rows = _rows(table, text)
        caption = table.css_first("caption")
        before = (*preamble, _cell(caption, caption.html or "")) if caption is not None else preamble
        found.append(Table(tuple(rows), before, f"table {number}"))
    return found


def _preamble(tree: LexborHTMLParser) -> list[Cell]:
    """The page's headings (h1 first), then its paragraphs, 'term: description' pairs and 'Label: value'
    list items, outside tables."""
    headings: list[tuple[int, Cell]] = []
    others: list[Cell] = []
    for node in tree.css("h1, h2, h3, p, dt, li"):
        if _inside_table(node) or len(headings) + len(others) > 200:
            continue
        if node.tag in _HEADINGS:
            headings.append((_HEADINGS.index(node.tag), _cell(node, node.html or "")))
        elif node.tag == "dt":
            term = _cell(node, "").text
            described = node.next
            while described is not None and described.tag == "-text":
                described = described.next
            if described is not None and described.tag == "dd":
                value = _cell(described, described.html or "").text
                others.append(Cell(((Run(f"{term}: {value}"),),), f"{term}: {value}"))
        elif node.tag == "li":
            item = _cell(node, node.html or "")
            if ":" in item.text[:30]:  # a 'Force: ...' line in a list, not a menu entry
                others.append(item)
        else:
            others.append(_cell(node, node.html or ""))
    headings.sort(key=lambda pair: pair[0])
    cells = [cell for _, cell in headings] + others
    if not headings and tree.head is not None:
        title = tree.head.css_first("title")
        if title is not None:
            cells.insert(0, _cell(title, title.html or ""))
    return cells


def _inside_table(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "table":
            return True
        parent = parent.parent
    return False


def _rows(table: LexborNode, text: str) -> list[Row]:
    """The table's own rows (not those of a table inside a cell), spans laid out as empty cells."""
    rows: list[Row] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in table.css("tr"):
        owner = _owning_table(tr)
        if owner is None or owner.mem_id != table.mem_id:
            continue
        cells: list[Cell] = []
        column = 0
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            while pending.get(column, 0) > 0:
                pending[column] -= 1
                cells.append(Cell(()))
                column += 1
            cells.append(_cell(td, td.html or ""))
            span = _span(td, "colspan")
            cells.extend(Cell(()) for _ in range(span - 1))
            down = _span(td, "rowspan")
            for offset in range(span):
                if down > 1:
                    pending[column + offset] = down - 1
            column += span
        while pending.get(column, 0) > 0:
            pending[column] -= 1
            cells.append(Cell(()))
            column += 1
        rows.append(Row(tuple(cells), _line_of(tr, text)))
    return rows


def _owning_table(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


def _span(node: LexborNode, name: str) -> int:
    value = (node.attributes.get(name) or "1").strip()
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


def _line_of(node: LexborNode, text: str) -> int | None:
    """The source line of a row, found by its first cell's markup where that is unique enough."""
    html = node.html or ""
    start = html[:80]
    position = text.find(start) if start else -1
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def _cell(node: LexborNode, shown: str) -> Cell:
    paragraphs: list[tuple[Run, ...]] = []
    current: list[Run] = []

    def flush() -> None:
        if current:
            paragraphs.append(_merged(current))
            current.clear()

    def walk(parent: LexborNode, bold: bool) -> None:
        for child in parent.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                piece = _LINE_BREAK.sub(" ", child.text_content or "")
                if piece:
                    current.append(Run(piece, bold))
            elif tag == "br":
                flush()
            elif tag in _SKIP:
                continue
            elif tag in _BLOCKS:
                flush()
                walk(child, bold or tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
                flush()
            else:
                walk(child, bold or tag in _BOLD)

    walk(node, False)
    flush()
    return Cell(tuple(p for p in paragraphs if "".join(r.text for r in p).strip()), quoted(shown))


def _merged(runs: list[Run]) -> tuple[Run, ...]:
    """Adjacent runs of the same weight as one run; spaces between two bold runs stay bold."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold == run.bold or (not run.text.strip() and out[-1].bold)):
            out[-1] = Run(out[-1].text + run.text, out[-1].bold)
        else:
            out.append(run)
    return tuple(out)
