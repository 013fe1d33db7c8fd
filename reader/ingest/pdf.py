"""PDF newspaper pages: characters with their positions and sizes, read back into articles.

The page is read as a typesetter built it, not as a stream of text:

1. **Glyphs** (pdfminer.six): each character with its box and font size.
2. **Lines**: glyphs of one size on one baseline, cut where a gap opens that no justified line
   has (a column gutter); a line as wide as two columns is cut at the gap nearest to where the
   lines around it start.
3. **Page lines**: the top and bottom rows of the page, when `masthead.page_line` reads them as
   a header (date and 版次) or a footer (editors' credits), become page metadata.
4. **Headlines**: lines clearly larger than the body size, stacked, form a headline (kicker,
   title, subtitle by size and position).
5. **Column segments**: body lines stacked one under the other at the same left edge.
6. **Articles**: each segment belongs to the nearest headline above it in the lowest band of
   headlines whose share of the page's width holds the segment; a segment under no headline
   starts an untitled article, so nothing is dropped.
7. **Reading order**: down a column, then the next column to the right.
8. **Paragraphs**: a line indented by about two characters starts one; a short line ending a
   sentence ends one.

Each paragraph is a block of its column lines joined by single spaces, the convention of page
text, so reflow treats both alike; offsets refer to a text made of the page's lines in reading
order. Layout settles the reading order, so these articles are not sent to the text repair.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.ingest.byline import parse_byline
from reader.ingest.markdown import join_lines
from reader.ingest.masthead import PageLine, page_info, page_line
from reader.model import Block, Byline, PageInfo, RawArticle, Span

MAX_PDF_BYTES = 512 * 1024 * 1024
"""A PDF larger than this is refused (a newspaper page with its images is a few MiB)."""
HEADLINE_RATIO = 1.15
"""A line this much larger than the body size is part of a headline."""
GUTTER = 0.45
"""A gap wider than this many characters inside a row of glyphs is a column gutter."""
INDENT = 1.2
"""A line starting this many characters right of its column's edge opens a paragraph."""
_SENTENCE_END = "。！？!?…"
_TRAILERS = "”’」』）)\"'"
_EOF_TAIL = 2048
"""`%%EOF` must stand within this many bytes of the end of a whole file."""


class PdfError(ReaderError):
    """A PDF that cannot be read as newspaper text (encrypted, damaged, scanned, unmapped)."""


@dataclass(frozen=True)
class Glyph:
    """One character drawn on the page; y grows downwards from the top of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    start: int = -1
    """Offset of the character in a decoded text it was read from (-1: from a PDF)."""


@dataclass
class Line:
    """Glyphs of one size on one baseline, with no gutter inside."""

    glyphs: list[Glyph]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the text and box from the glyphs."""
        glyphs = self.glyphs
        self.x0 = min(g.x0 for g in glyphs)
        self.x1 = max(g.x1 for g in glyphs)
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.size = statistics.median(g.size for g in glyphs)
        parts = [glyphs[0].text]
        for left, right in itertools.pairwise(glyphs):
            # A gap between two Latin letters or digits is a word space the PDF did not draw
            # (words set by position); gaps between Chinese characters are letter-spacing.
            if right.x0 - left.x1 > 0.25 * self.size and _latin(left.text) and _latin(right.text):
                parts.append(" ")
            parts.append(right.text)
        self.text = "".join(parts)


def _latin(text: str) -> bool:
    return text.isascii() and text.isalnum()


@dataclass
class Headline:
    """A page's title lines stacked together: kicker above, title, subtitle below."""

    lines: list[Line]
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    reach: tuple[float, float] = (float("-inf"), float("inf"))
    """The share of the page's width it heads: up to half-way to its neighbours in its band."""

    def __post_init__(self) -> None:
        self.x0 = min(line.x0 for line in self.lines)
        self.x1 = max(line.x1 for line in self.lines)
        self.top = min(line.top for line in self.lines)
        self.bottom = max(line.bottom for line in self.lines)


