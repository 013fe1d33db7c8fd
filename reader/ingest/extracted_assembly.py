"""Column pieces of extracted page text assembled into articles' bodies, in reading order.

A piece (from `reader.ingest.extracted_columns` or `reader.ingest.extracted_blocks`) is a run
of one column's lines. An article's body reads down its first column, then down the next: the
pieces are put in that order by a beam search over whole readings of the page, which weighs

* each seam between consecutive pieces (`reader.ingest.extracted_shape`) and where the next
  piece was printed: right after (the extractor went on down the column), at the head of the
  extractor's next block, one period further (a band read row by row), or elsewhere;
* the shape of the columns: an article's columns are as tall as its first (only the last may
  be shorter), so no piece runs past a column's foot, and pieces printed side by side (one
  block read row by row, or columns begun in one printed row) start on the same row;
* where articles begin and end: a body begins with a paragraph, right after its headline where
  the extractor prints it so, and ends a sentence; the page holds as many bodies as headlines.

Positions are indices into the list of column lines in printed order; rows count lines.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.extracted_lines import Unit
from reader.ingest.extracted_shape import SeamScorer

NEXT = 0.0
"""Log-odds of the next piece printed right after this one."""
NEXT_BLOCK = -0.5
"""Of it opening the extractor's next block."""
PERIOD = -0.5
"""Of it printed one period after this piece's last line (a band read row by row)."""
ACROSS = -0.5
"""Of its first line printed right after this piece's first line (a band read row by row:
the next column's top follows this column's top)."""
ELSEWHERE = -3.0
"""Of it printed anywhere else (less a little for each line between)."""
HEADLINE_BETWEEN = -1.5
"""Of a headline or byline printed between two pieces of one body."""
SIDE_BY_SIDE = -4.0
"""Of two pieces printed side by side not starting on the same row."""
OVERFLOW = -2.0
"""Per line (up to three) of a piece running past its column's foot."""
FIT = 3.0
"""Of a piece filling a later column of a body exactly (as tall as its first), where the
extractor prints blocks."""
TALLER = -2.0
"""Of a later column taller than a body's first (the body's columns grow to it): a whole one
where the extractor prints blocks, one going on in a later piece in bands."""
HIGHER = -4.0
"""Of a later column of a body starting on a row above its first column's (printed before it
in the same block, not beside it), where the extractor prints blocks read row by row: an
article's columns start level (the lead of a corner layout too)."""
SHORTER = -2.0
"""Of a later column shorter than the body's first, with more columns to come (the body's
columns shrink to it: a lead article's full columns beside a corner article, then its short
ones above it)."""
AFTER_HEADLINE = 2.0
"""Of a body beginning right after a headline or byline."""
FRAGMENT = -1.0
"""Of a piece going on down a column begun by another piece (but its column's next strip)."""
STRIP = -0.5
"""Of a piece printed as the next strip of this piece's column. pdftotext may cut an
article's columns into strips of a few rows, each a block of its own: the first rows of each
column in turn, then the next rows of each, and so on (`_strips`); the next column's top is
then printed right after this column's top strip, as in a block read row by row."""
MOST_STRIPS = 6
"""Most columns of a run of strips."""
STRIP_MARGIN = 1.4
"""How much better, on average, the seams of a run read as strips must be than in printed
order. Whole columns of one height printed one block each (a stacked page's two articles)
look like strips too; on pdftotext's text of seeds 0 and 3, runs read as strips by mistake
were 0.04–1.30 better, true ones 1.49–3.46."""
TALL = -0.3
"""Per line of a first column not yet closed (an article is seldom one tall column)."""
WRONG_COUNT = -5.0
"""Per body more or fewer than headlines, when no reading has the right count."""
BEAM = 240
CANDIDATES = 20
"""Next pieces tried after each piece (the best links). Where pdftotext prints a top article's
last columns among the lower articles' pieces and headlines, the true next column's link is
one of many jumps of about the same odds (`ELSEWHERE` and `HEADLINE_BETWEEN`, a seam that says
little); with ten, it ranked 10th to 12th on the pages of seeds 3 and 5 looked at, never tried.
Twenty covers every piece of most pages (30 read seeds 0 and 3 the same)."""


@dataclass(frozen=True)
class Piece:
    """A run of one column's lines, and the pieces it was printed side by side with."""

    lines: tuple[int, ...]
    group: int = -1
    """Pieces of one group start on the same row (-1: none)."""
    after: int = -1
    """For the rest of a column cut where a column beside it ended, the position of the line
    above the cut (-1: none). Read after the piece ending there, it goes on down that column
    as printed, at no cost for the order (like `NEXT`), or it is another column's."""


