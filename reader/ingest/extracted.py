"""Extracted page text (what pdftotext, pdfminer.six or pypdf print for a newspaper page) read
back into articles.

Such text holds one column line per line, in the extractor's order, with the page's header,
titles and bylines among them. The steps, each in its own module:

1. `extracted_lines`: the lines cut into units, one per column line (lines of neighbouring
   columns printed together are cut apart; letter-spaced lines stay whole), and the column
   measure learned from the widths;
2. `extracted_heads`: page lines, bylines and headlines told apart from column lines by shape;
3. `extracted_columns`: title-like lines that the columns read better without are headlines;
   `extracted_blocks`: each of the extractor's blocks (between blank lines), or each band
   printed between two headlines, read as columns side by side, row by row;
4. `extracted_assembly`: the column pieces put in reading order as articles' bodies;
5. `extracted_headlines`: headlines and bylines grouped and given to the bodies;
6. here: paragraphs (a line that ends a paragraph is followed by an indented one).

Each paragraph becomes a block of its column lines joined by single spaces, the convention of
page text, and is reflowed on its own. Offsets are characters in the decoded text.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reader.ingest.extracted_assembly import Piece, Stream, assemble
from reader.ingest.extracted_blocks import MOST_COLUMNS, columns_of_block
from reader.ingest.extracted_columns import LONGEST, headlines_among, periods
from reader.ingest.extracted_headlines import (
    Group,
    assign,
    clusters,
    group_headlines,
    is_subtitle,
    kicker_candidates,
    merge_kicker,
)
from reader.ingest.extracted_heads import Classified, classify, may_be_headline, title_like
from reader.ingest.extracted_ledes import bigrams, coverages, lede_odds, repeats
from reader.ingest.extracted_lines import (
    Unit,
    boxed,
    measure_of,
    plausible_line,
    raw_lines,
    units_of,
)
from reader.ingest.extracted_shape import SPAN_WORD, SeamScorer
from reader.ingest.markdown import clean_title
from reader.ingest.masthead import page_info
from reader.model import Block, Byline, PageInfo, RawArticle, Span

HEADLINE = -3.0
"""Log-odds that a title-like line is a headline (they are a few lines in a hundred)."""
NEXT_TO_HEADLINE = 3.5
"""Added when it stands where headlines stand (see `_headline_odds`)."""
BEFORE_BYLINE = 6.0
"""Added when a byline or a subtitle is printed right after it: what stands there is a title."""
PAUSED = -2.0
"""Added for a title-like line with a pause (`，`、): column lines have them far more often."""
OPENING = 0.75
"""How much of a title's lede odds a piece's first lines add to a body beginning there."""
PARAGRAPH_START = 0.5
"""The least probability of starting a paragraph for a line where new columns begin to earn
those odds in the column programme: a body opens with a paragraph, and a lede's second line
with its third repeats the title too (columns began a row late; seed 3 pages 14 and 89)."""
LEDE_LINES = 3
"""A body's first lines that its title's words are looked for in."""
LEDE_PERMUTED = 6
"""The most titles given to bodies by their ledes (their orders are all tried)."""
LEDE_MARGIN = 1.0
"""How much better (log-odds) the ledes must read another way before titles change bodies."""
TWO_PARTS = 2.5
"""Added for a title-like line in two parts on a page whose column lines seldom are."""
REPEATS = -3.0
"""Added for a title-like line repeating one printed before it: two titles of a page seldom
share half their words, a lede's line repeats its title (and is printed after it)."""
GAPPED_LINES = 0.03
"""The share of full column lines in two parts under which a page's column lines seldom are
(pdfminer.six prints stray gaps inside lines; pypdf and pdftotext do not)."""
KICKER = 3.5
"""Log-odds for reading a lone title line printed right before another title as that title's
kicker rather than the title of a body of its own: two articles' titles are seldom printed one
right after the other with nothing between, and a body too many costs a cut. (On pdftotext's
text of the first 40 generated pages of seeds 0 and 3, the reading with one body fewer scored
0.2 to 3.0 below the other where the lone title was a kicker, and 4.5 to 19 below where it was
not.)"""


