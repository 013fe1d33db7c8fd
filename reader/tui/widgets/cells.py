"""Fitting text into a number of terminal cells (widths in cells, measured by Rich)."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """`text` clipped with an ellipsis or padded with spaces to exactly `width` cells.

    A double-width character that would straddle the limit is replaced by a space, so the
    result never overflows.

    Args:
        text: Any text (newlines are shown as spaces).
        width: The cells available.

    Returns:
        A string of exactly `width` cells.
    """
    if width <= 0:
        return ""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + ELLIPSIS, width)


def right(text: str, width: int) -> str:
    """`text` right-aligned in `width` cells (clipped with an ellipsis when too long).

    Args:
        text: Short text such as a number.
        width: The cells available.

    Returns:
        A string of exactly `width` cells.
    """
    size = cell_len(text)
    if size >= width:
        return fit(text, width)
    return " " * (width - size) + text
