"""Extracted page text cut into units: one unit per column line, with its width and shape.

The text that PDF extractors print for a newspaper page holds one column line per line, damaged
in a few ways this module undoes: two or three lines of neighbouring columns printed on one line
with a space between them (they become one unit each), a justified line printed letter-spaced
(`种 粮 大 户`) or with a stray gap (`流转 土地`), which stays one unit. The column's measure is
learned from the text itself: the width most lines have.

Offsets are characters in the decoded text; widths are terminal cells, with East Asian ambiguous
characters (“ ” … —) counted as two cells, as a Chinese font sets them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.text.width import cell_len

_TOKEN = re.compile(r"\S+")
CLOSERS = "”’」』）)》〉】〕\"'"
_SENTENCE_END = "。！？!?…"
HANG = 2
"""Cells a closing mark may hang past a full line's edge (one full-width mark)."""


@dataclass(frozen=True)
class Unit:
    """One column line of extracted text (or a title, byline or header line, before they are told
    apart), with where it came from.

    `line` numbers the source's non-blank lines in order, `piece` counts the units of one
    source line (more than one when neighbouring columns were printed on one line), `block` the
    runs of lines between blank lines.
    """

    text: str
    """Verbatim, inner spaces kept."""
    start: int
    end: int
    line: int
    piece: int
    pieces: int
    block: int
    width: int
    """Cells, spaces left out."""
    bare: str = ""
    """The text without its spaces."""

    @property
    def ends_sentence(self) -> bool:
        """Whether the unit ends with sentence-final punctuation (closing marks aside)."""
        return ends_sentence(self.text)


def width(text: str) -> int:
    """Cells of `text` with its spaces left out, ambiguous marks as two cells."""
    return cell_len("".join(text.split()), ambiguous_wide=True)


@dataclass(frozen=True)
class RawLine:
    """A non-blank line of the source: its text (stripped) and offset, and its block."""

    text: str
    start: int
    number: int
    block: int


def raw_lines(text: str) -> list[RawLine]:
    """The non-blank lines of `text`, numbered, with the blank-line block each belongs to."""
    lines: list[RawLine] = []
    block = 0
    position = 0
    blank = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            if blank and lines:
                block += 1
            lead = len(line) - len(line.lstrip())
            lines.append(RawLine(stripped, position + lead, len(lines), block))
            blank = False
        else:
            blank = True
        position += len(line) + 1
    return lines


def boxed(text: str) -> bool:
    """Whether blank lines follow nearly every line (each line printed as its own box).

    Blank lines then mean nothing; otherwise they separate the extractor's blocks.
    """
    lines = text.split("\n")
    filled = [n for n, line in enumerate(lines) if line.strip()]
    if len(filled) < 4:
        return False
    followed = sum(1 for n in filled if n + 1 < len(lines) and not lines[n + 1].strip())
    return followed >= 0.8 * len(filled)


def measure_of(lines: Sequence[RawLine]) -> int:
    """The column measure in cells: the most common width of lines with no inner space.

    Full lines of a justified column all have it; ties go to the wider width (a first line,
    indented, is narrower, and there are fewer of them).
    """
    counts = Counter(width(line.text) for line in lines if " " not in line.text)
    counts = Counter({w: c for w, c in counts.items() if w >= 8})
    if not counts:
        return 0

    # A width's count gathers its neighbours too: digits and quotes make full lines a cell or
    # two narrower than the measure, and a hanging mark two wider.
    def support(w: int) -> int:
        return 2 * counts[w] + counts[w - 1] + counts[w + 1]

    return max(counts, key=lambda w: (support(w), w))


def _groups(line: str) -> list[tuple[int, int]]:
    """Runs of tokens that belong together: letter-spaced single characters are glued.

    Returns:
        `(start, end)` character offsets in `line` of each group.
    """
    groups: list[tuple[int, int]] = []
    single_run = False
    for match in _TOKEN.finditer(line):
        single = len(match.group()) == 1
        if groups and single and single_run:
            groups[-1] = (groups[-1][0], match.end())
        else:
            groups.append((match.start(), match.end()))
        single_run = single
    # A lone single character glued to nothing stays a group; a run of them is one group.
    return groups