@dataclass(frozen=True)
class _Step:
    piece: int
    opens: bool
    """Whether the piece begins a body."""
    before: _Step | None


@dataclass(frozen=True)
class _State:
    score: float
    used: int
    """Bit mask of the pieces read."""
    last: int
    bodies: int
    row: int
    """Lines of the current column read so far."""
    height: int
    """The body's column height (0: its first column is still open)."""
    rows: tuple[int, ...]
    """Each piece's first row (-1: not read yet)."""
    first: int
    """Where the current body's first piece was printed."""
    steps: _Step
    top: int = -1
    """The piece the current column began with."""
    reshaped: bool = False
    """Whether the body's columns already grew or shrank (they do so once: a corner layout)."""

    def key(self) -> tuple[int, int, int, int, int, bool]:
        return (self.used, self.last, self.bodies, self.row, self.height, self.reshaped)


@dataclass(frozen=True)
class Stream:
    """What the assembly needs to know of the printed text."""

    units: Sequence[Unit]
    crossing: Sequence[int]
    """For each position, how many headlines and bylines were printed before it."""
    after_headline: Sequence[bool]
    """For each position, whether a headline or byline was printed right before it."""
    blocks: bool
    """Whether the extractor's blank-line blocks mean something."""
    opening: Sequence[float] = ()
    """For each position, log-odds that a body begins there from the page's titles: its first
    lines repeat one (empty: nothing known)."""


def assemble(
    pieces: Sequence[Piece], stream: Stream, scorer: SeamScorer, bodies: int
) -> tuple[list[list[int]], float]:
    """Put the pieces in reading order as `bodies` bodies (see the module docstring).

    Returns:
        Each body as a list of positions in reading order, in the order they were found; and
        the reading's score (log-odds, to compare readings of the same pieces).
    """
    count = len(pieces)
    if count == 0:
        return [], 0.0
    seams = [[_seam(a, b, stream, scorer) for b in pieces] for a in pieces]
    strips, strip_runs = _strips(pieces, stream, seams)
    # A column cut in two reads on as strips do (`_continue`), for free.
    tops = {p.lines[-1]: m for m, p in enumerate(pieces)}
    cut = {tops[p.after]: n for n, p in enumerate(pieces) if p.after in tops}
    strips.update(cut)
    links = [
        [
            seams[m][n]
            + (NEXT if cut.get(m) == n else STRIP if strips.get(m) == n else _order(a, b, stream))
            for n, b in enumerate(pieces)
        ]
        for m, a in enumerate(pieces)
    ]
    ranked = [
        sorted((b for b in range(count) if b != a), key=lambda b: -links[a][b])[:CANDIDATES]
        for a in range(count)
    ]
    starts = [_start(p, stream, scorer) for p in pieces]
    ends = [_end(p, stream, scorer) for p in pieces]
    sizes = [len(p.lines) for p in pieces]
    fit = FIT if stream.blocks else 0.0
    printed = [min(p.lines) for p in pieces]
    unplaced = (-1,) * count
    by_printed = {printed[b]: b for b in range(count)}
    higher = [[HIGHER if _higher(a, b, stream) else 0.0 for b in pieces] for a in pieces]
    # The piece whose top was printed right after each piece's top (the next column of a band
    # or block read row by row), and the order's log-odds of reading it next.
    beside = {printed[b] - 1: b for b in range(count)}
    across = [
        (n, _across(a, pieces[n], stream)) if (n := beside.get(printed[m], -1)) >= 0 else None
        for m, a in enumerate(pieces)
    ]
    for m, run in strip_runs.items():
        # In a run of strips, the next column's top is printed right after this column's.
        if strip_runs.get(m + 1) == run:
            across[m] = across[m] or (m + 1, ACROSS)
    context = _Context(links, seams, across, sizes, pieces, fit, strips)
    # What each piece can still bring at best (the best link into it, or beginning a body):
    # states that used different pieces are compared with what their unused pieces promise,
    # so that a reading taking a hard link early is not pruned for it.
    best_link = [
        max((links[a][b] for a in range(count) if a != b), default=-math.inf) for b in range(count)
    ]
    for turn in across:
        if turn is not None:
            b, order = turn
            seam = max((seams[a][b] for a in range(count) if a != b), default=-math.inf)
            best_link[b] = max(best_link[b], seam + order)
    best_in = [max(starts[b], best_link[b]) for b in range(count)]
    # Where the extractor prints blocks, a piece printed before the body's first can no
    # longer begin one; elsewhere (bands read row by row) the looser estimate keeps more
    # readings of a band's pieces in the beam.
    late = best_link if stream.blocks else best_in
    beam: list[_State] = []
    for b in range(count):
        rows = _with(unplaced, b, _at(1, 0))
        for height in (0, sizes[b]):
            row = sizes[b] if height == 0 else 0
            score = starts[b] + (TALL * sizes[b] if height == 0 else 0.0)
            beam.append(
                _State(score, 1 << b, b, 1, row, height, rows, printed[b], _Step(b, True, None), b)
            )
    for _ in range(count - 1):
        options: dict[tuple[int, int, int, int, int, bool], _State] = {}
        for state in beam:
            tried = ranked[state.last]
            turn = across[state.top] if state.top >= 0 else None
            if turn is not None and turn[0] not in tried:
                tried = [*tried, turn[0]]
            for b in tried:
                if not state.used >> b & 1:
                    above = higher[by_printed[state.first]][b]
                    for moved in _continue(state, b, context, above):
                        _offer(options, moved)
            if state.bodies < bodies:
                for b in range(count):
                    if state.used >> b & 1 or printed[b] <= state.first:
                        continue
                    score = state.score + ends[state.last] + starts[b]
                    at = _at(state.bodies + 1, 0)
                    score += _side_by_side(state.rows, b, at, pieces)
                    rows = _with(state.rows, b, at)
                    step = _Step(b, True, state.steps)
                    used = state.used | 1 << b
                    for height in (0, sizes[b]):
                        row = sizes[b] if height == 0 else 0
                        extra = TALL * sizes[b] if height == 0 else 0.0
                        _offer(
                            options,
                            _State(
                                score + extra,
                                used,
                                b,
                                state.bodies + 1,
                                row,
                                height,
                                rows,
                                printed[b],
                                step,
                                b,
                            ),
                        )
        if not options:
            break
        beam = sorted(
            options.values(),
            key=lambda s: -(s.score + _ahead(s, best_in, late, printed)),
        )[:BEAM]
    whole = (1 << count) - 1

    def final(state: _State) -> float:
        return state.score + ends[state.last] + WRONG_COUNT * abs(bodies - state.bodies)

    best = max(beam, key=lambda s: (s.used == whole, final(s)))
    return _bodies(best, pieces), final(best)


