"""Column lines of extracted page text gathered into columns: a beam search over the stream.

Extractors print a page's column lines in orders of their own: down each column in turn, row
by row across all the columns of a band, or a mix of both (blocks of a few columns read row by
row, one after the other). Read in the printed order, each line continues one of the columns
already begun or begins a new one. This module follows the printed lines like a tracker follows
moving targets: every column (a *thread*) remembers its last line and how many lines ago it
took one (its period: 1 when the extractor reads down the column, the number of columns side by
side when it reads across). A line is scored for each thread by

* order: whether it comes where the thread's period says its next line should come;
* the seam (`reader.ingest.extracted_shape`): the column's grammar and jieba's words;

and a beam search keeps the best few ways of dealing the lines out. Nothing here knows the
number of columns, their width or the extractor: the periods are read from the stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.extracted_lines import Unit
from reader.ingest.extracted_shape import SeamScorer

LONGEST = 16
"""The longest period looked for (two articles of eight columns side by side)."""
WINDOW = 8
"""Lines on each side of a line whose seams tell the period around it."""
SHARPNESS = 3.0
"""How strongly the period read from the seams around a line decides where its column goes."""
ACROSS_BLOCKS = -2.0
"""Of a column going on in another block of the extractor (any distance)."""
NEW = -1.5
"""Of a line beginning a new column."""
BEAM = 24


@dataclass(frozen=True)
class Thread:
    """A column being gathered: its first and last lines, when it last took one, its period."""

    head: int
    tail: int
    last: int
    period: int
    """Lines between its last two lines (0 while it has one line)."""


@dataclass(frozen=True)
class _Step:
    """One line dealt to a thread, linked to the steps before it."""

    thread: int
    before: _Step | None


@dataclass(frozen=True)
class _Hypothesis:
    score: float
    threads: tuple[Thread, ...]
    steps: _Step | None


def periods(units: Sequence[Unit], scorer: SeamScorer, *, blocks: bool) -> list[list[float]]:
    """For each line, the log-odds that its column's next line comes 1, 2, … lines later.

    Around each line (`WINDOW` lines each side, within its block when blocks mean something),
    the mean seam score of all pairs of lines `d` apart says how well distance `d` reads: the
    extractor's period stands out (1 down a column, the number of columns across a band).

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
    thread: Thread, at: int, unit: Unit, tail: Unit, blocks: bool, prior: list[list[float]]
) -> float:
    """Log-odds that the line at stream step `at` is where `thread`'s next line comes."""
    if blocks and unit.block != tail.block:
        return ACROSS_BLOCKS
    distance = at - thread.last
    if distance <= LONGEST:
        # The period around the thread's last line and around this line: where a column of
        # the band ends, the period shrinks, and the lines after it know it first.
        return prior[thread.last][distance - 1]
    return SHARPNESS * -3.0


def gather(units: Sequence[Unit], scorer: SeamScorer, *, blocks: bool) -> list[list[int]]:
    """Deal `units` (body lines in printed order) out into columns.

    Args:
        units: The lines.
        scorer: Seam scores.
        blocks: Whether the extractor's blank-line blocks mean something (a column going on in
            another block is then not judged by its period).

    Returns:
        The columns, each a list of indices into `units` in reading order, ordered by their
        first line.
    """
    prior = periods(units, scorer, blocks=blocks)
    beam = [_Hypothesis(0.0, (), None)]
    for at, unit in enumerate(units):
        options: dict[tuple[tuple[int, int], ...], tuple[float, _Hypothesis, int]] = {}
        for hypothesis in beam:
            threads = hypothesis.threads
            for number, thread in enumerate(threads):
                tail = units[thread.tail]
                if tail.line == unit.line:
                    continue  # two pieces of one printed line are in different columns
                score = (
                    hypothesis.score
                    + order_score(thread, at, unit, tail, blocks, prior)
                    + scorer.seam(tail, unit)
                )
                _offer(options, hypothesis, number, score, at, unit)
            _offer(options, hypothesis, len(threads), hypothesis.score + NEW, at, unit)
        beam = sorted(
            (
                _Hypothesis(score, _advance(h.threads, number, at), _Step(number, h.steps))
                for score, h, number in options.values()
            ),
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
    for index, number in enumerate(dealt):
        columns[number].append(index)
    return columns


def _advance(threads: tuple[Thread, ...], number: int, at: int) -> tuple[Thread, ...]:
    if number == len(threads):
        return (*threads, Thread(at, at, at, 0))
    thread = threads[number]
    moved = Thread(thread.head, at, at, at - thread.last)
    return (*threads[:number], moved, *threads[number + 1 :])


def _offer(
    options: dict[tuple[tuple[int, int], ...], tuple[float, _Hypothesis, int]],
    hypothesis: _Hypothesis,
    number: int,
    score: float,
    at: int,
    unit: Unit,
) -> None:
    """Keep the best way to reach each state (threads' tails and periods after this step)."""
    threads = hypothesis.threads
    key_threads = [(t.tail, t.period) for t in threads]
    if number == len(threads):
        key_threads.append((at, 0))
    else:
        key_threads[number] = (at, at - threads[number].last)
    key = tuple(key_threads)
    known = options.get(key)
    if known is None or known[0] < score:
        options[key] = (score, hypothesis, number)
