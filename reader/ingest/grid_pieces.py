"""Pieces of laid-out page text: runs of text on a row, and what a headline line may be.

A piece is a run of text with single spaces inside, parted from the next by two spaces or more;
its position and width count characters, or terminal cells (see `reader.ingest.grid`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

from reader.ingest.byline import parse_byline
from reader.ingest.glyphs import Glyph

ALIGN = 3
"""Piece starts this many characters apart or less stand at one column's edge."""
TITLE_MAX = 40
"""A headline line holds at most this many characters."""
_SENTENCE = re.compile(r"[。；;]")
_CUT = "，、：,:"
"""A line ending in one of these was cut mid-sentence: a column line, not a headline."""


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


def text_width(text: str, unit: int) -> int:
    return cell_len(text) if unit == 2 else len(text)


def overlap(a: Piece, b: Piece, margin: int) -> bool:
    return a.x0 < b.x1 + margin and b.x0 < a.x1 + margin


def may_head(piece: Piece, unit: int) -> bool:
    """Whether a piece can be a headline line: short, no full stop, not cut mid-sentence."""
    return not (
        _SENTENCE.search(piece.text)
        or piece.text[-1] in _CUT
        or piece.width > TITLE_MAX * unit
        or parse_byline(piece.text) is not None
    )
