"""Reading HTML: a force website's page (or a fragment) holding the plan table, and HTML cells.

Parsed with selectolax (the Lexbor engine: a real HTML5 parser, fast, one
small wheel without dependencies), never with regular expressions. Entities
are decoded by the parser; tags are dropped; block elements and ``<br>``
separate paragraphs; ``<b>`` and ``<strong>`` mark bold runs; the items of a
``<ul>`` stay "- " lines of one paragraph. A line break in the HTML source is
layout, so it reads as one space, as a browser shows it; every other space is
kept as published. The tree is walked with an explicit stack, never by
recursion, so a page nested thousands deep is read in bounded time.

Site chrome (navigation, banners, cookie notices, skip links, "leave this
site" buttons) is never taken as the plan's words: it is recognised by its
elements, their names and roles, and by the words such notices use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from plan_cli.importer.table import Cell, Row, Run, Table, quoted

_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"}
    | {"table", "tr", "td", "th", "caption", "dt", "dd", "main", "header", "footer", "nav", "aside"}
    | {"details", "summary", "dl"}
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD = frozenset({"b", "strong"})
_FRONT_BLOCKS = frozenset({"p", "dt", "dd", "li", "blockquote", "summary"}) | _HEADING_TAGS
_SKIP = frozenset({"script", "style", "template", "head", "noscript", "svg", "button", "form", "select"})
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*")
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "dialog"})
_CHROME_NAMES = re.compile(
    r"cookie|consent|banner|skip|exit|escape|beta|breadcrumb|\bnav|menu|masthead|site-?header|footer|"
    r"navigation|search|alert|share|social",
    re.IGNORECASE,
)
_CHROME_WORDS = re.compile(
    r"quickly exit|leave this site|escape key|this (?:site|website|service) is (?:a |in )?beta|"
    r"\bcookies?\b|skip to (?:main )?content|accept all|reject all|give feedback",
    re.IGNORECASE,
)
_FORCE_NAME = re.compile(
    r"\b([A-Z][\w'&.-]*(?: (?:and|of|&|[A-Z][\w'&.-]*))* (?:Police|Constabulary)(?: Service)?)\b"
)
# Word saves a list paragraph's bullet as text between these comments, padded with non-breaking spaces.
_WORD_BULLET_START = re.compile(r"^<!--\[if !supportLists\]", re.IGNORECASE)
_WORD_BULLET_END = re.compile(r"^<!--\[endif\]", re.IGNORECASE)
_BULLET_GLYPHS = frozenset("\u00b7\u2022\u25aa\u25cf\u25e6\u2013\u2212\uf0b7\uf0a7\uf0d8-o\u00a7*")
_HIDDEN_CLASS = re.compile(
    r"visually-?hidden|\bsr-only\b|screen-?reader|element-invisible|cell-label|(?:^|\s)hidden(?:\s|$)",
    re.IGNORECASE,
)
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+")


def cell_from_html(fragment: str) -> Cell:
    """The cell whose content is the HTML ``fragment`` (plain text is one paragraph)."""
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    body = tree.body
    return _cell(body, fragment) if body is not None else Cell((), fragment)


def tables_from_html(text: str) -> list[Table]:
    """Every table of the page, outermost rows only, each with the page's front matter and the paragraphs
    between it and the table before it."""
    tree = LexborHTMLParser(text)
    page = _Page(tree)
    preamble = tuple(page.preamble)
    found = []
    lines = _LineFinder(text)
    for number, table in enumerate(tree.css("table"), start=1):
        rows = _rows(table, lines)
        caption = table.css_first("caption")
        before = (*preamble, _cell(caption, caption.html or "")) if caption is not None else preamble
        found.append(
            Table(
                tuple(rows), before, f"table {number}", tuple(page.before.get(table.mem_id, ())), page.named
            )
        )
    if page.after:
        found.append(Table((), preamble, "the text after the tables", tuple(page.after), page.named))
    return found


def is_chrome(text: str) -> bool:
    """True when ``text`` reads as site chrome (an exit button, a cookie or beta notice, a skip link)."""
    return bool(_CHROME_WORDS.search(text))


class _Page:
    """One pass over the page: its title, front matter, blocks, and what precedes each table."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.title: Cell | None = None
        self.named: str | None = None
        self.blocks: list[Cell] = []
        self.before: dict[int, list[Cell]] = {}
        since: list[Cell] = []
        root = tree.root
        holders = _content_holders(tree)
        # Entries: a node, whether it is inside chrome, how many tables hold it, whether a block taken holds it.
        stack: list[tuple[LexborNode, bool, int, bool]] = (
            [(root, False, 0, False)] if root is not None else []
        )
        while stack:
            node, chrome, tables, taken = stack.pop()
            tag = node.tag
            if tag in _SKIP or tag in ("-text", "-comment", None):
                continue
            chrome = chrome or _looks_like_chrome(node, node.mem_id in holders)
            if tag == "table":
                if tables == 0:
                    self.before[node.mem_id] = since
                    since = []
                tables += 1
            elif tag == "dd" and _previous_element(node) == "dt":
                continue  # read with its term
            elif tables == 0 and not chrome and not taken and tag in _FRONT_BLOCKS:
                cell = _described(node) if tag == "dt" else _cell(node, node.html or "")
                if cell.texts and not is_chrome(cell.text):
                    if tag == "h1" and self.title is None:
                        self.title = cell
                    self.blocks.append(cell)
                    since.append(cell)
                    if tag != "li" or ":" in cell.text[:40]:
                        continue
                    taken = True  # a list item's own blocks are in its cell; only a table in it is read again
            children = list(node.iter(include_text=False))
            stack.extend((child, chrome, tables, taken) for child in reversed(children))
        self.after = since
        self._title_tag(tree)

    def _title_tag(self, tree: LexborHTMLParser) -> None:
        head = tree.head
        title = head.css_first("title") if head is not None else None
        written = " ".join((title.text() if title is not None else "").split())
        parts = [p for p in _TITLE_SEPARATOR.split(written) if p.strip()]
        for part in [*parts, *(self.title.texts[:1] if self.title else ())]:
            match = _FORCE_NAME.search(part)
            if match and self.named is None:
                self.named = match[1]
        if self.title is None and parts:
            own = [p for p in parts if not _FORCE_NAME.fullmatch(p.strip())] or parts
            self.title = Cell(((Run(own[0].strip()),),), quoted(written))

    @property
    def preamble(self) -> list[Cell]:
        """The title first, then every other block (fields such as 'Force:' and the leads among them)."""
        rest = [cell for cell in self.blocks if cell is not self.title]
        return [self.title, *rest] if self.title is not None else rest


