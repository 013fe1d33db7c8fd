"""One laid-out page read back into articles: headlines, columns, reading order, paragraphs.

Given a page's glyphs (from a PDF, or from text laid out in cells), the page is read as a
typesetter built it:

1. **Lines** (`reader.ingest.glyphs`): one size, one baseline, no gutter inside.
2. **Page lines**: the top and bottom rows of the page, when `masthead.page_line` reads them as
   a header (date and 版次) or a footer (editors' credits), become page metadata.
3. **Headlines** (`reader.ingest.headlines`): kicker, title and subtitle stacked.
4. **Column segments and columns** (`reader.ingest.columns`).
5. **Articles**: each segment belongs to the nearest headline above it whose share of the
   page's width holds it; a segment under no headline starts an untitled article, so nothing
   is dropped.
6. **Reading order**: down a column, then the next column of the same article to the right,
   wherever it stands (an article may turn a corner round another one).
7. **Paragraphs**: a line indented by about two characters starts one; a short line ending a
   sentence ends one.

Each paragraph is a block of its column lines joined by single spaces, the convention of page
text, so reflow treats both alike. Offsets are those of the glyphs in the decoded text they were
read from, or, for a PDF, offsets in a text made of the page's lines in reading order.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.ingest.byline import parse_byline
from reader.ingest.columns import (
    INDENT,
    Segment,
    find_segments,
    owner,
    page_columns,
    set_reach,
)
from reader.ingest.glyphs import Glyph, Line, body_size, lines_of
from reader.ingest.headlines import Headline, find_headlines, is_headline_size
from reader.ingest.masthead import PageLine, page_info, page_line
from reader.model import Block, Byline, PageInfo, RawArticle, Span

_SENTENCE_END = "。！？!?…"
_TRAILERS = "”’」』）)\"'"


class OffsetText:
    """The offsets blocks refer to: in the decoded text the glyphs were read from, or for a PDF
    in a text made of the page's lines in reading order."""

    def __init__(self) -> None:
        self.length = 0

    def place(self, lines: Sequence[Line], text: str) -> tuple[int, int]:
        """The span of `text`, made of these lines."""
        starts = [g.start for line in lines for g in line.glyphs]
        if starts and min(starts) >= 0:
            return min(starts), max(starts) + 1
        start = self.length
        self.length += len(text) + 1
        return start, start + len(text)


@dataclass
class _Article:
    headline: Headline | None
    segments: list[Segment] = field(default_factory=list)