def _ahead(
    state: _State, best_in: Sequence[float], late: Sequence[float], printed: Sequence[int]
) -> float:
    """The best the pieces not yet read can still add (an optimistic estimate): `best_in` for a
    piece printed after the current body's first, `late` for one printed before it (which can
    no longer begin a body, as bodies begin in printed order: its best link in)."""
    used, first = state.used, state.first
    return sum(
        best_in[b] if printed[b] > first else late[b]
        for b in range(len(best_in))
        if not used >> b & 1
    )


@dataclass(frozen=True)
class _Context:
    """What `_continue` weighs, computed once for the page's pieces."""

    links: list[list[float]]
    seams: list[list[float]]
    across: list[tuple[int, float] | None]
    """For each piece, the piece whose top was printed right after its top, and the order's
    log-odds of reading that one next (see `_across`)."""
    sizes: list[int]
    pieces: Sequence[Piece]
    fit: float
    """The bonus of a piece filling a column exactly (0: the extractor does not print whole
    columns)."""
    strips: dict[int, int]
    """For a piece printed as a strip of its column, its column's next strip (see `STRIP`)."""


def _continue(state: _State, b: int, context: _Context, above: float) -> list[_State]:
    """The states after reading piece `b` next in the current body (none if it cannot fit);
    `above` is the cost of `b` starting above the body's first column (`HIGHER` or 0)."""
    sizes, pieces, fit = context.sizes, context.pieces, context.fit
    height = state.height
    row = state.row
    at = _at(state.bodies, row)
    link = context.links[state.last][b]
    if height and row == 0:
        link += above
        turn = context.across[state.top] if state.top >= 0 else None
        if turn is not None and turn[0] == b:
            # The next column's top printed right after this column's top: a band or block
            # read row by row, whatever was printed at this column's foot.
            link = max(link, context.seams[state.last][b] + turn[1] + above)
    link += _side_by_side(state.rows, b, at, pieces)
    score = state.score + link
    if row and height and context.strips.get(state.last) != b:
        # The piece goes on down a column begun by another: columns are seldom printed in
        # pieces, and two whole columns read as one would pay nothing else.
        score += FRAGMENT
    if height and row + sizes[b] > height:
        # A piece running past the column's foot: pieces are not always pure (a line dealt to
        # the wrong column), so this costs rather than being ruled out; the column closes.
        score += OVERFLOW * min(row + sizes[b] - height, 3)
    if height and row == 0 and sizes[b] == height and b not in context.strips:
        # A piece filling a column exactly, as tall as the body's first: an extractor that
        # prints blocks prints whole columns, so a piece of that height is likely one of this
        # body's columns (where bands are read row by row, pieces end where bands do).
        score += fit
    elif height and row and row + sizes[b] == height and context.strips.get(state.last) == b:
        # Or a column of strips filled exactly by its last.
        score += fit
    rows = _with(state.rows, b, at)
    step = _Step(b, False, state.steps)
    used = state.used | 1 << b
    below = row + sizes[b]
    top = b if row == 0 else state.top

    def moved(score: float, row: int, height: int, reshaped: bool) -> _State:
        return _State(
            score, used, b, state.bodies, row, height, rows, state.first, step, top, reshaped
        )

    out = []
    reshape = height and row == 0 and not state.reshaped
    if reshape and fit and sizes[b] > height + 1:
        # Or a whole column taller than the body's first: an article set around another (the
        # lead article of a corner layout, short columns above the corner, full ones beside
        # it); its later columns are as tall as this one. Only where the extractor prints
        # whole columns (`fit`): a band's pieces are no columns' whole height.
        out.append(moved(state.score + link + TALLER, 0, sizes[b], True))
    if reshape and sizes[b] < height - 1:
        # Or a whole column shorter than the body's first, with more to come: the lead article
        # of a corner layout read from its full columns to the short ones above the corner.
        # Bands too: their short columns, begun on one row, are printed side by side, and
        # without this the second would have to go on down the first's column.
        out.append(moved(score + SHORTER, 0, sizes[b], True))
        if b in context.strips:
            # Or the top strip of a shorter column (a corner layout printed in strips: the lead's
            # short columns, each in two strips), its height known where its last strip ends.
            out.append(moved(score + SHORTER, sizes[b], 0, True))
    if height:
        # A full column closes; the next piece starts the next column.
        out.append(moved(score, 0 if below >= height else below, height, state.reshaped))
        if below == height and not state.reshaped and not fit:
            # Or the column goes on below, taller than the body's first, in a piece printed
            # later: in a band, a lead article's full column beside a corner article is cut
            # where the corner's headline is printed (its top in one band, the rest in the
            # next); its later columns are as tall as it grows.
            out.append(moved(score + TALLER, below, 0, True))
    else:
        out.append(
            moved(score + (0.0 if state.reshaped else TALL * sizes[b]), below, 0, state.reshaped)
        )
        # Or the first column (or one grown taller) ends here, and its height is the body's.
        out.append(moved(score, 0, below, state.reshaped))
    return out