def _previous_element(node: LexborNode) -> str | None:
    """The tag of the element before ``node`` among its siblings (text and comments passed over)."""
    before = node.prev
    while before is not None and before.tag in ("-text", "-comment"):
        before = before.prev
    return before.tag if before is not None else None


def _described(term: LexborNode) -> Cell:
    """A 'term: description' pair of a definition list as one line, the term bold as a label is."""
    written = _cell(term, "").text
    described = term.next
    while described is not None and described.tag in ("-text", "-comment"):
        described = described.next
    if described is None or described.tag != "dd":
        return _cell(term, term.html or "")
    value = _cell(described, described.html or "").text
    return Cell(((Run(f"{written}:", True), Run(f" {value}")),), f"{written}: {value}")


def _content_holders(tree: LexborHTMLParser) -> set[int]:
    """The elements holding the page's content (its main element, its heading, its tables) and every
    element around them: never chrome, whatever their class says ("has-mega-menu" on the body)."""
    held: set[int] = set()
    for node in tree.css("main, [role=main], h1, table"):
        at: LexborNode | None = node
        while at is not None and at.mem_id not in held:
            held.add(at.mem_id)
            at = at.parent
    return held


def _looks_like_chrome(node: LexborNode, holds_content: bool) -> bool:
    """True for navigation, a footer, an aside, a dialog; and, unless ``holds_content``, for a site
    header or an element named or roled as chrome (a cookie banner, a menu, an exit button)."""
    if node.tag in _CHROME_TAGS:
        return True
    if holds_content:
        return False
    if node.tag == "header":
        return True
    attributes = node.attributes
    named = " ".join(attributes.get(key) or "" for key in ("class", "id", "role", "aria-label"))
    return bool(named and _CHROME_NAMES.search(named)) or "hidden" in attributes


class _LineFinder:
    """The source line of each row, found by its markup, searching on from the row before (linear)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.line = 1

    def line_of(self, node: LexborNode) -> int | None:
        start = (node.html or "")[:80]
        found = self.text.find(start, self.position) if start else -1
        if found < 0:
            return None
        self.line += self.text.count("\n", self.position, found)
        self.position = found
        return self.line


def _rows(table: LexborNode, lines: _LineFinder) -> list[Row]:
    """The table's own rows (not those of a table inside a cell), spans laid out as empty cells."""
    rows: list[Row] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in _own(table, "tr"):
        cells: list[Cell] = []
        column = 0
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            while pending.get(column, 0) > 0:
                pending[column] -= 1
                cells.append(Cell(()))
                column += 1
            down = _span(td, "rowspan")
            cells.append(_cell(td, td.html or "")._replace(down=down))
            span = _span(td, "colspan")
            cells.extend(Cell(()) for _ in range(span - 1))
            for offset in range(span):
                if down > 1:
                    pending[column + offset] = down - 1
            column += span
        while pending.get(column, 0) > 0:
            pending[column] -= 1
            cells.append(Cell(()))
            column += 1
        rows.append(Row(tuple(cells), lines.line_of(tr)))
    return rows