def looks_extracted(text: str) -> bool:
    """Whether `text` is a page as an extractor prints it: many short column lines.

    Most lines must be about one width (the column measure), short enough for a newspaper
    column, with a byline or a page line among them: one article hard-wrapped at a fixed
    width is plain text, not a page.
    """
    lines = raw_lines(text)
    if len(lines) < 12:
        return False
    measure = measure_of(lines)
    if not 8 <= measure <= 60:
        return False
    # Lines as printed, before any is cut: page text of the old shape (whole paragraphs of
    # column lines joined by spaces) has a few short lines too, but most are long.
    fitting = sum(1 for line in lines if plausible_line(line.text, measure))
    if fitting < 0.6 * len(lines):
        return False
    units = list(units_of(lines, measure, gutters=not boxed(text)))
    classified = classify(units, measure)
    return any(kind in ("page", "byline") for kind in classified.kinds)


@dataclass(frozen=True)
class _Page:
    """A source's units and what was found of them so far."""

    units: list[Unit]
    kinds: list[str]
    classified: Classified
    measure: int
    scorer: SeamScorer
    boxed: bool
    """Whether each line was printed as a box of its own (see `boxed`)."""


def parse_extracted(text: str, source: str) -> list[RawArticle]:
    """Split extracted page text into articles (see the module docstring)."""
    lines = raw_lines(text)
    measure = measure_of(lines)
    each_line_boxed = boxed(text)
    units = list(units_of(lines, measure, gutters=not each_line_boxed))
    classified = classify(units, measure)
    scorer = SeamScorer(measure)
    scorer.learn(
        [u.bare for u, kind in zip(units, classified.kinds, strict=True) if kind != "page"]
    )
    page = _Page(units, list(classified.kinds), classified, measure, scorer, each_line_boxed)
    # Blocks mean something when the extractor prints several lines between blank lines.
    blocked = not each_line_boxed and len({u.block for u in units}) > 2
    body, pieces = _pieces(page, blocked)
    stream = _stream(page, body, blocked, pieces)
    groups = group_headlines(units, page.kinds, boxes=each_line_boxed)
    bodies = _bodies(page, pieces, stream, groups)
    starts = [body[b[0]] for b in bodies]
    given = assign(groups, starts, page.kinds, units, blocks=blocked)
    _titles_by_ledes(page, body, bodies, groups, given)
    info = page_info(1, classified.page_lines) if classified.page_lines else None
    combined = [_combined([groups[g] for g in given.get(n, [])]) for n in range(len(bodies))]
    spare = [
        [b for g in given.get(n, []) if (b := groups[g].byline) is not None][1:]
        for n in range(len(bodies))
    ]
    _bylines_next_to_bodies(page, body, bodies, combined, spare, blocked)
    articles: list[tuple[int, RawArticle]] = []
    for n, lines_of_body in enumerate(bodies):
        group = combined[n]
        article = _article(page, body, group, lines_of_body, info, source)
        articles.append((group.members[0] if group else body[lines_of_body[0]], article))
    used = {g for gs in given.values() for g in gs}
    held = {g.byline for g in combined if g is not None}
    for g, group in enumerate(groups):
        if g not in used:
            # A headline no body was found for is an article of its own: nothing is lost.
            articles.append((group.members[0], _article(page, body, group, [], info, source)))
            held.add(group.byline)
    for byline in sorted(set(classified.bylines) - held):
        # So is a byline left over when bylines changed bodies.
        alone = Group(byline=byline)
        articles.append((byline, _article(page, body, alone, [], info, source)))
    return [article for _, article in sorted(articles, key=lambda pair: pair[0])]


