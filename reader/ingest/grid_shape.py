"""Which pieces of laid-out page text are headlines and which are column lines, by shape.

Positions in such text are rough (a piece is pushed right by the text to its left, rows of
neighbouring articles interleave) and there are no font sizes, so the page's structure is read
from shape alone:

- **Column lines**: most pieces are full lines of a column, all about one width (the page's
  *measure*); their starts, clustered, are the columns' edges. A piece as wide as two column
  lines is two of them, pushed together: it is cut where the second column's edge falls,
  after a space or a hanging mark when there is one.
- **Headlines**: a piece with no full stop or semicolon, not a byline, not ending mid-sentence
  (`，`), with nothing but other headline lines in the rows just above it, that is not one of
  several full column lines of a row of column lines. Headline lines on adjacent rows stack
  (kicker, title, subtitle: the main title is the last line that is not a `——` subtitle), and
  a stack must have a byline or column lines under it.
- Column lines are set at their column's edge, two characters in when pushed two or more in
  after a line that ends a sentence (a paragraph's indent).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len

from reader.ingest.byline import parse_byline
from reader.ingest.glyphs import HANGING, Glyph, Line
from reader.ingest.headlines import Headline

ALIGN = 3
"""Piece starts this many characters apart or less stand at one column's edge."""
SLACK = 3
"""A full column line is the measure give or take this many characters (an indent, digits
narrower than Han characters, a hanging mark)."""
TITLE_MAX = 40
"""A headline line holds at most this many characters."""
TITLE_STRETCH = 3.0
"""A title may be set up to this many times the body size: in text it spans fewer positions
than it covered on the page by up to that factor."""
EDGE_LINES = 3
"""A column's edge is where at least this many full lines start."""
HEADLINE_LINES = 3
"""A headline stacks at most this many lines (kicker, title, subtitle)."""
_SENTENCE = re.compile(r"[。；;]")
_PUNCTUATED = re.compile(r"[，。、；：！？,;:!?]")
_PAUSE = re.compile(r"[，、,]")
"""A headline with no byline under it has no pause in it either (column lines often do)."""
_CUT = "，、：,:"
"""A line ending in one of these was cut mid-sentence: a column line, not a headline."""
_SENTENCE_END = "。！？!?…"
_TRAILERS = "”’」』）)\"'"
_DASH = re.compile(r"^(?:——|—|--|－－)")


@dataclass(frozen=True)
class Piece:
    """A run of text on one row: its text, row, position, width and offset in the text."""

    text: str
    row: int
    x0: int
    width: int
    start: int

    @property
    def x1(self) -> int:
        return self.x0 + self.width


def glyphs(piece: Piece, x0: float, unit: int) -> list[Glyph]:
    """The piece's characters as glyphs from `x0`, one character's width each (two cells for a
    wide character when the unit is cells); y is the row, a character tall."""
    out: list[Glyph] = []
    x = float(x0)
    top, bottom = float(piece.row * unit), float(piece.row * unit + unit)
    for n, ch in enumerate(piece.text):
        width = cell_len(ch) if unit == 2 else 1
        out.append(Glyph(ch, x, x + width, top, bottom, float(unit), piece.start + n))
        x += width
    return out


@dataclass
class Stack:
    """Headline lines on adjacent rows, top to bottom."""

    pieces: list[Piece]

    def headline(self, unit: int) -> Headline:
        """The headline these lines make: the main title is the last line not a subtitle."""
        main = max(
            (n for n, p in enumerate(self.pieces) if not _DASH.match(p.text)),
            default=0,
        )
        lines = [Line(glyphs(p, p.x0, unit)) for p in self.pieces]
        return Headline(lines, main=(main, main), stretch=TITLE_STRETCH)


@dataclass
class Shape:
    """A page's pieces sorted: headline stacks, and column lines with the x they are set at."""

    headlines: list[Stack] = field(default_factory=list)
    body: list[tuple[Piece, float]] = field(default_factory=list)


def _measure(rows: Sequence[Sequence[Piece]], unit: int) -> int:
    """The width most column lines have: the most common piece width in rows of several."""
    widths = Counter(p.width for row in rows if len(row) > 1 for p in row if p.width >= 4 * unit)
    if not widths:
        widths = Counter(p.width for row in rows for p in row)
    if not widths:
        return 0
    return max(widths, key=lambda w: (sum(widths[w + d] for d in (-unit, 0, unit)), widths[w]))


def _edges(pieces: Iterable[Piece], measure: int, unit: int) -> list[int]:
    """The columns' edges: where full column lines start, clustered; each the most common start
    of its cluster (pushed lines start further right)."""
    starts = sorted(p.x0 for p in pieces if abs(p.width - measure) <= SLACK * unit)
    clusters: list[list[int]] = []
    for start in starts:
        if clusters and start - clusters[-1][-1] <= ALIGN * unit:
            clusters[-1].append(start)
        else:
            clusters.append([start])
    edges = []
    for cluster in clusters:
        if len(cluster) >= EDGE_LINES:
            counts = Counter(cluster)
            edges.append(max(counts, key=lambda s: (counts[s], -s)))
    return edges