def _own(table: LexborNode, tag: str) -> Iterator[LexborNode]:
    """The ``tag`` elements of ``table`` outside any table nested in it, in order, walked without recursion."""
    stack = list(reversed(list(table.iter())))
    while stack:
        node = stack.pop()
        if node.tag == tag:
            yield node
        elif node.tag != "table":
            stack.extend(reversed(list(node.iter())))


def _span(node: LexborNode, name: str) -> int:
    value = (node.attributes.get(name) or "1").strip()
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


def _cell(node: LexborNode, shown: str) -> Cell:
    """The node's text as paragraphs of runs, walked with an explicit stack (no recursion)."""
    paragraphs: list[tuple[Run, ...]] = []
    current: list[Run] = []
    links: list[tuple[str, str]] = []

    def flush() -> None:
        if current:
            paragraphs.append(_merged(current))
            current.clear()

    # Entries: a node to read with the bold it inherits, or a marker: "flush", or a run to add.
    stack: list[tuple[LexborNode | None, bool, str]] = [(node, False, "")]
    first = True
    bullet: list[str] | None = None  # the text of a Word list's drawn bullet, while inside it
    titled = node.tag in _HEADING_TAGS or node.tag == "summary"  # an accordion's button is its title
    while stack:
        child, bold, marker = stack.pop()
        if child is None:
            if marker == "\x00":
                flush()
            else:
                current.append(Run(marker))
            continue
        tag = child.tag
        if tag == "-text":
            piece = _LINE_BREAK.sub(" ", child.text_content or "")
            if bullet is not None:
                bullet.append(piece)
            elif piece:
                current.append(Run(piece, bold))
            continue
        if tag == "br":
            flush()
            continue
        if tag == "-comment":
            written = child.html or ""
            if _WORD_BULLET_START.search(written):
                bullet = []
            elif bullet is not None and _WORD_BULLET_END.search(written):
                current.append(Run(_list_marker("".join(bullet))))
                bullet = None
            continue
        if (tag in _SKIP and not (tag == "button" and titled)) or _is_hidden_label(child):
            continue
        if tag == "a" and child.attributes.get("href"):
            links.append(
                (" ".join(child.text(deep=True).split()), (child.attributes.get("href") or "").strip())
            )
        children = list(child.iter(include_text=True))
        inner_bold = bold or tag in _BOLD or tag in _HEADING_TAGS or tag == "summary"
        block = tag in _BLOCKS and not first
        first = False
        if tag in ("ul", "ol"):
            stack.append((None, bold, "\x00"))
            entries = [c for c in children if c.tag == "li"]
            for number, item in reversed(list(enumerate(entries, start=1))):
                stack.append((item, bold, ""))
                stack.append((None, bold, f"{number}. " if tag == "ol" else "- "))
                if number > 1:
                    stack.append((None, bold, "\n"))
            stack.append((None, bold, "\x00"))
            continue
        if block and tag != "li":
            stack.append((None, bold, "\x00"))
        stack.extend((grand, inner_bold, "") for grand in reversed(children))
        if block and tag != "li":
            stack.append((None, bold, "\x00"))
    flush()
    kept = tuple(p for p in paragraphs if "".join(r.text for r in p).strip())
    return Cell(kept, quoted(shown), tuple(links))


def _is_hidden_label(node: LexborNode) -> bool:
    """True for text a page shows only to screen readers or on narrow screens: the column's heading
    repeated in each cell ("visually-hidden", "sr-only", a responsive table's cell label) or hidden."""
    attributes = node.attributes
    return "hidden" in attributes or bool(_HIDDEN_CLASS.search(attributes.get("class") or ""))


def _list_marker(drawn: str) -> str:
    """The "- " (or "1. ") a Word list paragraph's drawn bullet stands for, its padding dropped."""
    mark = drawn.replace("\xa0", " ").strip()
    return "- " if not mark or mark in _BULLET_GLYPHS else f"{mark} "


def _merged(runs: list[Run]) -> tuple[Run, ...]:
    """Adjacent runs of the same weight as one run; spaces between two bold runs stay bold."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold == run.bold or (not run.text.strip() and out[-1].bold)):
            out[-1] = Run(out[-1].text + run.text, out[-1].bold)
        else:
            out.append(run)
    return tuple(out)
