"""Column lines of extracted page text followed into columns, to tell title-like lines apart.

A line shaped like a title (short, no full stop) can as well be a column line; which it is
shows in how the columns read with it and without it. So the printed lines are dealt out into
columns following the extractor's order, and a title-like line is left out (taken as a
headline) when the columns read better without it. (The columns themselves are read again,
band by band, by `reader.ingest.extracted_blocks`; `periods` serves both.)

Extractors print a page's column lines in orders of their own: down each column in turn, row
by row across all the columns of a band, or a mix of both (blocks of a few columns read row by
row, one after the other). Read in the printed order, each line continues one of the columns
already begun (a *thread*) or begins a new one. Where a column's next line is printed is read
from the text itself: around each line, the seams between lines `d` apart read well for the
extractor's period `d` (1 down a column, the number of columns side by side across a band), so
a line is scored for each thread by

* order: how well its distance from the thread's last line reads as that period;
* the seam (`reader.ingest.extracted_shape`): the column's grammar and jieba's words;

and a beam search keeps the best few ways of dealing the lines out. Nothing here knows the
number or width of the columns, or which extractor printed them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.ingest.extracted_lines import Unit
from reader.ingest.extracted_shape import SeamScorer, body_odds

LONGEST = 16
"""The longest period looked for (two articles of eight columns side by side)."""
WINDOW = 8
"""Lines after a line whose seams tell the period there."""
SHARPNESS = 3.0
"""How strongly the period read from the seams decides where a column's next line is."""
ACROSS_BLOCKS = -2.0
"""Of a column going on in another block of the extractor (any distance)."""
NEW = -1.5
"""Of a line beginning a new column."""
BEAM = 24


@dataclass(frozen=True)
class Thread:
    """A column being gathered: its last line, and when it took it."""

    tail: int
    last: int
    """The count of column lines dealt when it took its last line (headlines do not count)."""


@dataclass(frozen=True)
class _Step:
    """One line dealt to a thread (-1: taken as a headline), linked to the steps before it."""

    thread: int
    before: _Step | None


@dataclass(frozen=True)
class _Hypothesis:
    score: float
    threads: tuple[Thread, ...]
    steps: _Step | None
    clock: int = 0
    """Lines dealt to threads so far."""


def periods(units: Sequence[Unit], scorer: SeamScorer, *, blocks: bool) -> list[list[float]]:
    """For each line, the log-odds that its column's next line comes 1, 2, … lines later.

    From each line on (`WINDOW` lines, within its block when blocks mean something), the mean
    seam score of all pairs of lines `d` apart says how well distance `d` reads: the
    extractor's period stands out. Looking ahead only, a period that shrinks where a column of
    the band ends is seen by the lines after it.

    Returns:
        `periods[i][d - 1]` for d from 1 to `LONGEST`: 0 for the best distance, negative below.
    """
    count = len(units)
    seams = [
        [
            scorer.seam(units[i], units[i + d])
            if i + d < count and (not blocks or units[i].block == units[i + d].block)
            else None
            for d in range(1, LONGEST + 1)
        ]
        for i in range(count)
    ]
    out: list[list[float]] = []
    for i in range(count):
        low, high = max(0, i - WINDOW), min(count, i + WINDOW + 1)
        means = []
        for d in range(LONGEST):
            values = [v for j in range(low, high) if (v := seams[j][d]) is not None]
            # Few pairs say little: pull the mean towards an unrelated pair's score.
            means.append((sum(values) - 0.5 * 2) / (len(values) + 2))
        best = max(means)
        out.append([SHARPNESS * (m - best) for m in means])
    return out


def order_score(
    thread: Thread, clock: int, unit: Unit, tail: Unit, blocks: bool, prior: list[list[float]]
) -> float:
    """Log-odds that the next line dealt (the `clock`-th) is where `thread`'s next line comes.

    The distance is counted in column lines: a line taken as a headline is not one.
    """
    if blocks and unit.block != tail.block:
        return ACROSS_BLOCKS
    distance = clock + 1 - thread.last
    if distance <= LONGEST:
        return prior[thread.tail][distance - 1]
    return SHARPNESS * -3.0