@dataclass
class Segment:
    """Body lines stacked in one column, top to bottom."""

    lines: list[Line] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


# --- Reading the file -------------------------------------------------------------------------


def _check_file(path: Path, data: bytes) -> None:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise PdfError(f"{path}: not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_TAIL:]:
        raise PdfError(f"{path}: truncated or damaged PDF (no %%EOF at its end)")


def read_glyphs(path: Path) -> list[list[Glyph]]:
    """Every page's glyphs, in drawing order.

    Raises:
        PdfError: the file is not a whole PDF, is encrypted, or cannot be parsed.
    """
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise PdfError(f"{path}: too large ({size // (1024 * 1024)} MiB; limit 512 MiB)")
        data = path.read_bytes()
    except OSError as error:
        raise PdfError(f"{path}: cannot read ({error.strerror or error})") from None
    _check_file(path, data)
    import io

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    def walk(item: object, out: list[Glyph], height: float) -> None:
        if isinstance(item, LTChar):
            # Spaces are kept (as " "): drawn between words, they hold a byline's parts together.
            text = item.get_text()
            if text:
                text = " " if text.isspace() else text
                glyph = Glyph(text, item.x0, item.x1, height - item.y1, height - item.y0, item.size)
                out.append(glyph)
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, out, height)

    pages: list[list[Glyph]] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            layout = device.get_result()
            glyphs: list[Glyph] = []
            walk(layout, glyphs, layout.y1)
            pages.append(glyphs)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError(f"{path}: encrypted PDF (a password is needed to read it)") from None
    except PdfError:
        raise
    except Exception as error:  # pdfminer raises many kinds of error on damaged files
        reason = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        raise PdfError(f"{path}: damaged PDF ({reason})") from None
    return pages


def _unmapped(text: str) -> bool:
    """A glyph whose text is not a character: no Unicode map in its font."""
    if text.startswith("(cid:") or text == "\ufffd":
        return True
    code = ord(text[0])
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or (0x80 <= code <= 0x9F) or code < 0x20


def check_text_layer(path: Path, pages: Sequence[Sequence[Glyph]]) -> None:
    """Refuse a PDF with no text to read, or whose text is not characters.

    Raises:
        PdfError: no page holds text (a scan), or a tenth or more of the glyphs have no Unicode
            value (fonts without a map: their text would be indexed as garbage).
    """
    glyphs = [g for page in pages for g in page if g.text != " "]
    if not glyphs:
        raise PdfError(f"{path}: no text layer (a scanned page?): run OCR first")
    bad = sum(1 for g in glyphs if _unmapped(g.text))
    if bad * 10 >= len(glyphs):
        raise PdfError(
            f"{path}: {bad} of {len(glyphs)} characters have no Unicode value"
            " (fonts without a ToUnicode map): the text cannot be read"
        )


# --- Lines ------------------------------------------------------------------------------------


def _same_size(a: float, b: float) -> bool:
    return max(a, b) <= 1.12 * min(a, b)