def _titles_by_ledes(
    page: _Page,
    body: Sequence[int],
    bodies: Sequence[Sequence[int]],
    groups: Sequence[Group],
    given: dict[int, list[int]],
) -> None:
    """Give the titles to the bodies whose ledes repeat them, where the ledes say so clearly.

    The titled groups given to bodies are permuted among those bodies when another order makes
    the titles' coverage by the bodies' first lines (`reader.ingest.extracted_ledes`) better by
    more than `LEDE_MARGIN`; each group keeps its byline and subtitle.
    """
    titled = [b for b, gs in sorted(given.items()) if gs and groups[gs[0]].titles]
    if not 2 <= len(titled) <= LEDE_PERMUTED:
        return
    heads = [given[b][0] for b in titled]
    openings = [
        bigrams("".join(page.units[body[n]].text for n in bodies[b][:LEDE_LINES])) for b in titled
    ]

    def odds(g: int, opening: frozenset[str]) -> float:
        own = bigrams(page.units[groups[g].titles[-1]].text)
        return lede_odds(len(own & opening) / len(own)) if own else 0.0

    table = [[odds(g, opening) for opening in openings] for g in heads]
    now = sum(table[n][n] for n in range(len(heads)))
    best = max(
        itertools.permutations(range(len(heads))),
        key=lambda order: sum(table[g][b] for b, g in enumerate(order)),
    )
    if sum(table[g][b] for b, g in enumerate(best)) > now + LEDE_MARGIN:
        for b, g in zip(titled, best, strict=True):
            given[b][0] = heads[g]


def _bylines_next_to_bodies(
    page: _Page,
    body: Sequence[int],
    bodies: Sequence[Sequence[int]],
    heads: list[Group | None],
    spare: list[list[int]],
    blocked: bool,
) -> None:
    """A byline printed alone right before a body's first line (page lines aside; titles may
    come before it) is that body's:
    where it went to another body, the two bodies trade bylines (a body left without one takes
    a spare byline it was given). Not where blocks mean something (`blocked`) and the byline is
    printed in one block with a title right before it: it stands under that title, and
    pdftotext prints a row's left line first, so the body after it may be the left article's
    (seed 2 page 72: the right title and its byline in one block, then the left article's
    body row by row; a subtitle is another matter, its block may hold the byline of the
    heading beside it: seed 0 pages 42 and 52)."""
    first = {body[lines[0]]: n for n, lines in enumerate(bodies) if lines}
    kinds = page.kinds
    # Bylines printed together (side by side) go in order with their titles instead.
    alone = [
        run[-1]
        for run in clusters(kinds)
        if sum(1 for i in run if kinds[i] == "byline") == 1 and kinds[run[-1]] == "byline"
    ]
    for byline in alone:
        if (
            blocked
            and byline > 0
            and kinds[byline - 1] == "head"
            and not is_subtitle(page.units[byline - 1])
            and page.units[byline - 1].block == page.units[byline].block
        ):
            continue
        after = byline + 1
        while after < len(kinds) and kinds[after] == "page":
            after += 1
        to = first.get(after)
        if to is None:
            continue
        was = next((n for n, g in enumerate(heads) if g is not None and g.byline == byline), None)
        if was == to:
            continue
        target = heads[to] or Group()
        heads[to] = target
        source = heads[was] if was is not None else None
        if source is None:
            # A spare byline may move (the two bodies trade); one given to no body stays an
            # article of its own.
            holder = next((n for n, extra in enumerate(spare) if byline in extra), None)
            if holder is None:
                continue
            spare[holder].remove(byline)
            if target.byline is not None:
                spare[holder].append(target.byline)
            target.byline = byline
            continue
        taken, target.byline = target.byline, byline
        source.byline = taken
        if taken is None and was is not None and spare[was]:
            source.byline = spare[was].pop(0)


