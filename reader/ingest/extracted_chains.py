"""Columns of extracted page text chained into articles' bodies, in reading order.

A column (from `reader.ingest.extracted_columns`) is read down; an article's body runs from
the foot of one column to the head of the next. Which column comes next is read from the seam
between the two (`reader.ingest.extracted_shape`) and from where the extractor printed them: the
next column's first line printed right after the column's last line (down one column, then the
next), right after the column's first line (row by row across a band), or one period after its
last line. Links are made best first, each column getting at most one successor and one
predecessor, never in a cycle. Positions are indices into the list of column lines in printed
order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reader.ingest.extracted_lines import Unit
from reader.ingest.extracted_shape import SeamScorer

NEXT = 0.0
"""Log-odds of the next column's first line printed right after this column's last."""
NEXT_BLOCK = -0.5
"""Of it opening the extractor's next block."""
ACROSS = -0.5
"""Of it printed right after this column's first line (a band read row by row)."""
ELSEWHERE = -3.0
"""Of it printed anywhere else."""
HEADLINE_BETWEEN = -3.0
"""Of a link across a headline or byline printed between the two lines (a new article)."""


def cut(columns: Sequence[Sequence[int]], crossing: Sequence[int]) -> list[list[int]]:
    """Cut columns where a headline or byline was printed between two of their lines.

    Args:
        columns: Lists of line positions.
        crossing: For each line position, how many headlines and bylines were printed before
            it: a column's next line printed after a headline may belong to another article.

    Returns:
        The pieces, ordered by their first line.
    """
    pieces: list[list[int]] = []
    for column in columns:
        piece = [column[0]]
        for before, after in itertools.pairwise(column):
            if crossing[after] != crossing[before]:
                pieces.append(piece)
                piece = []
            piece.append(after)
        pieces.append(piece)
    return sorted(pieces, key=lambda p: p[0])


def _period(piece: Sequence[int]) -> int:
    return piece[-1] - piece[-2] if len(piece) > 1 else 0


def link_score(
    left: Sequence[int],
    right: Sequence[int],
    units: Sequence[Unit],
    scorer: SeamScorer,
    blocks: bool,
    crossing: Sequence[int],
) -> float:
    """Log-odds that `right` is read straight after `left` (seam plus where it was printed)."""
    tail, head = left[-1], right[0]
    seam = scorer.seam(units[tail], units[head])
    period = _period(left)
    if head == tail + 1:
        order = NEXT
    elif (
        blocks
        and units[head].block == units[tail].block + 1
        and (head == 0 or units[head - 1].block != units[head].block)
    ):
        order = NEXT_BLOCK
    elif head == left[0] + 1 or (period and head - tail == period):
        order = ACROSS
    else:
        order = ELSEWHERE - 0.01 * abs(head - tail)
    if crossing[head] != crossing[tail]:
        order += HEADLINE_BETWEEN
    return seam + order


def chain(
    pieces: Sequence[Sequence[int]],
    units: Sequence[Unit],
    scorer: SeamScorer,
    blocks: bool,
    crossing: Sequence[int],
    articles: int,
) -> list[list[int]]:
    """Chain column pieces into bodies, best links first, until there are `articles` bodies.

    Returns:
        Each body as one list of line positions in reading order, ordered by first printed line.
    """
    count = len(pieces)
    candidates = sorted(
        (
            (link_score(pieces[a], pieces[b], units, scorer, blocks, crossing), a, b)
            for a in range(count)
            for b in range(count)
            if a != b
        ),
        reverse=True,
    )
    successor: dict[int, int] = {}
    predecessor: dict[int, int] = {}
    chains = count
    for _, a, b in candidates:
        if chains <= articles:
            break
        if a in successor or b in predecessor or _first(b, successor) == a:
            continue
        successor[a] = b
        predecessor[b] = a
        chains -= 1
    bodies = []
    for start in range(count):
        if start in predecessor:
            continue
        body: list[int] = []
        at: int | None = start
        while at is not None:
            body.extend(pieces[at])
            at = successor.get(at)
        bodies.append(body)
    return sorted(bodies, key=min)


def _first(piece: int, successor: dict[int, int]) -> int:
    """The last piece of the chain that `piece` starts (linking back to it would close a loop)."""
    while piece in successor:
        piece = successor[piece]
    return piece
