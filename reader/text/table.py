"""Plain-text tables aligned in terminal cells (for `reader list` and friends).

Widths are cells (`rich.cells.cell_len`), so Chinese columns line up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len


def truncate(text: str, width: int) -> str:
    """Cut `text` to at most `width` cells, ending with an ellipsis when something was cut."""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        size = cell_len(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + "…"


def format_table(
    rows: Iterable[Sequence[str]],
    *,
    right: Sequence[int] = (),
    shrink: int | None = None,
    width: int | None = None,
) -> list[str]:
    """Align rows into columns separated by two spaces; the last column is not padded.

    Args:
        rows: Rows of cell texts, all the same length.
        right: Indices of columns to right-align (numbers).
        shrink: Index of the column to cut (with an ellipsis) so that rows fit `width`.
        width: The width in cells to fit, with `shrink`.
    """
    table = [list(row) for row in rows]
    if not table:
        return []
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(table[0]))]
    if shrink is not None and width is not None:
        others = sum(w for i, w in enumerate(widths) if i != shrink) + 2 * (len(widths) - 1)
        widths[shrink] = max(8, min(widths[shrink], width - others))
        for row in table:
            row[shrink] = truncate(row[shrink], widths[shrink])
    lines = []
    for row in table:
        cells = []
        for index, text in enumerate(row):
            pad = " " * (widths[index] - cell_len(text))
            last = index == len(row) - 1
            cells.append(pad + text if index in right else text + ("" if last else pad))
        lines.append("  ".join(cells).rstrip())
    return lines