def _combined(parts: Sequence[Group]) -> Group | None:
    """One group of a body's headline groups (the titled one first)."""
    if not parts:
        return None
    whole = Group(list(parts[0].titles), list(parts[0].subtitles), parts[0].byline)
    for part in parts[1:]:
        whole.subtitles = sorted([*whole.subtitles, *part.subtitles])
        if whole.byline is None:
            whole.byline = part.byline
    return whole


def _pieces(page: _Page, blocked: bool) -> tuple[list[int], list[Piece]]:
    """The column lines (unit indices, printed order) and the column pieces made of them.

    Title-like lines that the columns read better without become headlines (in `page.kinds`).
    """
    units, kinds = page.units, page.kinds
    for i, kind in enumerate(kinds):
        # A title-like line taken for a headline next to a byline, but cut mid-word from the
        # next column line: a column's foot; weighed again below, with `CUT_WORD`.
        if kind == "head" and title_like(units[i]) and _cut_word(units, kinds, i, page.scorer):
            kinds[i] = "body"
    lede = _lede_odds(page)
    odds: dict[int, float] = {}
    while True:
        # A title-like line right after one found a headline stands where headlines stand
        # too (a kicker and its title, two titles printed side by side): its odds are weighed
        # again, with the headlines found, until no line's odds rise.
        body = [i for i, kind in enumerate(kinds) if kind == "body"]
        body_units = [units[i] for i in body]
        optional = {
            n: _headline_odds(units, kinds, body[n])
            + lede[body[n]]
            + _cut_word(units, kinds, body[n], page.scorer)
            for n, u in enumerate(body_units)
            if title_like(u)
        }
        if odds and all(optional[n] <= odds[body[n]] for n in optional):
            break
        odds = {body[n]: value for n, value in optional.items()}
        heads = headlines_among(body_units, page.scorer, blocks=blocked, optional=optional)
        for n in heads:
            kinds[body[n]] = "head"
        if not heads:
            break
    # Either way out of the loop, `body` is read with the headlines found.
    opening = _line_openings(page, body_units)
    if blocked:
        pieces: list[Piece] = []
        onward = _onward(body, body_units, page.scorer)
        for _, run in itertools.groupby(range(len(body_units)), key=lambda n: body_units[n].block):
            positions = list(run)
            found = columns_of_block(
                body_units,
                page.scorer,
                positions[0],
                positions[-1] + 1,
                beside=True,
                onward=onward,
                opening=opening,
            )
            pieces.extend(_marked(found, pieces))
        return body, pieces
    # Elsewhere, a band is what was printed between two headlines, bylines or page lines:
    # the columns of the articles under one band of headlines, read row by row (or a column
    # read down, where the extractor reads down).
    crossing = _crossing(kinds, body, ("head", "byline", "page"))
    prior = periods(body_units, page.scorer, blocks=False)
    pieces = []
    for _, run in itertools.groupby(range(len(body_units)), key=lambda n: crossing[n]):
        positions = list(run)
        seen = Counter(max(range(LONGEST), key=lambda d: prior[n][d]) + 1 for n in positions)
        # The band's period, give or take a column (a column ended, or has not begun); a
        # band read down its columns is one column.
        counts = {c + shift for c, k in seen.items() if c > 1 and k >= 3 for shift in (-1, 0, 1)}
        found = columns_of_block(
            body_units,
            page.scorer,
            positions[0],
            positions[-1] + 1,
            sorted(counts),
            boxes=page.boxed,
            opening=opening,
        )
        pieces.extend(_with_tails(found, pieces))
    return body, pieces


