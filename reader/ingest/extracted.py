"""Extracted page text (what pdftotext, pdfminer.six or pypdf print for a newspaper page) read
back into articles.

Such text holds one column line per line, in the extractor's order, with the page's header,
titles and bylines among them. The steps, each in its own module:

1. `extracted_lines`: the lines cut into units, one per column line (lines of neighbouring
   columns printed together are cut apart; letter-spaced lines stay whole), and the column
   measure learned from the widths;
2. `extracted_heads`: page lines, bylines and headlines told apart from column lines by shape;
3. `extracted_columns`: column lines gathered into columns, following the extractor's order;
4. `extracted_chains`: columns chained into bodies;
5. here: bodies matched with their headlines and bylines, and cut into paragraphs (a line that
   ends a paragraph is followed by an indented one).

Each paragraph becomes a block of its column lines joined by single spaces, the convention of
page text, and is reflowed on its own. Offsets are characters in the decoded text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.ingest.extracted_chains import chain, cut
from reader.ingest.extracted_columns import gather
from reader.ingest.extracted_heads import Classified, classify
from reader.ingest.extracted_lines import (
    Unit,
    boxed,
    measure_of,
    plausible_line,
    raw_lines,
    units_of,
)
from reader.ingest.extracted_shape import SeamScorer
from reader.ingest.markdown import clean_title
from reader.ingest.masthead import page_info
from reader.model import Block, Byline, PageInfo, RawArticle, Span

_DASH = ("——", "—", "--", "－－")


@dataclass
class _Headline:
    """Headline lines and a byline printed together, before they are given to a body."""

    units: list[int] = field(default_factory=list)
    byline: int | None = None

    @property
    def first(self) -> int:
        return min([*self.units, *([self.byline] if self.byline is not None else [])])


def looks_extracted(text: str) -> bool:
    """Whether `text` is a page as an extractor prints it: many short column lines.

    Most lines must be about one width (the column measure), short enough for a newspaper
    column, with titles, bylines or page lines among them: one article hard-wrapped at a fixed
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
    marks = sum(1 for kind in classified.kinds if kind in ("page", "byline"))
    return marks >= 1


def parse_extracted(text: str, source: str) -> list[RawArticle]:
    """Split extracted page text into articles (see the module docstring)."""
    lines = raw_lines(text)
    measure = measure_of(lines)
    blocks = not boxed(text)
    units = list(units_of(lines, measure, gutters=blocks))
    classified = classify(units, measure)
    kinds = classified.kinds
    body = [i for i, kind in enumerate(kinds) if kind == "body"]
    scorer = SeamScorer(measure)
    body_units = [units[i] for i in body]
    columns = gather(body_units, scorer, blocks=blocks) if body else []
    marks = list(
        itertools.accumulate(1 if kinds[i] in ("head", "byline") else 0 for i in range(len(units)))
    )
    crossing = [marks[i] for i in body]
    pieces = cut(columns, crossing)
    headlines = _headlines(kinds, classified)
    titled = sum(1 for h in headlines if h.units) or 1
    bodies = chain(pieces, body_units, scorer, blocks, crossing, titled)
    page = page_info(1, classified.page_lines) if classified.page_lines else None
    return _articles(units, body, bodies, headlines, classified, scorer, page, source)


def _headlines(kinds: Sequence[str], classified: Classified) -> list[_Headline]:
    """Group headline lines and bylines printed together: each title with the kicker above it,
    the subtitle under it and the byline after it."""
    groups: list[_Headline] = []
    current: _Headline | None = None
    previous_kind = ""
    for index, kind in enumerate(kinds):
        if kind == "page":
            continue
        if kind not in ("head", "byline"):
            current = None
            previous_kind = kind
            continue
        if kind == "byline":
            if current is None or current.byline is not None:
                current = _Headline()
                groups.append(current)
            current.byline = index
        else:
            if current is None or current.byline is not None or previous_kind == "body":
                current = _Headline()
                groups.append(current)
            current.units.append(index)
        previous_kind = kind
    return groups


def _articles(
    units: Sequence[Unit],
    body: Sequence[int],
    bodies: Sequence[Sequence[int]],
    headlines: Sequence[_Headline],
    classified: Classified,
    scorer: SeamScorer,
    page: PageInfo | None,
    source: str,
) -> list[RawArticle]:
    """Give each body the nearest headline printed before its first line, in order."""
    pairs: list[tuple[_Headline | None, list[int]]] = []
    free = list(headlines)
    for lines in sorted(bodies, key=lambda b: body[b[0]]):
        first = body[lines[0]]
        before = [h for h in free if h.first < first]
        headline = before[0] if before else (free[0] if free else None)
        if headline is not None:
            free.remove(headline)
        pairs.append((headline, list(lines)))
    for headline in free:
        pairs.append((headline, []))
    raws = []
    for headline, lines in sorted(pairs, key=lambda p: _position(p, body)):
        raws.append(_article(units, body, headline, lines, classified, scorer, page, source))
    return raws


def _position(pair: tuple[_Headline | None, list[int]], body: Sequence[int]) -> int:
    headline, lines = pair
    if headline is not None:
        return headline.first
    return body[lines[0]] if lines else 0


def _article(
    units: Sequence[Unit],
    body: Sequence[int],
    headline: _Headline | None,
    lines: Sequence[int],
    classified: Classified,
    scorer: SeamScorer,
    page: PageInfo | None,
    source: str,
) -> RawArticle:
    title, kicker, span = "", None, None
    byline: Byline | None = None
    if headline is not None:
        heads = [units[i] for i in headline.units]
        if heads:
            main = max((n for n, u in enumerate(heads) if not u.text.startswith(_DASH)), default=0)
            kicker = " ".join(clean_title(u.text) for u in heads[:main]) or None
            title = " ".join(clean_title(u.text) for u in heads[main:])
            span = Span(source, heads[main].start, heads[-1].end)
        if headline.byline is not None:
            byline = classified.bylines[headline.byline]
    blocks: list[Block] = []
    paragraph: list[Unit] = []
    for position in lines:
        unit = units[body[position]]
        if paragraph and _breaks(scorer, paragraph[-1], unit):
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
        page=page,
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