def split_line(line: str, measure: int, *, gutters: bool = True) -> list[tuple[int, int]]:
    """Cut a line into the column lines printed on it.

    Groups of tokens are merged left to right while the merged width still fits one column
    line (the measure plus a hanging mark): a gap inside a line is a stray space, a gap that
    would make the line too wide is a gutter between columns. Where `gutters` is set (the
    extractor prints no stray gaps inside lines, only letter-spacing), a gap between two pieces
    that are each a column line is a gutter even when they would fit on one line together.
    Every piece must be a column line; if not (a long two-part title, a byline), the line is
    one unit. A line with no gap is cut only after a sentence end (see `_cut_at_stop`).

    Args:
        line: A stripped source line.
        measure: The column measure in cells (0: unknown, the line is one unit).
        gutters: Whether a gap between two whole column lines always separates them.

    Returns:
        `(start, end)` character offsets in `line` of each unit.
    """
    groups = _groups(line)
    if measure <= 0:
        return [(0, len(line))]
    if len(groups) <= 1:
        cut = _cut_at_stop(line, measure)
        return [(0, len(line))] if cut is None else [(0, cut), (cut, len(line))]
    limit = measure + HANG
    units: list[tuple[int, int]] = []
    for start, end in groups:
        if units:
            left = line[units[-1][0] : units[-1][1]]
            fits = width(line[units[-1][0] : end]) <= limit
            gutter = (
                gutters
                and len(line[start:end]) > 1
                and plausible_line(left, measure)
                and plausible_line(line[start:end], measure)
            )
            if fits and not gutter:
                units[-1] = (units[-1][0], end)
                continue
        units.append((start, end))
    if len(units) > 1 and all(plausible_line(line[start:end], measure) for start, end in units):
        return units
    return [(0, len(line))]


def _cut_at_stop(line: str, measure: int) -> int | None:
    """Where to cut a line printed with no gap but as wide as one and a half column lines or
    more: after the one sentence end that leaves a column line on each side (pdftotext may
    print a paragraph's last line and the next column's line beside it with no space between);
    None if there is no such place, or more than one. (A line only somewhat too wide may be an
    article's set wider than the page's most common measure.)"""
    if 2 * width(line) < 3 * measure:
        return None
    cuts = [
        n
        for n in range(1, len(line))
        if line[n] not in CLOSERS
        and ends_sentence(line[:n])
        and plausible_line(line[:n], measure)
        and plausible_line(line[n:], measure)
    ]
    return cuts[0] if len(cuts) == 1 else None


SHORTEST = 8
"""Cells a full or first line may fall short of the measure (an indent, and a run of digits
that did not fit)."""


def plausible_line(text: str, measure: int) -> bool:
    """Whether `text` can be a column line of a column `measure` cells wide."""
    cells = width(text)
    if cells > measure + HANG:
        return False
    return cells >= measure - SHORTEST or ends_sentence(text)


def ends_sentence(text: str) -> bool:
    """Whether `text` ends with sentence-final punctuation (closing marks aside)."""
    return text.rstrip().rstrip(CLOSERS)[-1:] in _SENTENCE_END


def units_of(lines: Sequence[RawLine], measure: int, *, gutters: bool) -> Iterator[Unit]:
    """Every unit of the source's lines, in the order printed (see `split_line`)."""
    for line in lines:
        pieces = split_line(line.text, measure, gutters=gutters)
        for number, (start, end) in enumerate(pieces):
            piece = line.text[start:end]
            yield Unit(
                text=piece,
                start=line.start + start,
                end=line.start + end,
                line=line.number,
                piece=number,
                pieces=len(pieces),
                block=line.block,
                width=width(piece),
                bare="".join(piece.split()),
            )