def _split(
    piece: Piece, measure: int, edges: list[int], unit: int, heading: bool = False
) -> list[Piece]:
    """Cut a piece as wide as two column lines or more where the next column's edge falls
    (a possible headline line, or a byline, is left whole)."""
    if piece.width <= measure + SLACK * unit or heading or parse_byline(piece.text) is not None:
        return [piece]
    best: tuple[int, int, int] | None = None
    width = 0
    for n, ch in enumerate(piece.text[:-1]):
        width += _width(ch, unit)
        if abs(width - measure) > SLACK * unit:
            continue
        space = piece.text[n + 1] == " "
        right = piece.x0 + width + (unit if space else 0)
        near = min((abs(right - e) for e in edges if e > piece.x0), default=None)
        if near is None or near > ALIGN * unit:
            continue
        natural = 0 if space or ch in HANGING else 1
        key = (natural, near, n)
        if best is None or key < best:
            best = key
    if best is None:
        return [piece]
    cut = best[2] + 1
    text = piece.text
    left_text = text[:cut].rstrip(" ")
    right_at = len(text) - len(text[cut:].lstrip(" "))
    skipped = _width(text[:right_at], unit)
    left = Piece(left_text, piece.row, piece.x0, _width(left_text, unit), piece.start)
    rest = Piece(
        text[right_at:],
        piece.row,
        piece.x0 + skipped,
        piece.width - skipped,
        piece.start + right_at,
    )
    return [left, *_split(rest, measure, edges, unit)]


def _heading_like(rows: list[list[Piece]], r: int, piece: Piece, unit: int) -> bool:
    """Whether a piece may be a headline line: a byline right under it, or nothing but
    possible headline lines above it and no punctuation in it."""
    below = [q for rr in (r + 1, r + 2) if rr < len(rows) for q in rows[rr]]
    if any(_overlap(q, piece, unit) and parse_byline(q.text) is not None for q in below):
        return True
    above = [q for rr in (r - 1, r - 2) if rr >= 0 for q in rows[rr]]
    alone = all(_may_head(q, unit) for q in above if _overlap(q, piece, unit))
    return alone and not _PUNCTUATED.search(piece.text)


def _width(text: str, unit: int) -> int:
    return cell_len(text) if unit == 2 else len(text)


def _overlap(a: Piece, b: Piece, margin: int) -> bool:
    return a.x0 < b.x1 + margin and b.x0 < a.x1 + margin


def _edge_of(piece: Piece, edges: list[int], unit: int) -> int | None:
    """The column edge a piece starts at (it may be pushed or indented a few characters in)."""
    fits = [e for e in edges if -ALIGN * unit <= piece.x0 - e <= (ALIGN + 2) * unit]
    return min(fits, key=lambda e: abs(piece.x0 - e)) if fits else None


def classify(rows: list[list[Piece]], unit: int) -> Shape:
    """Sort a page's pieces (rows top to bottom) into headline stacks and column lines."""
    measure = _measure(rows, unit)
    edges = _edges((p for row in rows for p in row), measure, unit)
    rows = [
        [q for p in row for q in _split(p, measure, edges, unit, _heading_like(rows, r, p, unit))]
        for r, row in enumerate(rows)
    ]
    edges = _edges((p for row in rows for p in row), measure, unit)
    stacks = _headlines(rows, measure, unit)
    shape = Shape(headlines=stacks)
    heads = {id(p) for stack in stacks for p in stack.pieces}
    last_in_column: dict[int, Piece] = {}
    for row in rows:
        for p in row:
            if id(p) in heads:
                continue
            edge = _edge_of(p, edges, unit)
            if edge is None:
                shape.body.append((p, float(p.x0)))
                continue
            previous = last_in_column.get(edge)
            after_sentence = (
                previous is None
                or p.row - previous.row > 2
                or previous.text.rstrip(_TRAILERS)[-1:] in _SENTENCE_END
            )
            indented = p.x0 - edge >= 2 * unit and after_sentence
            shape.body.append((p, float(edge + (2 * unit if indented else 0))))
            last_in_column[edge] = p
    return shape


def _may_head(piece: Piece, unit: int) -> bool:
    """Whether a piece can be a headline line: short, no full stop, not cut mid-sentence."""
    return not (
        _SENTENCE.search(piece.text)
        or piece.text[-1] in _CUT
        or piece.width > TITLE_MAX * unit
        or parse_byline(piece.text) is not None
    )


def _headlines(rows: list[list[Piece]], measure: int, unit: int) -> list[Stack]:
    """The page's headlines: first those standing over a byline, then those standing alone."""
    bylines = [p for row in rows for p in row if parse_byline(p.text) is not None]
    taken: set[int] = set()
    stacks = []
    for byline in bylines:
        stack = _over_byline(rows, byline, bylines, taken, unit)
        if stack is not None:
            stacks.append(stack)
            taken.update(id(p) for p in stack.pieces)
    stacks += _standing_alone(rows, bylines, taken, measure, unit)
    return stacks