def headlines_among(
    units: Sequence[Unit],
    scorer: SeamScorer,
    *,
    blocks: bool,
    optional: Mapping[int, float],
) -> set[int]:
    """The title-like lines among `units` that the columns read better without.

    See `gather`.
    """
    return gather(units, scorer, blocks=blocks, optional=optional)[1]


def gather(
    units: Sequence[Unit],
    scorer: SeamScorer,
    *,
    blocks: bool,
    optional: Mapping[int, float] | None = None,
) -> tuple[list[list[int]], set[int]]:
    """Deal `units` (body lines in printed order) out into columns.

    Args:
        units: The lines.
        scorer: Seam scores.
        blocks: Whether the extractor's blank-line blocks mean something (a column going on in
            another block is then not judged by its period).
        optional: Lines that may be headlines instead (title-like), with the log-odds that they
            are from where they stand: each is left out of the columns when the columns read
            better without it.

    Returns:
        The columns, each a list of indices into `units` in reading order, ordered by their
        first line; and the optional lines taken as headlines.
    """
    optional = optional or {}
    prior = periods(units, scorer, blocks=blocks)
    beam = [_Hypothesis(0.0, (), None)]
    for at, unit in enumerate(units):
        options: dict[tuple[int, tuple[int, ...]], tuple[float, _Hypothesis, int]] = {}
        for hypothesis in beam:
            threads = hypothesis.threads
            clock = hypothesis.clock
            for number, thread in enumerate(threads):
                tail = units[thread.tail]
                if tail.line == unit.line:
                    continue  # two pieces of one printed line are in different columns
                score = (
                    hypothesis.score
                    + order_score(thread, clock, unit, tail, blocks, prior)
                    + scorer.seam(tail, unit)
                )
                _offer(options, hypothesis, number, score, at)
            _offer(options, hypothesis, len(threads), hypothesis.score + NEW, at)
            if at in optional:
                headline = optional[at] - body_odds(unit, scorer.measure)
                _offer(options, hypothesis, -1, hypothesis.score + headline, at)
        beam = sorted(
            (_advance(h, number, at, score) for score, h, number in options.values()),
            key=lambda h: -h.score,
        )[:BEAM]
    best = beam[0]
    dealt: list[int] = []
    step = best.steps
    while step is not None:
        dealt.append(step.thread)
        step = step.before
    dealt.reverse()
    columns: list[list[int]] = [[] for _ in best.threads]
    headlines = set()
    for index, number in enumerate(dealt):
        if number < 0:
            headlines.add(index)
        else:
            columns[number].append(index)
    return columns, headlines


def _advance(hypothesis: _Hypothesis, number: int, at: int, score: float) -> _Hypothesis:
    """The hypothesis after dealing line `at` to thread `number` (-1: a headline)."""
    threads = hypothesis.threads
    step = _Step(number, hypothesis.steps)
    if number < 0:
        return _Hypothesis(score, threads, step, hypothesis.clock)
    clock = hypothesis.clock + 1
    if number == len(threads):
        threads = (*threads, Thread(at, clock))
    else:
        threads = (*threads[:number], Thread(at, clock), *threads[number + 1 :])
    return _Hypothesis(score, threads, step, clock)


def _offer(
    options: dict[tuple[int, tuple[int, ...]], tuple[float, _Hypothesis, int]],
    hypothesis: _Hypothesis,
    number: int,
    score: float,
    at: int,
) -> None:
    """Keep the best way to reach each state (the lines dealt and the threads' last lines)."""
    threads = hypothesis.threads
    tails = [t.tail for t in threads]
    clock = hypothesis.clock
    if number >= 0:
        clock += 1
        if number == len(threads):
            tails.append(at)
        else:
            tails[number] = at
    key = (clock, tuple(tails))
    known = options.get(key)
    if known is None or known[0] < score:
        options[key] = (score, hypothesis, number)
