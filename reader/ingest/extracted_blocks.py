"""One block of extracted page text read as columns side by side, row by row.

Some extractors (pdftotext among them) print a page as blocks between blank lines; a block
holds one column's lines, or the lines of a few neighbouring columns in turn, row by row: the
columns start on the same row and end on different rows (the shortest, often the article's last
column, first); where an article is set in the corner of another, new columns begin beside those
that go on. This module finds how many columns a block holds and where each ends, by a
dynamic programme over rows: a row is the next line of each column still running, left to
right, so a block of `k` columns is told by which columns run in each row. The reading is the
one whose columns read best (`reader.ingest.extracted_shape`), less a cost for each column
beyond the first and for columns ending before the others on lines that do not end a
paragraph (in a block each such column; in a band each run of neighbouring columns ending
together, by its rightmost line, the article's last: see `_run_ending`); a printed line
holding two columns' lines (cut apart by `reader.ingest.extracted_lines`) is never split
between two rows.

pdfminer.six prints each line as a box of its own, or a few lines of one column as one box
(on every generated page a box of several lines is one column's lines in turn); where it
boxed some, it prints a stretch of a band down each column in turn: a few rows of the first
running column, then the same rows of the next. Such a stretch is read as one move (`DOWN`):
each column's lines in a run of their own, no box straddling two runs, and at least one box
of several lines among them (without one, rows printed across are read as rows). Where it
boxed lines of the columns on one side of the band only, it may print those rows in two
parts: down each column on that side, then the same rows of the columns on the other side
row by row (or the other way round); that too is one move, split between two neighbouring
columns. Where the side printed row by row stands a little higher on the page (two articles
side by side, their rows not level), its first row comes before the boxes, which sort by their
tops, and its other rows after them. Positions are indices into the list of column lines.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections.abc import Callable, Sequence

from reader.ingest.extracted_lines import Unit
from reader.ingest.extracted_shape import SeamScorer

MOST_COLUMNS = 5
"""The most columns one block is read as (an extractor's block seldom spans more)."""
EXTRA_COLUMN = -1.5
"""Log-odds of one more column side by side in a block."""


EARLY_END = -1.0
"""Log-odds of a run of neighbouring columns ending while columns to its right go on (once
for the run: an article side by side with a longer one ends all its columns at once)."""
RESTART = -2.0
"""Log-odds of new columns beginning in a band, all at once (another article's). In blocks
the last running column also pays for its line's ending and the first new one for its start,
as where new columns begin beside running ones: free of them, a block read two rows of two
columns, each ending a paragraph, as one row of four new columns (seed 5, page 79)."""
ENDS_WELL = 0.35
"""Probability of ending a paragraph at and above which a line may end a column early for free
(a full line ending a sentence has 0.35: an article's last line)."""
ENDS_BADLY = 0.1
"""The floor under that probability: a column ending early mid-sentence where another
article's headline stops it costs log(`ENDS_BADLY` / `ENDS_WELL`) and no more."""
BEGIN = -2.0
"""Log-odds of new columns beginning beside columns that go on: an article set in a corner
of another, whose taller columns run on beside it (printed in one block, row by row). The
first of them opens a paragraph (its odds are added)."""
INITIAL = -2.0
"""Log-odds of a block whose columns do not all begin on its first row (some begin a few rows
later, beside those that go on); or of a band whose first row holds the columns of one side
only, the other side's first lines printed in its second row: two articles side by side, one's
rows a little higher than the other's, so that pdfminer.six prints its first row alone, then
each of the other's rows with its next one (read as rows across every column, the lone first
row's lines went to the first columns and every row after it was dealt one place off)."""
DOWN = -1.0
"""Log-odds of a few rows printed down each running column in turn, or in two parts, one
down its columns (pdfminer.six prints a stretch of a band so where it boxed some of those
rows' lines together)."""
MOST_DOWN = 4
"""The most rows printed down each column in turn (or in two parts, see `_shape`)."""
MOST_ENDING = 2
"""Columns of a band that may end between two rows, when a band of many columns is read."""
_Key = tuple[int, int, int]
"""A state of the programme: (position after a move, the columns running in it as a bit mask,
the move's shape: see `_shape`)."""
STATES = 24
"""Readings kept at each position when a band of many columns is read."""


def _no_opening(position: int, below: int) -> float:
    """No line tells where new columns begin (see `columns_of_block`'s `opening`)."""
    return 0.0


def columns_of_block(
    units: Sequence[Unit],
    scorer: SeamScorer,
    start: int,
    end: int,
    counts: Sequence[int] | None = None,
    *,
    beside: bool = False,
    boxes: bool = False,
    onward: frozenset[int] = frozenset(),
    opening: Callable[[int, int], float] = _no_opening,
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
        beside: Whether the text is printed in blocks, so that new columns may begin beside
            columns that go on (see `BEGIN`; else new columns begin only where every column
            ends).
        boxes: Whether the text is printed as boxes (blank lines between them), a box of
            several lines holding one column's lines in turn: then a few rows may be printed
            down each column in turn (see `DOWN`).
        onward: Positions of lines that may end a column early at no cost, whatever their
            ending (their sentence reads on at the top of a column printed elsewhere).
        opening: Log-odds that new columns begin at a position, given the position of the
            line under it: where a line and the one under it repeat a title of the page,
            another article's body begins there.

    Returns:
        The columns, left to right; and for each, its run: columns of one run begin on the
        same row (a new run begins where every column ends and new ones begin).
    """
    best_columns, best_runs = [list(range(start, end))], [0]
    best = sum(scorer.seam(units[i], units[i + 1]) for i in range(start, end - 1))
    tried = counts if counts is not None else range(2, MOST_COLUMNS + 1)
    for count in sorted({c for c in tried if 2 <= c <= end - start}):
        found = _best_reading(units, scorer, start, end, count, beside, boxes, onward, opening)
        if found is not None and found[0] + EXTRA_COLUMN * (count - 1) > best:
            best = found[0] + EXTRA_COLUMN * (count - 1)
            best_columns, best_runs = found[1], found[2]
    return best_columns, best_runs


def _next_rows(mask: int, running: Sequence[int], pruned: bool) -> list[int]:
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


def _ending(end: float) -> float:
    """Log-odds of a column ending early on a line that ends a paragraph with probability
    `end` (see `ENDS_WELL`)."""
    return math.log(max(min(end, ENDS_WELL), ENDS_BADLY) / ENDS_WELL)


# Both are asked the same few masks again and again, at every position of every block.
@functools.lru_cache(maxsize=4096)
def _columns(mask: int, count: int) -> tuple[int, ...]:
    """The columns of a bit mask, left to right."""
    return tuple(j for j in range(count) if mask >> j & 1)


@functools.lru_cache(maxsize=4096)
def _ended_runs(running: tuple[int, ...], kept: int) -> tuple[tuple[int, ...], ...]:
    """The runs of neighbouring columns (neighbours among the `running` ones) that end, the
    others (`kept`, a bit mask) going on."""
    runs: list[list[int]] = []
    for n, j in enumerate(running):
        if kept >> j & 1:
            continue
        if n and not kept >> running[n - 1] & 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    return tuple(tuple(run) for run in runs)


def _run_ending(run: Sequence[int], endings: dict[int, float], mask: int, count: int) -> float:
    """What a run of neighbouring columns of a band ending together pays for its lines'
    endings (see `_ending`), the columns of `mask` running till now.

    Its rightmost column is an article's last, the others going on at the tops of their right
    neighbours: it pays for that line. Paying for the line likeliest to end one instead (as it
    did), a band of one article's columns, one with a paragraph's last line a row before the
    band's end, was read as the columns right of it ending there for free, their last row's
    lines going down the left ones (seed 0 pages 34 and 56 through pdfminer.six).

    Where the run's columns are neighbours on the page too, and the column right of them ended
    earlier alone (at the band's edge, or beside a column that ran on), that column may be
    an article's short last column, and the run the rest of its columns (their last lines go
    on at the tops of their neighbours), with other articles' columns ending beside them:
    which of its lines ends an article is not known, and it pays for the likeliest. Without
    this, a band of two articles side by side, the right one's short last column ending
    first, had the left one's columns run on with the right one's lines.
    """
    right = run[-1] + 1
    if (
        run[-1] - run[0] == len(run) - 1
        and right < count
        and not mask >> right & 1
        and (right + 1 == count or mask >> right + 1 & 1)
    ):
        return max(endings[j] for j in run)
    return endings[run[-1]]


def _contiguous(mask: int) -> bool:
    """Whether the columns of `mask` are neighbours (one article's columns begin side by side)."""
    low = mask & -mask
    return (mask + low) & mask == 0


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
    units: Sequence[Unit],
    scorer: SeamScorer,
    start: int,
    end: int,
    count: int,
    beside: bool = False,
    boxes: bool = False,
    onward: frozenset[int] = frozenset(),
    opening: Callable[[int, int], float] = _no_opening,
) -> tuple[float, list[list[int]], list[int]] | None:
    """The best reading of the block as `count` columns, with its score, and for each column
    the run of columns it belongs to (columns of a run begin on the same row); None if no
    reading fits.

    A state is (position after a row, the columns running in that row, as a bit mask, and how
    many rows that move printed down each column: 1 for a row); the next row runs a subset of
    them (columns end) and takes one line for each; or new columns begin, all at once where
    every column ends, or (when `beside`) in neighbouring places of columns that ended, beside
    those that go on (one article's columns begin side by side: begun on either side of
    running ones, a column going on could be taken for a new one and its place given to a
    new article's); or (when `boxes`) a few rows are printed down each running column in turn.
    """
    full = (1 << count) - 1
    # State → (score, state before, the columns its row begins, as a bit mask).
    scores: dict[_Key, tuple[float, _Key | None, int]] = {}
    states_at: dict[int, list[_Key]] = {}
    if beside:
        # Where new columns may begin beside others, some may begin a few rows after the rest.
        firsts: Sequence[int] = range(1, full + 1)
    else:
        # A band's first row may hold the columns of one side only (`INITIAL`).
        sides = range(1, count)
        firsts = [full, *((full >> k) << k for k in sides), *(full >> k for k in sides)]
    for first in firsts:
        after = start + first.bit_count()
        if after <= end and _row_fits(units, start, after, start, end):
            key = (after, first, 1)
            scores[key] = (0.0 if first == full else INITIAL, None, first)
            states_at.setdefault(after, []).append(key)
    if (start + count, full, 1) not in scores:
        return None
    queue = list(scores)
    heapq.heapify(queue)
    done: set[_Key] = set()
    pruned = count > MOST_COLUMNS
    allowed: dict[int, set[_Key]] = {}
    while queue:
        state = heapq.heappop(queue)
        if state in done:
            continue
        done.add(state)
        position, mask, shape = state
        if position == end:
            continue
        if pruned:
            # States are taken position by position (every way into a position is known when
            # its first state is taken): keep the best few at each.
            if position not in allowed:
                ranked = sorted(states_at[position], key=lambda k: -scores[k][0])
                allowed[position] = set(ranked[:STATES])
            if state not in allowed[position]:
                continue
        score = scores[state][0]
        running = _columns(mask, count)
        # Where each running column's line of this row is, and what its ending there weighs
        # (see `_ending`, which keeps the order of its argument: a run's likeliest end is its
        # best ending).
        last = position - len(running) * (shape & _ROWS)
        layout = _layout(len(running), shape)
        above = {j: last + lines[-1] for j, lines in zip(running, layout, strict=True)}
        endings = {
            j: 0.0 if above[j] in onward else _ending(scorer.shape(units[above[j]]).end)
            for j in running
        }
        kept_rows = _next_rows(mask, running, pruned)
        moves = [(subset, 0) for subset in kept_rows]
        # Or every column ends and as many new ones begin: the articles below, printed after
        # these with no headline between.
        moves.append((full, full))
        if not beside and mask != full and scores[state][1] is None:
            # The band's first row began on one side: the other side's first lines are printed
            # with the next row (`INITIAL` paid for it).
            moves.append((full, full & ~mask))
        if beside and mask != full:
            # Or new columns begin where columns ended, beside some that go on.
            free = full & ~mask
            fresh = free
            while fresh:
                if _contiguous(fresh):
                    moves.extend((kept | fresh, fresh) for kept in kept_rows)
                fresh = (fresh - 1) & free
        for subset, begun in moves:
            row = _columns(subset, count)
            after = position + len(row)
            if after > end or not _row_fits(units, position, after, start, end):
                continue
            if begun == full:
                total = score + RESTART + opening(position, _below(position, len(row), end))
                if beside:
                    # Every column ends and another article's begin: the last column ends the
                    # one article (on a sentence end), the first of the next opens a paragraph.
                    total += endings[running[-1]] + math.log(scorer.shape(units[position]).start)
            else:
                total = score + sum(
                    scorer.seam(units[above[j]], units[position + n])
                    for n, j in enumerate(row)
                    if not begun >> j & 1
                )
                kept = subset & ~begun
                ending = _ended_runs(running, kept)
                # An article's last column is its shortest: a column ends before those to its
                # right seldom, but a whole article's columns, side by side with a longer
                # article's, end together, as one event.
                total += EARLY_END * sum(1 for run in ending if kept >> (run[-1] + 1))
                # A column ending while others go on ends an article (on a sentence end) more
                # often than a headline below stops it mid-sentence: without this, a column
                # ended a row early and its last line went to a neighbour's wherever a word
                # happened to span that seam. A block holds a few columns of one article: each
                # column pays for its own. In a band (a row across articles side by side) a run
                # of columns ending together pays once (see `_run_ending`).
                if beside:
                    total += sum(endings[j] for run in ending for j in run)
                else:
                    total += sum(_run_ending(run, endings, mask, count) for run in ending)
                if begun and beside:
                    # Another article's columns: the first of them opens with a paragraph.
                    first = next(n for n, j in enumerate(row) if begun >> j & 1)
                    total += BEGIN + math.log(scorer.shape(units[position + first]).start)
                    total += opening(position + first, _below(position + first, len(row), end))
            _offer(scores, states_at, queue, (after, subset, 1), (total, state, begun))
        if boxes and len(running) > 1:
            for rows in range(2, MOST_DOWN + 1):
                for stretch in _stretches(len(running), rows):
                    value = _stretch(units, scorer, position, end, running, above, stretch)
                    if value is not None:
                        key = (position + len(running) * rows, mask, stretch)
                        _offer(scores, states_at, queue, key, (score + value, state, 0))
    finals = [(value[0], key) for key, value in scores.items() if key[0] == end]
    if not finals:
        return None
    score, key = max(finals)
    rows_read: list[tuple[int, int, int, int]] = []
    at: _Key | None = key
    while at is not None:
        rows_read.append((*at, scores[at][2]))
        at = scores[at][1]
    # Each column as (its run, its place, its positions); a run is the row that began it.
    found: list[tuple[int, int, list[int]]] = []
    current: dict[int, list[int]] = {}
    for run, (position, mask, shape, begun) in enumerate(reversed(rows_read)):
        for j in range(count):
            if begun >> j & 1:
                current[j] = []
                found.append((run, j, current[j]))
        running = _columns(mask, count)
        base = position - len(running) * (shape & _ROWS)
        for j, lines in zip(running, _layout(len(running), shape), strict=True):
            current[j].extend(base + n for n in lines)
    found.sort(key=lambda column: (column[0], column[1]))
    runs = {run: n for n, run in enumerate(sorted({column[0] for column in found}))}
    return score, [column[2] for column in found], [runs[column[0]] for column in found]


def _below(position: int, row: int, end: int) -> int:
    """The position of the line under `position` in a block read in rows of `row` lines (the
    line itself where the block ends first)."""
    return position + row if position + row < end else position


def _offer(
    scores: dict[_Key, tuple[float, _Key | None, int]],
    states_at: dict[int, list[_Key]],
    queue: list[_Key],
    key: _Key,
    value: tuple[float, _Key | None, int],
) -> None:
    """Keep `value` for the state `key` if it is the best way into it so far."""
    known = scores.get(key)
    if known is None or known[0] < value[0]:
        if known is None:
            states_at.setdefault(key[0], []).append(key)
        scores[key] = value
        heapq.heappush(queue, key)


_ROWS = 7
"""The bits of a shape holding its number of rows (see `_shape`)."""
_ACROSS_LEFT, _ACROSS_RIGHT = 1, 2
_PARTS = (_ACROSS_LEFT, _ACROSS_RIGHT)
"""Which part of a stretch in two parts is printed row by row: one of them (the other, printed
down its columns, must hold a box of several lines; both printed row by row, with nothing to
tell such a stretch from rows, read some bands worse than rows do)."""


def _shape(rows: int, split: int = 0, across: int = 0, lead: bool = False) -> int:
    """A move's shape as one number: `rows` rows (1: a row across the running columns), and
    for more, the running columns before `split` printed first, then the others; `across`
    says which of the two parts is printed row by row (`_ACROSS_LEFT`, `_ACROSS_RIGHT`), the
    others down each column in turn (0: every column down, in turn). With `lead`, the part
    printed row by row has its first row printed first, then the other part down its
    columns, then its other rows: its lines stand a little higher on the page than the
    other part's, whose boxes are sorted by their tops (seed 1 page 12 through pdfminer.six)."""
    return rows | split << 3 | across << 8 | int(lead) << 10


@functools.lru_cache(maxsize=4096)
def _layout(running: int, shape: int) -> tuple[tuple[int, ...], ...]:
    """For each of `running` columns, the offsets of its lines in a move of this shape."""
    rows, split, across, lead = shape & _ROWS, shape >> 3 & 31, shape >> 8 & 3, shape >> 10
    if lead:
        wide = split if across == _ACROSS_LEFT else running - split
        down = running - wide
        tail = wide + down * rows
        out_lead: list[tuple[int, ...]] = []
        a = d = 0
        for j in range(running):
            if (j < split) == (across == _ACROSS_LEFT):
                # Its first row first, its other rows after the other part's columns.
                out_lead.append((a, *(tail + (r - 1) * wide + a for r in range(1, rows))))
                a += 1
            else:
                out_lead.append(tuple(range(wide + d * rows, wide + (d + 1) * rows)))
                d += 1
        return tuple(out_lead)
    out: list[tuple[int, ...]] = []
    base = 0
    for low, high, flag in ((0, split, _ACROSS_LEFT), (split, running, _ACROSS_RIGHT)):
        width = high - low
        for n in range(width):
            if across & flag:
                out.append(tuple(base + r * width + n for r in range(rows)))
            else:
                out.append(tuple(range(base + n * rows, base + (n + 1) * rows)))
        base += width * rows
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _joined(running: int, shape: int) -> frozenset[int]:
    """The offsets in a move of this shape whose line follows the one before in its column
    (the only places a box of several lines may join two printed lines)."""
    return frozenset(
        line
        for lines in _layout(running, shape)
        for above, line in itertools.pairwise(lines)
        if line == above + 1
    )


@functools.lru_cache(maxsize=256)
def _stretches(running: int, rows: int) -> tuple[int, ...]:
    """The shapes of stretches of `rows` rows over `running` columns: down each column in
    turn, or in two parts, one of two columns or more printed row by row (one column's rows
    are its lines down)."""
    two = (
        _shape(rows, split, across, lead)
        for split in range(1, running)
        for across in _PARTS
        if (split if across == _ACROSS_LEFT else running - split) > 1
        for lead in (False, True)
    )
    return (_shape(rows), *two)


def _stretch(
    units: Sequence[Unit],
    scorer: SeamScorer,
    position: int,
    end: int,
    running: Sequence[int],
    above: dict[int, int],
    shape: int,
) -> float | None:
    """The score of a stretch of this shape (see `_shape`) from `position`, or None where it
    does not fit: it runs past the band, a box holds lines that are not one column's in turn
    or straddles the stretch's edge, or a part printed down its columns holds no box of
    several lines (rows printed across are read as rows)."""
    rows = shape & _ROWS
    after = position + len(running) * rows
    if after > end:
        return None
    if units[position].block == units[position - 1].block or (
        after < end and units[after].block == units[after - 1].block
    ):
        return None
    joined = _joined(len(running), shape)
    boxed = False
    for q in range(1, after - position):
        if units[position + q].block == units[position + q - 1].block:
            if q not in joined:
                return None
            boxed = True
    if not boxed:
        return None
    total = DOWN
    for j, lines in zip(running, _layout(len(running), shape), strict=True):
        total += scorer.seam(units[above[j]], units[position + lines[0]])
        for q in range(1, rows):
            total += scorer.seam(units[position + lines[q - 1]], units[position + lines[q]])
    return total