def lines_of(glyphs: Iterable[Glyph]) -> list[Line]:
    """Group glyphs into lines: one size, one baseline, no gutter inside."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        for row in reversed(rows[-8:]):
            head = row[0]
            if abs(glyph.bottom - head.bottom) <= 0.25 * head.size and _same_size(
                glyph.size, head.size
            ):
                row.append(glyph)
                break
        else:
            rows.append([glyph])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        start = 0
        for n in range(1, len(row)):
            size = max(row[n].size, row[n - 1].size)
            if row[n].x0 - row[n - 1].x1 > GUTTER * size or row[n].x0 < row[n - 1].x0:
                lines.extend(_line(row[start:n]))
                start = n
        lines.extend(_line(row[start:]))
    return _split_wide(lines)


def _line(glyphs: list[Glyph]) -> list[Line]:
    """The line of these glyphs without the spaces at its ends (none if only spaces)."""
    start, end = 0, len(glyphs)
    while start < end and glyphs[start].text == " ":
        start += 1
    while end > start and glyphs[end - 1].text == " ":
        end -= 1
    return [Line(glyphs[start:end])] if start < end else []


def _split_wide(lines: list[Line]) -> list[Line]:
    """Cut lines that run across a gutter too narrow to see (a full-width mark hanging into it).

    Such a line is far wider than the lines of its size; it is cut at the glyph where other
    lines of its size start, the nearest such edge to its middle.
    """
    by_size: dict[float, list[Line]] = {}
    for line in lines:
        by_size.setdefault(round(line.size), []).append(line)
    out: list[Line] = []
    for group in by_size.values():
        # Most lines are full column lines; short last lines of paragraphs are the rest.
        widths = sorted(line.x1 - line.x0 for line in group)
        typical = widths[int(len(widths) * 0.8)]
        edges = sorted({round(line.x0) for line in group})
        for line in group:
            out.extend(_cut(line, typical, edges))
    return out


def _cut(line: Line, typical: float, edges: list[int]) -> Iterator[Line]:
    if line.x1 - line.x0 < 1.7 * typical or len(line.glyphs) < 4:
        yield line
        return
    cuts = [
        n
        for n in range(1, len(line.glyphs))
        if round(line.glyphs[n].x0) in edges and line.glyphs[n].x0 >= line.glyphs[n - 1].x1 - 0.5
    ]
    if not cuts:
        yield line
        return
    middle = len(line.glyphs) / 2
    cut = min(cuts, key=lambda n: abs(n - middle))
    yield from _cut(Line(line.glyphs[:cut]), typical, edges)
    yield from _cut(Line(line.glyphs[cut:]), typical, edges)


def body_size(lines: Sequence[Line]) -> float:
    """The page's body size: the font size most characters are set in."""
    weight: dict[float, int] = {}
    for line in lines:
        key = round(line.size, 1)
        weight[key] = weight.get(key, 0) + len(line.glyphs)
    return max(weight, key=lambda k: weight[k]) if weight else 10.0


# --- Page structure ---------------------------------------------------------------------------