def _over_byline(
    rows: list[list[Piece]],
    byline: Piece,
    bylines: list[Piece],
    taken: set[int],
    unit: int,
) -> Stack | None:
    """The headline over a byline: headline lines on the rows just above it, from its left edge
    rightwards, short of the next byline on those rows (a title may be centred far from the
    byline, which stands at its article's left edge). A line with column lines right under it
    is another article's text, and a row holding nothing across the headline may part its
    lines (a row of a neighbouring article set on another baseline)."""
    limit = min(
        (
            b.x0
            for b in bylines
            if b.x0 > byline.x0 + 2 * unit and abs(b.row - byline.row) <= HEADLINE_LINES
        ),
        default=None,
    )
    heads = {id(byline)}

    def fits(p: Piece) -> bool:
        return (
            id(p) not in taken
            and _may_head(p, unit)
            # A byline may stand two characters in from its article's edge.
            and p.x0 >= byline.x0 - (2 + ALIGN) * unit
            and (limit is None or p.x0 < limit - 2 * unit)
            and not _continued(rows, p, heads)
        )

    lines: list[Piece] = []
    r = byline.row - 1
    gap = 0
    while r >= 0 and len(lines) < HEADLINE_LINES and gap <= 1:
        found = [p for p in rows[r] if fits(p) and (not lines or _overlap(p, lines[0], 2 * unit))]
        if found:
            lines.insert(0, min(found, key=lambda p: p.x0 - byline.x0))
            heads.add(id(lines[0]))
            gap = 0
        elif any(_overlap(p, lines[0] if lines else byline, 2 * unit) for p in rows[r]):
            break
        else:
            gap += 1
        r -= 1
    return Stack(lines) if lines else None


def _continued(rows: list[list[Piece]], piece: Piece, heads: set[int]) -> bool:
    """Whether a column line stands right under a piece (in the next two rows, across it),
    with no byline or headline line between them: the piece is then that column's first
    line."""
    for r in (piece.row + 1, piece.row + 2):
        under = [q for q in rows[r] if _overlap(q, piece, 0)] if r < len(rows) else []
        if any(id(q) in heads or parse_byline(q.text) is not None for q in under):
            return False
        if under:
            return True
    return False


def _standing_alone(
    rows: list[list[Piece]], bylines: list[Piece], taken: set[int], measure: int, unit: int
) -> list[Stack]:
    """Headlines with no byline: headline lines with nothing but headline lines above them and
    in their rows, no comma, and column lines under them (in fuller rows than theirs, when
    right under them)."""
    skip = taken | {id(b) for b in bylines}

    def alone_ok(p: Piece) -> bool:
        return id(p) not in taken and _may_head(p, unit) and not _PAUSE.search(p.text)

    headlike = {id(p) for row in rows for p in row if alone_ok(p)}
    candidates: set[int] = set()
    for r, row in enumerate(rows):
        # A row holding a column line holds no standalone headline.
        if any(id(p) not in headlike and id(p) not in skip for p in row):
            continue
        for p in row:
            if id(p) not in headlike:
                continue
            above = [q for rr in (r - 1, r - 2) if rr >= 0 for q in rows[rr]]
            if not all(id(q) in candidates for q in above if _overlap(q, p, unit)):
                continue
            # Right over column lines, a headline stands in a sparser row than theirs, within a
            # column's width on either side (one title over several columns); a column's first
            # line stands in as full a row.
            if _continued(rows, p, skip):
                near = Piece("", r, p.x0 - measure, p.width + 2 * measure, p.start)
                here = sum(1 for q in row if _overlap(q, near, 0))
                under = [
                    sum(1 for q in rows[rr] if _overlap(q, near, 0))
                    for rr in range(r + 1, min(r + 4, len(rows)))
                ]
                if here >= max(under, default=0):
                    continue
            candidates.add(id(p))
    stacks: list[Stack] = []
    for row in rows:
        for p in row:
            if id(p) not in candidates:
                continue
            for stack in stacks:
                last = stack.pieces[-1]
                if p.row - last.row == 1 and _overlap(last, p, 2 * unit):
                    stack.pieces.append(p)
                    break
            else:
                stacks.append(Stack([p]))
    kept = []
    for stack in stacks:
        stack.pieces = stack.pieces[-HEADLINE_LINES:]
        last = stack.pieces[-1]
        below = [
            q
            for rr in range(last.row + 1, min(last.row + 4, len(rows)))
            for q in rows[rr]
            if id(q) not in candidates and _overlap(q, _span(stack), 2 * unit)
        ]
        if below:
            kept.append(stack)
    return kept


def _span(stack: Stack) -> Piece:
    """A piece as wide as the stack, to test what stands under it."""
    x0 = min(p.x0 for p in stack.pieces)
    x1 = max(p.x1 for p in stack.pieces)
    last = stack.pieces[-1]
    return Piece("", last.row, x0, x1 - x0, last.start)