def _strips(
    pieces: Sequence[Piece], stream: Stream, seams: Sequence[Sequence[float]]
) -> tuple[dict[int, int], dict[int, int]]:
    """Pieces printed as strips (see `STRIP`).

    A run of strips is a run of pieces, each within one block, in consecutive blocks with no
    headline or byline between; read with period `k`, piece `i`'s column goes on in piece
    `i + k`, printed in a later block, and every row of `k` strips but the last holds strips
    of one height (the rows are cut at one height across the columns). Of the periods that
    fit, the one whose seams read best is taken, if they read at least as well as the run in
    printed order.

    Returns:
        For each strip with a strip after it, that strip; and for each piece of a run, the
        run (its first piece).
    """
    following: dict[int, int] = {}
    runs: dict[int, int] = {}
    if not stream.blocks:
        return following, runs
    units = stream.units
    blocks = [units[p.lines[0]].block for p in pieces]
    whole = [units[p.lines[-1]].block == blocks[n] for n, p in enumerate(pieces)]
    crossing = [stream.crossing[p.lines[0]] for p in pieces]
    sizes = [len(p.lines) for p in pieces]

    def mean(start: int, end: int, k: int) -> float:
        values = [seams[i][i + k] for i in range(start, end - k)]
        return sum(values) / len(values)

    def fits(start: int, end: int, k: int) -> bool:
        return all(blocks[i + k] > blocks[i] for i in range(start, end - k)) and all(
            len(set(sizes[row : row + k])) == 1 for row in range(start, end - k, k)
        )

    start = 0
    while start < len(pieces):
        end = start + 1
        while (
            end < len(pieces)
            and whole[end]
            and blocks[end] - blocks[end - 1] in (0, 1)
            and crossing[end] == crossing[start]
        ):
            end += 1
        periods = [
            k for k in range(2, min(MOST_STRIPS, (end - start) // 2) + 1) if fits(start, end, k)
        ]
        if whole[start] and periods:
            k = max(periods, key=lambda k: mean(start, end, k))
            if mean(start, end, k) >= mean(start, end, 1) + STRIP_MARGIN:
                following.update((i, i + k) for i in range(start, end - k))
                runs.update((i, start) for i in range(start, end))
        start = end
    return following, runs


def _seam(a: Piece, b: Piece, stream: Stream, scorer: SeamScorer) -> float:
    """Log-odds, from the text, that `b`'s first line follows `a`'s last."""
    if a is b:
        return -math.inf
    return scorer.seam(stream.units[a.lines[-1]], stream.units[b.lines[0]])


def _across(top: Piece, b: Piece, stream: Stream) -> float:
    """Log-odds, from where it was printed, that `b` is the column after the one `top` began,
    `b`'s top printed right after `top`'s."""
    crossing = stream.crossing
    return ACROSS + (HEADLINE_BETWEEN if crossing[b.lines[0]] != crossing[top.lines[0]] else 0.0)


def _order(a: Piece, b: Piece, stream: Stream) -> float:
    """Log-odds, from where it was printed, that `b` is read straight after `a` in one body."""
    if a is b:
        return -math.inf
    tail, head = a.lines[-1], b.lines[0]
    last, first = max(a.lines), min(b.lines)
    units = stream.units
    period = a.lines[-1] - a.lines[-2] if len(a.lines) > 1 else 0
    if first == last + 1:
        order = NEXT
    elif (
        stream.blocks
        and units[first].block == units[last].block + 1
        and (first == 0 or units[first - 1].block != units[first].block)
    ):
        order = NEXT_BLOCK
    elif period > 1 and head - tail == period:
        order = PERIOD
    elif head == a.lines[0] + 1:
        order = ACROSS
    else:
        order = ELSEWHERE - 0.01 * abs(first - last)
    if stream.crossing[head] != stream.crossing[tail]:
        order += HEADLINE_BETWEEN
    return order


def _higher(first: Piece, b: Piece, stream: Stream) -> bool:
    """Whether piece `b` starts on a row above piece `first`: printed before it in the same
    block of text read row by row, and not beside it."""
    units = stream.units
    head, top = b.lines[0], first.lines[0]
    return (
        stream.blocks
        and head < top
        and units[head].block == units[top].block
        and (b.group < 0 or b.group != first.group)
    )


def _start(piece: Piece, stream: Stream, scorer: SeamScorer) -> float:
    head = piece.lines[0]
    shape = scorer.shape(stream.units[head])
    bonus = AFTER_HEADLINE if stream.after_headline[head] else 0.0
    if stream.opening:
        bonus += stream.opening[head]
    return math.log(max(shape.start, 1e-3)) + bonus


def _end(piece: Piece, stream: Stream, scorer: SeamScorer) -> float:
    shape = scorer.shape(stream.units[piece.lines[-1]])
    return math.log(max(shape.end, 1e-3))


_BODY = 1 << 20
"""Where a piece was read: its body's number times `_BODY`, plus its first row."""


def _at(body: int, row: int) -> int:
    return body * _BODY + row


def _side_by_side(rows: tuple[int, ...], b: int, at: int, pieces: Sequence[Piece]) -> float:
    """The cost of piece `b` starting at `at` (see `_at`) while pieces printed beside it start
    on another row of the same body. Pieces of other bodies are free: an article set in the
    corner of another is printed beside the other's column as it goes on, far below its top."""
    group = pieces[b].group
    if group < 0:
        return 0.0
    body = at // _BODY
    return sum(
        SIDE_BY_SIDE
        for other, start in enumerate(rows)
        if start >= 0
        and other != b
        and pieces[other].group == group
        and start // _BODY == body
        and start != at
    )


def _with(values: tuple[int, ...], index: int, value: int) -> tuple[int, ...]:
    return (*values[:index], value, *values[index + 1 :])


def _offer(options: dict[tuple[int, int, int, int, int, bool], _State], state: _State) -> None:
    key = state.key()
    known = options.get(key)
    if known is None or known.score < state.score:
        options[key] = state


def _bodies(best: _State, pieces: Sequence[Piece]) -> list[list[int]]:
    order: list[_Step] = []
    step: _Step | None = best.steps
    while step is not None:
        order.append(step)
        step = step.before
    out: list[list[int]] = []
    for step in reversed(order):
        if step.opens or not out:
            out.append([])
        out[-1].extend(pieces[step.piece].lines)
    # Pieces the search did not reach (it stopped early) are bodies of their own: nothing is lost.
    read = best.used
    out.extend(list(p.lines) for n, p in enumerate(pieces) if not read >> n & 1)
    return out
