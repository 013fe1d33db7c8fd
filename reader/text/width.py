"""Terminal cell widths of text, with an option for East Asian ambiguous-width characters.

Why: a terminal shows a Han character in two cells and a Latin letter in one, so every layout
decision must be made in cells, never with `len()`. Rich's `cell_len` is the reference (it is what
Textual renders with), but it measures the East Asian "ambiguous" characters (“ ” ‘ ’ … — · and
the like) as one cell, while many CJK terminals and fonts draw them in two. `ambiguous_wide=True`
measures those characters as two cells so a user of such a terminal gets lines that fit.

Offsets taken and returned by this module are characters (`str` indices); widths are cells.
Grapheme clusters (an emoji ZWJ sequence, a letter with a combining accent) are measured as a
whole, the way Rich splits them, and all the cluster's width is counted on its first character.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate

from rich.cells import get_character_cell_size, split_graphemes


class _WidthTable(dict[str, int]):
    """Per-character widths, filled on first use (a dict lookup is far cheaper than Rich's)."""

    def __init__(self, ambiguous_wide: bool) -> None:
        super().__init__()
        self.ambiguous_wide = ambiguous_wide

    def __missing__(self, char: str) -> int:
        width = get_character_cell_size(char)
        if self.ambiguous_wide and width == 1 and is_ambiguous(char):
            width = 2
        self[char] = width
        return width


_NARROW = _WidthTable(ambiguous_wide=False)
_WIDE = _WidthTable(ambiguous_wide=True)


def _table(ambiguous_wide: bool) -> _WidthTable:
    return _WIDE if ambiguous_wide else _NARROW


def is_ambiguous(char: str) -> bool:
    """Whether a character has East Asian Width "A" (ambiguous), like “ ” … — ·.

    Args:
        char: A single character.

    Returns:
        True when the terminal may draw it in one or two cells depending on its setting.
    """
    return unicodedata.east_asian_width(char) == "A"


def char_width(char: str, *, ambiguous_wide: bool = False) -> int:
    """Cells taken by one character on its own (0, 1 or 2).

    Args:
        char: A single character.
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        The width in cells.
    """
    return _table(ambiguous_wide)[char]


def clusters(text: str, *, ambiguous_wide: bool = False) -> list[tuple[int, int, int]]:
    """Split text into grapheme clusters, each with its width.

    Args:
        text: Any text.
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        `(start, end, cells)` for every cluster, covering the text without gaps; offsets are
        characters.
    """
    table = _table(ambiguous_wide)
    widths = list(map(table.__getitem__, text))
    if 0 not in widths:
        return [(i, i + 1, w) for i, w in enumerate(widths)]
    spans, _ = split_graphemes(text)
    if not ambiguous_wide:
        return spans
    # Rich knows nothing of ambiguous width: widen a cluster whose base character is ambiguous.
    return [(s, e, 2 if w == 1 and is_ambiguous(text[s]) else w) for s, e, w in spans]


def cell_widths(text: str, *, ambiguous_wide: bool = False) -> list[int]:
    """Width of every character, with each cluster's width on its first character.

    The sum over any slice that starts and ends on cluster boundaries is that slice's width.

    Args:
        text: Any text.
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        One width in cells per character of `text`.
    """
    table = _table(ambiguous_wide)
    widths = list(map(table.__getitem__, text))
    if 0 not in widths:
        return widths
    widths = [0] * len(text)
    for start, _end, cells in clusters(text, ambiguous_wide=ambiguous_wide):
        widths[start] = cells
    return widths


def cell_len(text: str, *, ambiguous_wide: bool = False) -> int:
    """Cells taken by text in a terminal.

    Args:
        text: Any text (no newlines).
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        The width in cells: the sum of the widths of Rich's grapheme clusters. Without
        `ambiguous_wide` this is `rich.cells.cell_len`, except for text that starts with a stray
        zero-width joiner, where Rich's own two functions disagree and the clusters win.
    """
    return sum(cell_widths(text, ambiguous_wide=ambiguous_wide))


def column_of(text: str, offset: int, *, ambiguous_wide: bool = False) -> int:
    """Cell column at which the character at `offset` starts.

    Args:
        text: The text of one line.
        offset: A character offset, 0 to `len(text)`.
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        The number of cells taken by `text[:offset]` (an offset inside a cluster counts the
        whole cluster, since its width sits on its first character).
    """
    return sum(cell_widths(text, ambiguous_wide=ambiguous_wide)[:offset])


def offset_at_column(text: str, column: int, *, ambiguous_wide: bool = False) -> int:
    """Character offset of the cluster drawn at a cell column.

    Args:
        text: The text of one line.
        column: A cell column, counted from the start of `text`.
        ambiguous_wide: Measure East Asian ambiguous characters as two cells.

    Returns:
        The offset of the first character of the cluster covering `column` (zero-width clusters
        cover no column); `len(text)` when the column is past the end, 0 when it is negative.
    """
    if column < 0:
        return 0
    ends = list(accumulate(cell_widths(text, ambiguous_wide=ambiguous_wide)))
    # ends[i] is the column just past character i. The first character whose end lies beyond
    # `column` has a non-zero width, so it is the first character of the covering cluster.
    return min(bisect_right(ends, column), len(text))