ONWARD = 2.0
"""Least seam score from a column line into the top of a column printed in another block for
the line to end its column mid-sentence in its block at no cost (see `_onward`): its sentence
goes on there. pdftotext cuts an article's columns into blocks where it likes, so a block's
column often stops mid-sentence, and without this the programme ended a neighbour instead
(seed 5 pages 14 and 18)."""
NEAR = 4.0
"""The same, into the top of a column printed in the same block, to its left (two articles
side by side in one block, the right one printed first: one of its columns goes on at the top
of the next; seed 0 page 18). Higher: tops in a block are guessed (the lines right after its
first), and a dictionary word or an open quotation across a seam reads 3.4 by chance."""


def _onward(body: Sequence[int], units: Sequence[Unit], scorer: SeamScorer) -> frozenset[int]:
    """Column lines (positions) that end mid-sentence and may end their column in a block at no
    cost: the line the top of another column reads on from best, by `ONWARD` or more (a top
    printed in another block: a block's first line, or a line printed right after a headline,
    byline or page line) or by `NEAR` or more (a top printed earlier in the same block: one of
    the first lines of a block read row by row, the first row's)."""
    tops = {
        n
        for n in range(len(units))
        if n == 0 or units[n - 1].block != units[n].block or body[n - 1] != body[n] - 1
    }
    beside = {
        t + k
        for t in tops
        for k in range(1, MOST_COLUMNS)
        if t + k < len(units) and units[t + k].block == units[t].block
    }
    open_lines = [n for n, unit in enumerate(units) if not unit.ends_sentence]

    def best(t: int, lines: Iterable[int]) -> tuple[float, int]:
        return max(((scorer.seam(units[n], units[t]), n) for n in lines), default=(-math.inf, -1))

    out = set()
    for t in sorted(tops | beside):
        block = units[t].block
        # A line printed later in this block (not the next: that one is read down the same
        # column, or across to the next), or any line of another block.
        near = best(t, (n for n in open_lines if n > t + 1 and units[n].block == block))
        if t not in tops and near[0] < NEAR:
            continue  # (a guessed top reads on only from its own block)
        far = best(t, (n for n in open_lines if units[n].block != block))
        score, n = max(near, far)
        if n < 0:
            continue
        if units[n].block == block:
            if score >= NEAR:
                out.add(n)
        elif t in tops and score >= ONWARD:
            out.add(n)
    return frozenset(out)


def _marked(found: tuple[list[list[int]], list[int]], before: Sequence[Piece]) -> list[Piece]:
    """The columns of one block or band as pieces, those of a run side by side in a group of
    their own (numbered after the groups of the pieces `before`)."""
    columns, runs = found
    first = max((p.group for p in before), default=-1) + 1
    sizes = Counter(runs)
    return [
        Piece(tuple(c), first + run if sizes[run] > 1 else -1)
        for c, run in zip(columns, runs, strict=True)
    ]


RESUMED_ROWS = 7
"""Rows a band's columns must all run on after a column beside them ended for their rest to be
cut off as pieces of their own (see `_with_tails`). Shorter runs are one article's columns
ending a row or two apart, or the rows of an article beside a shorter one, too short to
tell. On pdfminer.six's text of seed 0, of 1,077 places where a column ran on after one
beside it ended, 51 ran on into another article's column; of the 20 running on for seven
rows or more, 9."""


def _with_tails(found: tuple[list[list[int]], list[int]], before: Sequence[Piece]) -> list[Piece]:
    """The columns of one band as pieces (see `_marked`), those that run on long after a
    column beside them ended cut in two there.

    In a corner layout, the lead article's full column runs down beside the corner article,
    and pdfminer.six prints its rows there after the corner article's rows. A band read as
    rows across the corner article's columns then has one of them run on down the lead's
    column: the rows no longer hold a line for every column, and no reading of the band
    can end the corner article's columns and begin another's there with fewer columns, the
    text at the seam being no help. So where every column still running after one of the
    band's columns ended runs on for `RESUMED_ROWS` rows or more, each is cut at that row;
    the rest is a piece that the assembly reads on from its top at no cost, or elsewhere
    (`Piece.after`). The rests of one cut start on one row: a group of their own.
    """
    columns, runs = found
    marked = _marked(found, before)
    group = max((p.group for p in (*before, *marked)), default=-1) + 1
    cuts: dict[int, tuple[int, int]] = {}
    for run in sorted(set(runs)):
        going = _going_on(columns, [n for n, r in enumerate(runs) if r == run])
        for n, at in going.items():
            cuts[n] = (at, group if len(going) > 1 else -1)
        group += len(going) > 1
    pieces: list[Piece] = []
    for n, piece in enumerate(marked):
        if n not in cuts:
            pieces.append(piece)
            continue
        at, tail_group = cuts[n]
        pieces.append(Piece(piece.lines[:at], piece.group))
        pieces.append(Piece(piece.lines[at:], tail_group, piece.lines[at - 1]))
    return pieces


