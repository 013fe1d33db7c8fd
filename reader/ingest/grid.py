"""Page text laid out in character positions (`pdftotext -layout`), read as a page's layout.

Such text sets a newspaper page's columns side by side: each row holds pieces of several
columns, parted by runs of spaces, at roughly the positions they stand at on the page. Rows of
articles set on different baselines interleave, and a line pushed against the next column may
be joined to it by one space or none. `looks_like_layout` tells such text by its shape; the
parse turns each character into a glyph (x its position on the row, y its row, `start` its
offset in the decoded text, so provenance points into the file) and hands the glyphs, laid out
as lines, to the layout engine that reads PDF pages (`reader.ingest.page`).

Text has no font sizes: column lines and headlines (with their kickers and subtitles) are
found by shape (`reader.ingest.grid_shape`, `reader.ingest.grid_headlines`). Positions are
counted in characters, as pdftotext counts them (every character one position, Han or not);
text whose columns line up in terminal cells instead (Han characters two cells wide) is read
in cells. The unit is chosen by which of the two lines the columns' starts up better.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from rich.cells import cell_len

from reader.ingest.glyphs import Line
from reader.ingest.grid_pieces import ALIGN, Piece, glyphs
from reader.ingest.grid_shape import classify
from reader.ingest.masthead import PageLine, page_info, page_line
from reader.ingest.page import OffsetText, articles_from_lines
from reader.model import RawArticle

_PIECE = re.compile(r"[^ \n\f\r]+(?: [^ \n\f\r]+)*")
"""A run of text with single spaces inside: two spaces or more part one piece from the next."""
_WIDE_GAP = re.compile(r"[^ \n\f\r] {2,}[^ \n\f\r]")
MIN_ROWS = 4
"""Fewer rows of side-by-side pieces than this are not a laid-out page."""
SHARE = 0.3
"""At least this share of a text's non-blank rows must hold pieces side by side."""


Measure = Callable[[str], int]


def _chars(text: str) -> int:
    return len(text)


def _pieces(row_text: str, row: int, offset: int, measure: Measure) -> list[Piece]:
    return [
        Piece(
            m.group(), row, measure(row_text[: m.start()]), measure(m.group()), offset + m.start()
        )
        for m in _PIECE.finditer(row_text)
    ]


def _pages(text: str) -> list[list[tuple[str, int]]]:
    """The text's pages, each a list of (row text, offset).

    A page ends at a form feed, after a footer row (editors' credits), or before a header row
    (a date with a page number) once it holds text: pdftotext's form feeds may have become
    blank lines on the way in.
    """
    pages: list[list[tuple[str, int]]] = [[]]
    ended = False
    start = 0
    for end in re.finditer(r"[\n\f]", text + "\n"):
        row = text[start : end.start()]
        read = page_line(" ".join(row.split())) if row.strip() else None
        filled = any(r.strip() for r, _ in pages[-1])
        if filled and ((ended and row.strip()) or (read is not None and read.date is not None)):
            pages.append([])
            ended = False
        pages[-1].append((row, start))
        if read is not None and read.date is None:
            ended = True  # editors' credits close a page
        if end.group() == "\f":
            pages.append([])
            ended = False
        start = end.end()
    return [page for page in pages if any(r.strip() for r, _ in page)]


def looks_like_layout(text: str) -> bool:
    """Whether `text` sets columns side by side: many rows holding pieces parted by runs of
    spaces, the later pieces of those rows starting at positions that recur from row to row."""
    rows = [row for row in text[:200_000].replace("\f", "\n").split("\n") if row.strip()]
    wide = [row for row in rows if _WIDE_GAP.search(row.strip())]
    if len(wide) < MIN_ROWS or len(wide) < SHARE * len(rows):
        return False
    starts = Counter(
        m.start() for row in wide for m in list(_PIECE.finditer(row))[1:] if m.start() > 0
    )
    recurring = sum(
        count
        for at, count in starts.items()
        if sum(starts[at + d] for d in range(-ALIGN, ALIGN + 1)) >= 3
    )
    return recurring >= 0.5 * sum(starts.values())


def _unit(pages: list[list[list[Piece]]], chars: list[list[list[Piece]]]) -> bool:
    """Whether positions line up better in cells (`pages`) than in characters (`chars`)."""

    def spread(layout: list[list[list[Piece]]], tolerance: int) -> float:
        starts = Counter(p.x0 for page in layout for row in page for p in row[1:])
        total = sum(starts.values()) or 1
        lined = sum(
            count
            for at, count in starts.items()
            if sum(starts[at + d] for d in range(-tolerance, tolerance + 1)) >= 3
        )
        return lined / total

    return spread(pages, 2 * ALIGN) > spread(chars, ALIGN) + 0.1


def parse_layout(text: str, source: str) -> list[RawArticle]:
    """Read laid-out page text into articles, page by page.

    Args:
        text: The decoded text.
        source: The file's path relative to the corpus (used in provenance and ids).
    """
    pages = _pages(text)
    by_chars = [
        [_pieces(row, n, offset, _chars) for n, (row, offset) in enumerate(page)] for page in pages
    ]
    by_cells = [
        [_pieces(row, n, offset, cell_len) for n, (row, offset) in enumerate(page)]
        for page in pages
    ]
    cells = _unit(by_cells, by_chars)
    unit = 2 if cells else 1
    articles: list[RawArticle] = []
    text_offsets = OffsetText()
    for number, rows in enumerate(by_cells if cells else by_chars, start=1):
        articles.extend(_page(rows, number, unit, source, text_offsets))
    return articles


def _page_lines(rows: list[list[Piece]]) -> tuple[list[PageLine], set[int]]:
    """The header and footer rows (at most two at each end of the page), read by shape."""
    filled = [n for n, row in enumerate(rows) if row]
    ends = [*filled[:2], *filled[-2:]] if len(filled) > 4 else filled
    found: list[PageLine] = []
    taken: set[int] = set()
    for n in dict.fromkeys(ends):
        read = page_line(" ".join(p.text for p in rows[n]))
        if read is not None:
            found.append(read)
            taken.add(n)
    return found, taken


def _page(
    rows: list[list[Piece]], number: int, unit: int, source: str, text: OffsetText
) -> list[RawArticle]:
    found, taken = _page_lines(rows)
    rows = [[] if n in taken else row for n, row in enumerate(rows)]
    if not any(rows):
        return []
    page = page_info(number, found)
    shape = classify(rows, unit)
    headlines = [stack.headline(unit) for stack in shape.headlines]
    lines = [line for h in headlines for line in h.lines]
    lines += [Line(glyphs(piece, x0, unit)) for piece, x0 in shape.body]
    return articles_from_lines(lines, page, source, text, headlines)
