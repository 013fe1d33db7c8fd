"""Plain-text tables aligned in terminal cells (for `reader list` and friends).

Widths are cells (`rich.cells.cell_len`), so Chinese columns line up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len


def format_table(rows: Iterable[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """Align rows into columns separated by two spaces; the last column is not padded.

    Args:
        rows: Rows of cell texts, all the same length.
        right: Indices of columns to right-align (numbers).
    """
    table = [list(row) for row in rows]
    if not table:
        return []
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = []
        for index, text in enumerate(row):
            pad = " " * (widths[index] - cell_len(text))
            last = index == len(row) - 1
            cells.append(pad + text if index in right else text + ("" if last else pad))
        lines.append("  ".join(cells).rstrip())
    return lines