def _going_on(columns: Sequence[Sequence[int]], run: Sequence[int]) -> dict[int, int]:
    """Of one run's columns, those cut by `_with_tails`, each with the index of its first line
    after the cut (empty: none)."""
    for ended in sorted(columns[n][-1] for n in run):
        going = [n for n in run if columns[n][-1] > ended]
        if all(
            columns[n][0] < ended and sum(q > ended for q in columns[n]) >= RESUMED_ROWS
            for n in going
        ):
            return {n: next(i for i, q in enumerate(columns[n]) if q > ended) for n in going}
    return {}


def _lede_odds(page: _Page) -> dict[int, float]:
    """For each title-like unit, the log-odds that it is a headline from its words: the page's
    ledes (see `reader.ingest.extracted_ledes`), less `PAUSED` for a line with a pause, plus
    `TWO_PARTS` for one in two parts where column lines are seldom (see `_gapped`)."""
    units, kinds = page.units, page.kinds
    text = [i for i, kind in enumerate(kinds) if kind in ("body", "head")]
    candidates = [i for i in text if title_like(units[i])]
    covered = coverages(units, candidates, text)
    full = [u for u in units if abs(u.width - page.measure) <= 2]
    parts = sum(1 for u in full if _gapped(u.text)) <= GAPPED_LINES * len(full)
    grams = {i: bigrams(units[i].text) for i in candidates}
    # Lines repeated by a later one must look like titles themselves (no pause): an extractor
    # may print a lede's first line before its title.
    titles = [j for j in candidates if may_be_headline(units[j])]
    return {
        i: lede_odds(c)
        + (0.0 if may_be_headline(units[i]) else PAUSED)
        + (TWO_PARTS if parts and _gapped(units[i].text) else 0.0)
        + (REPEATS if any(j < i and repeats(grams[i], grams[j]) for j in titles) else 0.0)
        for i, c in covered.items()
    }


_GAP = re.compile(r"\S\S\s+\S\S")


def _gapped(text: str) -> bool:
    """Whether a line is in two parts: a gap between two runs of two characters or more (a
    headline's two halves, `监督有力度 服务有温度`; letter-spacing is no gap)."""
    return _GAP.search(text) is not None


def _crossing(
    kinds: Sequence[str], body: Sequence[int], marks: tuple[str, ...] = ("head", "byline")
) -> list[int]:
    """For each column line, how many lines of the kinds `marks` were printed before it."""
    counts = list(itertools.accumulate(1 if k in marks else 0 for k in kinds))
    return [counts[i] for i in body]


def _stream(page: _Page, body: Sequence[int], blocked: bool, pieces: Sequence[Piece]) -> Stream:
    kinds = page.kinds
    after = []
    for index in body:
        before = index - 1
        while before >= 0 and kinds[before] == "page":
            before -= 1
        after.append(before >= 0 and kinds[before] in ("head", "byline"))
    units = [page.units[i] for i in body]
    return Stream(units, _crossing(kinds, body), after, blocked, _openings(page, units, pieces))


