"""One block of extracted page text read as columns side by side, row by row.

Some extractors (pdftotext among them) print a page as blocks between blank lines; a block
holds one column's lines, or the lines of a few neighbouring columns in turn, row by row: the
columns start on the same row and end on different rows (the shortest, often the article's last
column, first). This module finds how many columns a block holds and where each ends, by a
dynamic programme over rows: a row is the next line of each column still running, left to
right, so a block of `k` columns is told by which columns run in each row. The reading is the
one whose columns read best (`reader.ingest.extracted_shape`), less a cost for each column
beyond the first; a printed line holding two columns' lines (cut apart by
`reader.ingest.extracted_lines`) is never split between two rows. Positions are indices into
the list of column lines.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence

from reader.ingest.extracted_lines import Unit
from reader.ingest.extracted_shape import SeamScorer

MOST_COLUMNS = 5
"""The most columns one block is read as (an extractor's block seldom spans more)."""
EXTRA_COLUMN = -1.5
"""Log-odds of one more column side by side in a block."""


EARLY_END = -1.0
"""Log-odds of a column ending while the columns to its right go on."""
RESTART = -2.0
"""Log-odds of new columns beginning in a band, all at once (another article's)."""
MOST_ENDING = 2
"""Columns of a band that may end between two rows, when a band of many columns is read."""
STATES = 24
"""Readings kept at each position when a band of many columns is read."""


def columns_of_block(
    units: Sequence[Unit],
    scorer: SeamScorer,
    start: int,
    end: int,
    counts: Sequence[int] | None = None,
) -> tuple[list[list[int]], list[int]]:
    """The columns of the block `units[start:end]`, each a list of positions in reading order.

    Args:
        units: Column lines in printed order.
        scorer: Seam scores.
        start: The block's first position.
        end: One past its last.
        counts: The numbers of columns to try (default 2 to `MOST_COLUMNS`); one column is
            always tried. For more than `MOST_COLUMNS`, at most `MOST_ENDING` columns end
            between two rows and the best `STATES` readings are kept at each position.

    Returns:
        The columns, left to right; and for each, its run: columns of one run begin on the
        same row (a new run begins where every column ends and new ones begin).
    """
    best_columns, best_runs = [list(range(start, end))], [0]
    best = sum(scorer.seam(units[i], units[i + 1]) for i in range(start, end - 1))
    tried = counts if counts is not None else range(2, MOST_COLUMNS + 1)
    for count in sorted({c for c in tried if 2 <= c <= end - start}):
        found = _best_reading(units, scorer, start, end, count)
        if found is not None and found[0] + EXTRA_COLUMN * (count - 1) > best:
            best = found[0] + EXTRA_COLUMN * (count - 1)
            best_columns, best_runs = found[1], found[2]
    return best_columns, best_runs


def _next_rows(mask: int, running: list[int], pruned: bool) -> list[int]:
    """The columns that may run in the next row: a non-empty subset of this row's (columns end,
    none begins); when `pruned`, at most `MOST_ENDING` of them end."""
    if not pruned:
        every = []
        subset = mask
        while subset:
            every.append(subset)
            subset = (subset - 1) & mask
        return every
    out = {mask}
    for ending in range(1, MOST_ENDING + 1):
        for gone in itertools.combinations(running, ending):
            out.add(_without(mask, gone))
    # An article side by side with another ends: a run of neighbouring columns ends at once.
    for low in range(len(running)):
        for high in range(low + MOST_ENDING + 1, len(running) + 1):
            out.add(_without(mask, running[low:high]))
    out.discard(0)
    return sorted(out, reverse=True)


def _without(mask: int, gone: Sequence[int]) -> int:
    """`mask` without the columns `gone`."""
    for j in gone:
        mask &= ~(1 << j)
    return mask


def _row_fits(units: Sequence[Unit], low: int, high: int, start: int, end: int) -> bool:
    """Whether a row may run from `low` to `high`: it does not cut a printed line in two."""
    if low > start and units[low].line == units[low - 1].line:
        return False
    return not (high < end and units[high].line == units[high - 1].line)


def _best_reading(
    units: Sequence[Unit], scorer: SeamScorer, start: int, end: int, count: int
) -> tuple[float, list[list[int]], list[int]] | None:
    """The best reading of the block as `count` columns, with its score, and for each column
    the run of columns it belongs to (a run ends where every column ends and new ones begin);
    None if no reading fits.

    A state is (position after a row, the columns running in that row, as a bit mask); the next
    row runs a subset of them (columns end, none begins) and takes one line for each.
    """
    full = (1 << count) - 1
    if not _row_fits(units, start, start + count, start, end):
        return None
    # State → (score, state before, whether its row begins new columns).
    scores: dict[tuple[int, int], tuple[float, tuple[int, int] | None, bool]] = {
        (start + count, full): (0.0, None, False)
    }
    queue = [(start + count, full)]
    done: set[tuple[int, int]] = set()
    pruned = count > MOST_COLUMNS
    masks_at: dict[int, list[int]] = {start + count: [full]}
    allowed: dict[int, set[int]] = {}
    while queue:
        state = heapq.heappop(queue)
        if state in done:
            continue
        done.add(state)
        position, mask = state
        if position == end:
            continue
        if pruned:
            # States are taken position by position (every way into a position is known when
            # its first state is taken): keep the best few at each.
            if position not in allowed:
                ranked = sorted(masks_at[position], key=lambda m: -scores[(position, m)][0])
                allowed[position] = set(ranked[:STATES])
            if mask not in allowed[position]:
                continue
        score = scores[state][0]
        running = [j for j in range(count) if mask >> j & 1]
        # Where each running column's line of this row is.
        above = {j: position - len(running) + n for n, j in enumerate(running)}
        moves = [(subset, False) for subset in _next_rows(mask, running, pruned)]
        # Or every column ends and as many new ones begin: the articles below, printed after
        # these with no headline between.
        moves.append((full, True))
        for subset, fresh in moves:
            row = [j for j in range(count) if subset >> j & 1]
            after = position + len(row)
            if after > end or not _row_fits(units, position, after, start, end):
                continue
            if fresh:
                total = score + RESTART
            else:
                total = score + sum(
                    scorer.seam(units[above[j]], units[position + n]) for n, j in enumerate(row)
                )
                # An article's last column is its shortest: a column ends before those to its
                # right seldom.
                total += EARLY_END * sum(
                    1 for j in running if not subset >> j & 1 and subset >> (j + 1)
                )
            key = (after, subset)
            known = scores.get(key)
            if known is None or known[0] < total:
                if known is None:
                    masks_at.setdefault(after, []).append(subset)
                scores[key] = (total, state, fresh)
                heapq.heappush(queue, key)
    finals = [(value[0], key) for key, value in scores.items() if key[0] == end]
    if not finals:
        return None
    score, key = max(finals)
    rows: list[tuple[int, int, bool]] = []
    at: tuple[int, int] | None = key
    while at is not None:
        rows.append((*at, scores[at][2]))
        at = scores[at][1]
    done_columns: list[list[int]] = []
    done_runs: list[int] = []
    run = 0
    columns: list[list[int]] = [[] for _ in range(count)]
    for position, mask, fresh in reversed(rows):
        if fresh:
            done_columns.extend(c for c in columns if c)
            done_runs.extend(run for c in columns if c)
            columns = [[] for _ in range(count)]
            run += 1
        running = [j for j in range(count) if mask >> j & 1]
        for n, j in enumerate(running):
            columns[j].append(position - len(running) + n)
    last = [c for c in columns if c]
    return score, [*done_columns, *last], [*done_runs, *(run for _ in last)]