def rows(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines grouped into rows across the page (vertical overlap), top to bottom."""
    out: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        if out and line.top < max(ln.bottom for ln in out[-1]) - 0.2 * line.size:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def page_lines(lines: list[Line]) -> tuple[list[PageLine], set[int]]:
    """The header and footer rows (at most two at each end of the page), read by shape.

    Returns:
        What each such row says, and the ids of the lines they are made of.
    """
    found: list[PageLine] = []
    taken: set[int] = set()
    all_rows = rows(lines)
    ends = [*all_rows[:2], *all_rows[-2:]] if len(all_rows) > 4 else all_rows
    for row in ends:
        ordered = sorted(row, key=lambda ln: ln.x0)
        read = page_line(" ".join(ln.text for ln in ordered))
        if read is not None and not any(id(ln) in taken for ln in ordered):
            found.append(read)
            taken.update(id(ln) for ln in ordered)
    return found, taken


def _title(headline: Headline, text: OffsetText, source: str) -> tuple[str, str | None, Span]:
    kicker, title = headline.parts()
    lines = headline.ordered()
    start, end = text.place(lines, " ".join(ln.text for ln in lines))
    return title, kicker, Span(source, start, end)


def _byline(article: _Article, body: float) -> tuple[Byline | None, Line | None]:
    """Take the byline out of the article: a line right under its headline that reads as one."""
    headline = article.headline
    limit = (headline.bottom if headline else 0.0) + 4 * body
    for segment in sorted(article.segments, key=lambda s: (s.top, s.x0)):
        line = segment.lines[0]
        if line.top > limit:
            break
        parsed = parse_byline(line.text)
        if parsed is not None:
            segment.lines.pop(0)
            if not segment.lines:
                article.segments.remove(segment)
            return parsed, line
    return None, None


def _reading_order(segment: Segment) -> tuple[int, float]:
    return (segment.column.index if segment.column else 0, segment.top)


def _paragraphs(article: _Article, measure: float) -> list[list[Line]]:
    """Cut the article's lines, in reading order, into paragraphs."""
    paragraphs: list[list[Line]] = []
    previous: Line | None = None
    previous_right = 0.0
    for segment in sorted(article.segments, key=_reading_order):
        column = segment.column
        left = column.left if column else segment.x0
        right = column.right if column else segment.x1
        # A column of short lines shows neither its edge nor its width: take the page's.
        right = max(right, left + measure - max(ln.size for ln in segment.lines))
        for line in segment.lines:
            size = line.size
            indented = line.x0 - left >= INDENT * size
            ended = previous is not None and (
                previous.text.rstrip(_TRAILERS)[-1:] in _SENTENCE_END
                and previous.x1 < previous_right - 1.5 * size
            )
            if not paragraphs or indented or ended:
                paragraphs.append([])
            paragraphs[-1].append(line)
            previous, previous_right = line, right
    return paragraphs


def articles_from_lines(
    lines: list[Line],
    page: PageInfo,
    source: str,
    text: OffsetText,
    headlines: list[Headline] | None = None,
) -> list[RawArticle]:
    """Headlines, column segments, articles, reading order and paragraphs of one page's lines.

    Args:
        lines: The page's lines, its header and footer taken out.
        page: The page's metadata.
        source: The file's name in the corpus.
        text: Where offsets are taken from.
        headlines: The headlines, when the caller found them (their lines among `lines`);
            None: the lines set larger than the body.
    """
    body = body_size(lines)
    if headlines is None:
        headlines = find_headlines(lines, body)
        rest = [ln for ln in lines if not is_headline_size(ln, body)]
    else:
        taken = {id(ln) for h in headlines for ln in h.lines}
        rest = [ln for ln in lines if id(ln) not in taken]
    segments = find_segments(rest, body)
    columns = page_columns(segments, body)
    widths = [c.right - c.left for c in columns if sum(len(s.lines) for s in c.segments) >= 3]
    measure = statistics.median(widths) if widths else 0.0
    set_reach(headlines, segments, body)
    articles: dict[int, _Article] = {}
    untitled = _Article(None)
    for segment in segments:
        head = owner(segment, headlines)
        if head is None:
            untitled.segments.append(segment)
        else:
            articles.setdefault(id(head), _Article(head)).segments.append(segment)
    for headline in headlines:
        articles.setdefault(id(headline), _Article(headline))
    ordered = [untitled] if untitled.segments else []
    ordered += sorted(
        articles.values(),
        key=lambda a: (
            round(a.headline.top / body) if a.headline else 0,
            a.headline.x0 if a.headline else 0,
        ),
    )
    raws = []
    for article in ordered:
        if article.headline is not None:
            title, kicker, span = _title(article.headline, text, source)
        else:
            title, kicker, span = "", None, None
        byline, byline_line = _byline(article, body)
        if byline_line is not None:
            text.place([byline_line], byline_line.text)
        blocks = []
        for paragraph in _paragraphs(article, measure):
            joined = " ".join(ln.text for ln in paragraph)
            start, end = text.place(paragraph, joined)
            blocks.append(Block(joined, start, end))
        raws.append(
            RawArticle(
                title=title,
                source=source,
                blocks=tuple(blocks),
                byline=byline,
                kicker=kicker,
                title_span=span,
                paragraphs_known=True,
                page=page,
            )
        )
    return raws


def page_articles(
    glyphs: Sequence[Glyph], number: int, source: str, text: OffsetText
) -> list[RawArticle]:
    """The articles of one page, with the page's header and footer kept as its metadata."""
    lines = lines_of(glyphs)
    if not lines:
        return []
    found, taken = page_lines(lines)
    page = page_info(number, found)
    return articles_from_lines([ln for ln in lines if id(ln) not in taken], page, source, text)