def _line_openings(page: _Page, units: Sequence[Unit]) -> Callable[[int, int], float]:
    """Log-odds that new columns (another article's) begin at a column line (a position),
    given the position of the line under it (or its own, at a block's foot): the two lines
    repeat a title of the page (see `_opening_odds`), and the first may open a paragraph."""
    titles = _title_grams(page)

    @functools.cache
    def odds(n: int, below: int) -> float:
        if page.scorer.shape(units[n]).start < PARAGRAPH_START:
            return 0.0
        return _opening_odds(titles, units[n].text + (units[below].text if below != n else ""))

    return odds


def _openings(page: _Page, units: Sequence[Unit], pieces: Sequence[Piece]) -> list[float]:
    """For each column line, log-odds that a body begins there because its first two lines
    (down its piece) repeat a title of the page (see `_opening_odds`)."""
    titles = _title_grams(page)
    out = [0.0] * len(units)
    for piece in pieces:
        text = "".join(units[n].text for n in piece.lines[:2])
        out[piece.lines[0]] = _opening_odds(titles, text)
    return out


def _title_grams(page: _Page) -> list[frozenset[str]]:
    """The Han bigrams of each of the page's titles (subtitles left out)."""
    return [
        grams
        for i, kind in enumerate(page.kinds)
        if kind == "head"
        and not is_subtitle(page.units[i])
        and (grams := bigrams(page.units[i].text))
    ]


def _opening_odds(titles: Sequence[frozenset[str]], text: str) -> float:
    """Log-odds that a body opens with `text` (its first lines) from how much of a title it
    repeats (see `reader.ingest.extracted_ledes`): `OPENING` times the lede odds, none below 0."""
    grams = bigrams(text)
    if not titles or not grams:
        return 0.0
    best = max(len(title & grams) / len(title) for title in titles)
    return max(0.0, lede_odds(best)) * OPENING


def _bodies(
    page: _Page, pieces: Sequence[Piece], stream: Stream, groups: list[Group]
) -> list[list[int]]:
    """Assemble the bodies: one per headline group, a lone title line before another title
    taken as its kicker where one body fewer reads better. A page may have several kickers:
    while one body fewer still reads better, the likeliest kicker left is taken too (see
    `_kicker_odds`)."""
    count = max(sum(1 for g in groups if g.titles), 1)
    best, score = assemble(pieces, stream, page.scorer, count)
    while count > 1 and (candidates := kicker_candidates(groups, page.kinds)):
        odds = _kicker_odds(page, [groups[c].titles[0] for c in candidates])
        likeliest = max(range(len(candidates)), key=lambda n: (odds[n], -n))
        fewer, fewer_score = assemble(pieces, stream, page.scorer, count - 1)
        if fewer_score + odds[likeliest] <= score:
            break
        merge_kicker(groups, candidates[likeliest], page.units, page.kinds)
        best, score, count = fewer, fewer_score, count - 1
    return best


def _kicker_odds(page: _Page, lines: Sequence[int]) -> list[float]:
    """Log-odds that each lone title line (unit indices) is a kicker rather than a title of its
    own: `KICKER`, less the lede odds that it is a title (`reader.ingest.extracted_ledes`),
    from how the page's column lines repeat its words: a title's lede repeats it, a kicker (a
    slogan set over the title) seldom is.

    Both ways: counted only against a title (as it was), a title whose lede repeats it, printed
    right before the other title of two side by side, was read as that one's kicker and the
    two bodies as one (seed 1 page 60, seed 2 page 88). Only column lines count: two articles
    may stand under one kicker, which then repeats itself (seed 0 page 18)."""
    kinds = page.kinds
    text = [i for i, kind in enumerate(kinds) if kind == "body"]
    covered = coverages(page.units, lines, text)
    return [KICKER - lede_odds(covered[i]) for i in lines]


