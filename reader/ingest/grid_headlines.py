"""Headlines in laid-out page text, found by shape: over a byline, or standing alone.

Text has no font sizes. A headline line is a piece with no full stop or semicolon, not a byline,
not ending mid-sentence (`，`). Headline lines on adjacent rows stack (kicker, title, subtitle:
the main title is the last line that is not a `——` subtitle). A byline has its headline on the
rows just above it; a headline with no byline stands alone, with nothing but headline lines
above it and beside it and column lines under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.ingest.byline import parse_byline
from reader.ingest.glyphs import Line
from reader.ingest.grid_pieces import ALIGN, Piece, glyphs, may_head, overlap
from reader.ingest.headlines import Headline

HEADLINE_LINES = 3
"""A headline stacks at most this many lines (kicker, title, subtitle)."""
_PAUSE = re.compile(r"[，、,]")
"""A headline with no byline under it has no pause in it either (column lines often do)."""
_DASH = re.compile(r"^(?:——|—|--|－－)")


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
        return Headline(lines, main=(main, main))


def find_headlines(rows: list[list[Piece]], measure: int, unit: int) -> list[Stack]:
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
            and may_head(p, unit)
            # A byline may stand two characters in from its article's edge.
            and p.x0 >= byline.x0 - (2 + ALIGN) * unit
            and (limit is None or p.x0 < limit - 2 * unit)
            and not _continued(rows, p, heads)
        )

    lines: list[Piece] = []
    r = byline.row - 1
    gap = 0
    while r >= 0 and len(lines) < HEADLINE_LINES and gap <= 1:
        found = [p for p in rows[r] if fits(p) and (not lines or overlap(p, lines[0], 2 * unit))]
        if found:
            lines.insert(0, min(found, key=lambda p: p.x0 - byline.x0))
            heads.add(id(lines[0]))
            gap = 0
        elif any(overlap(p, lines[0] if lines else byline, 2 * unit) for p in rows[r]):
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
        under = [q for q in rows[r] if overlap(q, piece, 0)] if r < len(rows) else []
        if any(id(q) in heads or parse_byline(q.text) is not None for q in under):
            return False
        if under:
            return True
    return False


def _standing_alone(
    rows: list[list[Piece]],
    bylines: list[Piece],
    taken: set[int],
    measure: int,
    unit: int,
) -> list[Stack]:
    """Headlines with no byline: headline lines (no comma) with nothing but headline lines
    above them and beside them (within a column's width), stacked, with column lines under
    the stack; right under it, those stand in fuller rows than its last line's."""
    skip = taken | {id(b) for b in bylines}

    def near(p: Piece) -> Piece:
        return Piece("", p.row, p.x0 - measure, p.width + 2 * measure, p.start)

    headlike = {
        id(p)
        for row in rows
        for p in row
        if id(p) not in taken and may_head(p, unit) and not _PAUSE.search(p.text)
    }
    candidates: set[int] = set()
    for r, row in enumerate(rows):
        for p in row:
            if id(p) not in headlike:
                continue
            window = near(p)
            if any(
                id(q) not in headlike and id(q) not in skip and overlap(q, window, 0) for q in row
            ):
                continue
            above = [q for rr in (r - 1, r - 2) if rr >= 0 for q in rows[rr]]
            if all(id(q) in candidates for q in above if overlap(q, p, unit)):
                candidates.add(id(p))
    kept = []
    for stack in _stack(rows, candidates, unit):
        stack.pieces = stack.pieces[-HEADLINE_LINES:]
        last = stack.pieces[-1]
        span = _span(stack)
        below = [
            q
            for rr in range(last.row + 1, min(last.row + 4, len(rows)))
            for q in rows[rr]
            if overlap(q, span, 2 * unit)
        ]
        if not below:
            continue
        # Right over column lines, a headline stands in a sparser row than theirs (one title
        # over several columns); a column's first line stands in as full a row.
        if _continued(rows, last, skip):
            window = near(last)
            here = sum(1 for q in rows[last.row] if overlap(q, window, 0))
            under = max(
                sum(1 for q in rows[rr] if overlap(q, window, 0))
                for rr in range(last.row + 1, min(last.row + 4, len(rows)))
            )
            if here >= under:
                continue
        kept.append(stack)
    return kept


def _stack(rows: list[list[Piece]], candidates: set[int], unit: int) -> list[Stack]:
    """Candidate headline lines stacked: one under another, overlapping (a row between may
    hold a neighbour's line set on another baseline)."""
    stacks: list[Stack] = []
    for row in rows:
        for p in row:
            if id(p) not in candidates:
                continue
            for stack in stacks:
                last = stack.pieces[-1]
                between = [q for r in range(last.row + 1, p.row) for q in rows[r]]
                if (
                    0 < p.row - last.row <= 2
                    and overlap(last, p, 2 * unit)
                    and not any(overlap(q, p, 2 * unit) for q in between)
                ):
                    stack.pieces.append(p)
                    break
            else:
                stacks.append(Stack([p]))
    return stacks


def _span(stack: Stack) -> Piece:
    """A piece as wide as the stack, to test what stands under it."""
    x0 = min(p.x0 for p in stack.pieces)
    x1 = max(p.x1 for p in stack.pieces)
    last = stack.pieces[-1]
    return Piece("", last.row, x0, x1 - x0, last.start)