def _rows(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines grouped into rows across the page (vertical overlap), top to bottom."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        if rows and line.top < max(ln.bottom for ln in rows[-1]) - 0.2 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _page_lines(lines: list[Line]) -> tuple[list[PageLine], set[int]]:
    """The header and footer rows (at most two at each end of the page), read by shape."""
    rows = _rows(lines)
    found: list[PageLine] = []
    taken: set[int] = set()
    ends = [*rows[:2], *rows[-2:]] if len(rows) > 4 else rows
    for row in ends:
        ordered = sorted(row, key=lambda ln: ln.x0)
        read = page_line(" ".join(ln.text for ln in ordered))
        if read is not None and not any(id(ln) in taken for ln in ordered):
            found.append(read)
            taken.update(id(ln) for ln in ordered)
    return found, taken


def _headlines(lines: list[Line], body: float) -> list[Headline]:
    """Stack headline-size lines into headlines (lines of one headline touch or nearly).

    A letter-spaced title, cut into pieces at its wide gaps, is put back together first.
    """
    big = sorted((ln for ln in lines if ln.size >= HEADLINE_RATIO * body), key=lambda ln: ln.top)
    merged: list[Line] = []
    for line in sorted(big, key=lambda ln: (round(ln.bottom), ln.x0)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and abs(last.bottom - line.bottom) <= 0.25 * line.size
            and 0 <= line.x0 - last.x1 <= 2.5 * line.size
        ):
            last.glyphs = [*last.glyphs, *line.glyphs]
            last.refresh()
        else:
            merged.append(Line(list(line.glyphs)))
    headlines: list[Headline] = []
    for line in sorted(merged, key=lambda ln: ln.top):
        for headline in headlines:
            near = line.top - headline.bottom <= 1.2 * max(line.size, body)
            overlap = line.x0 < headline.x1 and line.x1 > headline.x0
            if near and overlap and line.top >= headline.top:
                headline.lines.append(line)
                headline.__post_init__()
                break
        else:
            headlines.append(Headline([line]))
    return headlines


def _set_reach(headlines: list[Headline], segments: list[Segment], body: float) -> None:
    """Share the page's width among the headlines of each band.

    Between two neighbours the border is the widest gap between the columns that start under
    them (articles stand further apart than columns; of equal gaps, the one nearest half-way
    between the titles): a centred title does not show where its article ends.
    """
    for headline in headlines:
        band = [h for h in headlines if h.top < headline.bottom and h.bottom > headline.top]
        band.sort(key=lambda h: h.x0)
        index = band.index(headline)
        left = _border(band[index - 1], headline, segments, body) if index > 0 else float("-inf")
        right = (
            _border(headline, band[index + 1], segments, body)
            if index + 1 < len(band)
            else float("inf")
        )
        headline.reach = (left, right)


def _border(left: Headline, right: Headline, segments: list[Segment], body: float) -> float:
    """Where the page's width passes from `left`'s article to `right`'s (see `_set_reach`)."""
    bottom = max(left.bottom, right.bottom)
    lo, hi = (left.x0 + left.x1) / 2, (right.x0 + right.x1) / 2
    spans = sorted(
        (s.x0, s.x1)
        for s in segments
        if bottom - body <= s.top <= bottom + 8 * body and s.x1 > lo and s.x0 < hi
    )
    middle = (left.x1 + right.x0) / 2
    gaps: list[tuple[float, float]] = []
    reach = float("-inf")
    for x0, x1 in spans:
        if reach > float("-inf") and x0 > reach and lo < (reach + x0) / 2 < hi:
            gaps.append((x0 - reach, (reach + x0) / 2))
        reach = max(reach, x1)
    if not gaps:
        return middle
    widest = max(width for width, _ in gaps)
    return min(
        (at for width, at in gaps if width >= widest - 0.3 * body), key=lambda at: abs(at - middle)
    )


def _segments(lines: list[Line], body: float) -> list[Segment]:
    """Stack body lines into column segments: each line under the last one of its column."""
    segments: list[Segment] = []
    open_: list[Segment] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        size = max(line.size, body)
        best: Segment | None = None
        offset = 0.0
        for segment in open_:
            last = segment.lines[-1]
            gap = line.top - last.bottom
            # The column's edge is its least indented line of late (a first line is indented).
            recent = segment.lines[-6:]
            left = min(ln.x0 for ln in recent)
            aligned = abs(line.x0 - left) <= (INDENT + 2) * size
            overlaps = line.x0 < max(ln.x1 for ln in recent) and line.x1 > left
            closer = best is None or abs(line.x0 - left) < offset
            if -0.2 * size <= gap <= 1.3 * size and aligned and overlaps and closer:
                best, offset = segment, abs(line.x0 - left)
        if best is None:
            best = Segment()
            segments.append(best)
            open_.append(best)
        best.lines.append(line)
        # Segments whose last line is far above can take no more lines.
        open_ = [s for s in open_ if line.top - s.lines[-1].bottom <= 1.3 * size]
    return segments


def _owner(segment: Segment, headlines: list[Headline]) -> Headline | None:
    """The headline a segment belongs to: in the lowest band of headlines above it, the one
    whose reach holds the segment's middle (a band leaves its reach to its headlines)."""
    above = [h for h in headlines if h.bottom <= segment.top + 0.5]
    if not above:
        return None
    holding = [h for h in above if h.reach[0] <= segment.centre < h.reach[1]]
    candidates = holding or above
    return max(candidates, key=lambda h: (h.bottom, -abs((h.x0 + h.x1) / 2 - segment.centre)))


# --- Articles ---------------------------------------------------------------------------------


@dataclass
class _Article:
    headline: Headline | None
    segments: list[Segment] = field(default_factory=list)


class _Text:
    """The offsets blocks refer to: in the decoded text the glyphs were read from, or for a PDF
    in a text made of the page's lines in reading order."""

    def __init__(self) -> None:
        self.length = 0

    def place(self, lines: Sequence[Line], text: str) -> tuple[int, int]:
        starts = [g.start for line in lines for g in line.glyphs]
        if starts and min(starts) >= 0:
            return min(starts), max(starts) + 1
        start = self.length
        self.length += len(text) + 1
        return start, start + len(text)


def _title(headline: Headline, text: _Text, source: str) -> tuple[str, str | None, Span]:
    """The title, kicker and the title's span: the largest lines are the title; smaller lines
    above it the kicker, below it the subtitle."""
    lines = sorted(headline.lines, key=lambda ln: (ln.top, ln.x0))
    largest = max(ln.size for ln in lines)
    main = [n for n, ln in enumerate(lines) if ln.size >= largest / 1.12]
    first, last = main[0], main[-1]
    kicker = " ".join(ln.text for ln in lines[:first]) or None
    title = join_lines([ln.text for ln in lines[first : last + 1]])
    subtitle = " ".join(ln.text for ln in lines[last + 1 :])
    if subtitle:
        title = f"{title} {subtitle}"
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


def _paragraphs(article: _Article, body: float) -> list[list[Line]]:
    """Cut the article's lines, in reading order, into paragraphs."""
    segments = sorted(article.segments, key=lambda s: (s.x0 // (2 * body), s.top))
    edges = [(s.x0, s.x1) for s in segments]
    # A column of one short line shows neither its edge nor its width: take the article's.
    measure = max((s.x1 - s.x0 for s in segments), default=0.0)
    paragraphs: list[list[Line]] = []
    previous: Line | None = None
    previous_right = 0.0
    for segment in segments:
        # The column's edges: from every segment of the article lying in the same column.
        left = min(a for a, b in edges if a < segment.x1 and b > segment.x0)
        right = max(b for a, b in edges if a < segment.x1 and b > segment.x0)
        right = max(right, left + measure - body)
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
    lines: list[Line], page: PageInfo, source: str, text: _Text
) -> list[RawArticle]:
    """Headlines, column segments, articles, reading order and paragraphs of one page's lines."""
    body = body_size(lines)
    headlines = _headlines(lines, body)
    rest = [ln for ln in lines if ln.size < HEADLINE_RATIO * body]
    articles: dict[int, _Article] = {}
    untitled = _Article(None)
    segments = _segments(rest, body)
    _set_reach(headlines, segments, body)
    for segment in segments:
        owner = _owner(segment, headlines)
        if owner is None:
            untitled.segments.append(segment)
        else:
            articles.setdefault(id(owner), _Article(owner)).segments.append(segment)
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
        for paragraph in _paragraphs(article, body):
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
    glyphs: Sequence[Glyph], number: int, source: str, text: _Text
) -> list[RawArticle]:
    """The articles of one page, with the page's header and footer kept as its metadata."""
    lines = lines_of(glyphs)
    if not lines:
        return []
    found, taken = _page_lines(lines)
    page = page_info(number, found)
    return articles_from_lines([ln for ln in lines if id(ln) not in taken], page, source, text)


def parse_pdf(path: Path, source: str) -> list[RawArticle]:
    """Read a PDF file's pages into raw articles, page by page.

    Raises:
        PdfError: the file is not a whole, readable PDF with a text layer in Unicode.
    """
    pages = read_glyphs(path)
    check_text_layer(path, pages)
    text = _Text()
    articles: list[RawArticle] = []
    for number, glyphs in enumerate(pages, start=1):
        articles.extend(page_articles(glyphs, number, source, text))
    return articles