CUT_WORD = -4.0
"""Log-odds that a title-like line is a headline when a dictionary word runs on from its end
into the next column line printed after it (past the headlines and bylines printed between):
a column's foot cut mid-word (`提|供`), the column going on below a neighbour's byline. A
title ends on a whole word."""


def _cut_word(units: Sequence[Unit], kinds: Sequence[str], index: int, scorer: SeamScorer) -> float:
    """`CUT_WORD` where a word runs on from the line at `index` into the next column line."""
    unit = units[index]
    if unit.ends_sentence:
        return 0.0
    after = next(
        (n for n in range(index + 1, len(units)) if kinds[n] not in ("head", "byline", "page")),
        None,
    )
    if after is None or scorer.words(unit.bare, units[after].bare) < SPAN_WORD:
        return 0.0
    return CUT_WORD


def _headline_odds(units: Sequence[Unit], kinds: Sequence[str], index: int) -> float:
    """Log-odds that the title-like line at `index` is a headline, from the lines around it:
    printed right before a headline or byline, right after a headline, right after bylines
    with no title before them (a byline printed before its title), or first on the page (after
    the header), makes it likelier."""
    odds = HEADLINE
    following = next((n for n in range(index + 1, len(units)) if kinds[n] != "page"), None)
    back = [n for n in range(index) if kinds[n] != "page"]
    preceding = kinds[back[-1]] if back else None
    if preceding == "byline":
        # The run of headlines and bylines printed before this line: has it a title?
        run = list(itertools.takewhile(lambda n: kinds[n] in ("head", "byline"), reversed(back)))
        untitled = all(kinds[n] == "byline" for n in run)
    else:
        untitled = False
    first = not back
    after = kinds[following] if following is not None else None
    subtitle = following is not None and after == "head" and is_subtitle(units[following])
    if after == "byline" or subtitle:
        odds += BEFORE_BYLINE
    elif preceding == "head" or untitled or first:
        odds += NEXT_TO_HEADLINE
    elif after == "head":
        odds += NEXT_TO_HEADLINE / 2
    return odds


def _article(
    page: _Page,
    body: Sequence[int],
    group: Group | None,
    lines: Sequence[int],
    info: PageInfo | None,
    source: str,
) -> RawArticle:
    units = page.units
    title, kicker, span = "", None, None
    byline: Byline | None = None
    if group is not None:
        if group.titles:
            heads = [units[i] for i in group.titles]
            kicker = " ".join(clean_title(u.text) for u in heads[:-1]) or None
            parts = [heads[-1], *(units[i] for i in group.subtitles)]
            title = " ".join(clean_title(u.text) for u in parts)
            span = Span(source, heads[-1].start, parts[-1].end)
        elif group.subtitles:
            parts = [units[i] for i in group.subtitles]
            title = " ".join(clean_title(u.text) for u in parts)
            span = Span(source, parts[0].start, parts[-1].end)
        if group.byline is not None:
            byline = page.classified.bylines[group.byline]
    blocks: list[Block] = []
    paragraph: list[Unit] = []
    for position in lines:
        unit = units[body[position]]
        if paragraph and _breaks(page.scorer, paragraph[-1], unit):
            blocks.append(_block(paragraph))
            paragraph = []
        paragraph.append(unit)
    if paragraph:
        blocks.append(_block(paragraph))
    return RawArticle(
        title=title,
        source=source,
        blocks=tuple(blocks),
        byline=byline,
        kicker=kicker,
        title_span=span,
        page=info,
        reflow=False,
        paragraphs_known=True,
    )


def _breaks(scorer: SeamScorer, left: Unit, right: Unit) -> bool:
    """Whether a paragraph ends between two lines read one after the other."""
    a, b = scorer.shape(left), scorer.shape(right)
    return a.end * b.start > (1 - a.end) * (1 - b.start)


def _block(lines: Sequence[Unit]) -> Block:
    return Block(
        " ".join(u.text for u in lines), min(u.start for u in lines), max(u.end for u in lines)
    )
