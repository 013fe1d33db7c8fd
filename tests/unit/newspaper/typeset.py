"""Typeset newspaper pages as PDFs with reportlab's built-in `STSong-Light` CID font (offline).

A page has a header line (date, weekday, 版次, page name, paper) over a rule, two or three
articles in one of four layouts, and sometimes a footer of editors' credits. The layouts: two
articles side by side (`side`), one above the other (`stacked`), one across the top with two
below (`top-two`), and a lead turning a corner (`corner`): its title spans the page, its body
runs down some columns to the foot of the page and along the top of the others, and a second
article stands under it in those (on the right, or mirrored on the left). Each article has a
one-line title spanning its columns (16–24 pt), sometimes a kicker above it and a subtitle under
it in a smaller size, usually a byline under it, and its body set in
3–5 columns of 12–18 characters: paragraphs indented by two characters, lines justified to the
column's width except each paragraph's last, closing marks hanging past the edge rather than
starting a line, no line ending on an opening mark, Latin and digits kept together. The body
is drawn column by column, top to bottom, as a typesetter's PDF is, and runs on from one column
into the next mid-sentence.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import random
import re
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from .articles import TITLES, SentencePool, SourceArticle, make_article

FONT = "STSong-Light"
LAYOUTS = ("side", "stacked", "top-two", "corner")
NO_START = set("，。、；：？！）”’》")
"""Marks no line may start with (clreq): they hang past the column's edge instead."""
NO_END = set("（“‘《")
"""Marks no line may end with: they move to the next line."""
_UNIT = re.compile(r"[A-Za-z0-9.%]+|.", re.S)
"""What is set as one unit: a run of Latin letters and digits, or one character."""
MARGIN = 40.0
WEEKDAYS = "一二三四五六日"
SECTIONS = ["人大之窗", "乡村振兴", "民生视点", "法治天地", "综合新闻", "基层声音"]
PAPERS = ["吕梁日报", "汾水晚报", "黄河时报", "三晋商报"]
EDITORS = ["李娜", "王强", "刘洋", "陈晨", "赵敏", "周涛"]


@dataclass(frozen=True)
class TypesetLine:
    """One body line as it was drawn: its column in the article, its text and where it stands."""

    column: int
    text: str
    x: float
    baseline: float
    """From the top of the page, in points."""
    indent: bool
    last: bool
    """The paragraph's last line."""


@dataclass(frozen=True)
class Truth:
    """What a generated page holds, to compare with what is read back from it."""

    articles: tuple[SourceArticle, ...]
    lines: tuple[tuple[TypesetLine, ...], ...]
    """Each article's body lines in reading order."""
    header: str
    footer: str | None
    layout: str
    columns: int
    date: str
    edition: str
    section: str
    paper: str


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


@dataclass
class _Line:
    text: str
    indent: bool
    last: bool
    """The paragraph's last line: set ragged, not justified."""


def break_lines(paragraph: str, measure: float, size: float) -> list[_Line]:
    """Break a paragraph into lines of at most `measure` points, by the rules above."""
    units = _UNIT.findall(paragraph)
    lines: list[_Line] = []
    current: list[str] = []
    used = 2 * size  # the first line's indent
    index = 0
    while index < len(units):
        unit = units[index]
        width = _width(unit, size)
        if current and used + width > measure + 0.01:
            # One closing mark hangs past the edge; before two (`。”`), the last character
            # goes down with them instead, so that no line starts with a closing mark.
            if unit in NO_START:
                if index + 1 < len(units) and units[index + 1] in NO_START and len(current) > 1:
                    current.pop()
                    index -= 1
                else:
                    current.append(unit)
                    index += 1
            # No line ends on an opening mark: it goes down with what follows it.
            while len(current) > 1 and current[-1] in NO_END:
                index -= 1
                current.pop()
            lines.append(_Line("".join(current), not lines, False))
            current, used = [], 0.0
            continue
        current.append(unit)
        used += width
        index += 1
    if current:
        lines.append(_Line("".join(current), not lines, True))
    if lines:
        lines[-1].last = True
    return lines


@dataclass(frozen=True)
class _Slot:
    """Room for body lines: a column's left edge, its first line's top and how many lines."""

    x: float
    top: float
    rows: int


@dataclass
class _Sheet:
    """A page being drawn, with what its articles share and the body lines drawn so far."""

    canvas: canvas.Canvas
    height: float
    size: float
    gutter: float
    chars: int
    rng: random.Random
    drawn: list[list[TypesetLine]] = field(default_factory=list)

    @property
    def measure(self) -> float:
        return self.chars * self.size

    @property
    def pitch(self) -> float:
        return 1.5 * self.size

    def span(self, columns: int) -> float:
        """The width of `columns` columns and the gutters between them."""
        return columns * self.measure + (columns - 1) * self.gutter

    def column_x(self, x: float, column: int) -> float:
        return x + column * (self.measure + self.gutter)

    def lines(self, article: SourceArticle) -> list[_Line]:
        return [
            line for p in article.paragraphs for line in break_lines(p, self.measure, self.size)
        ]

    def heading(self, article: SourceArticle, x: float, top: float, columns: int) -> _Heading:
        """Choose how an article's heading is set over `columns` columns (not drawn yet)."""
        width = self.span(columns)
        title_size = float(self.rng.randint(16, 24))
        while _width(article.title, title_size) > width and title_size > 12:
            title_size -= 1
        centred = self.rng.random() < 0.5
        indent = bool(article.byline) and self.rng.random() < 0.5
        return _Heading(article, x, top, width, title_size, centred, indent, self.size)

    def body(self, lines: list[_Line], slots: list[_Slot]) -> list[TypesetLine]:
        """Draw body lines into the slots in turn, each filled before the next."""
        size, measure, page = self.size, self.measure, self.canvas
        drawn: list[TypesetLine] = []
        page.setFont(FONT, size)
        queue = iter(lines)
        for column, slot in enumerate(slots):
            for row, line in zip(range(slot.rows), queue, strict=False):
                baseline = slot.top + row * self.pitch + size
                text = page.beginText()
                text.setFont(FONT, size)
                start = slot.x + (2 * size if line.indent else 0.0)
                text.setTextOrigin(start, self.height - baseline)
                # What fills the measure: the line without the marks hanging past its edge.
                body = line.text
                while (
                    body[-1] in NO_START and _width(body, size) > measure - (start - slot.x) + 0.01
                ):
                    body = body[:-1]
                if not line.last and len(body) > 1:
                    slack = measure - (start - slot.x) - _width(body, size)
                    text.setCharSpace(max(slack, 0.0) / (len(body) - 1))
                text.textOut(line.text)
                page.drawText(text)
                drawn.append(
                    TypesetLine(column, line.text, start, baseline, line.indent, line.last)
                )
        assert len(drawn) == len(lines), "the slots hold fewer lines than the article"
        return drawn

    def put(self, article: SourceArticle, x: float, top: float, columns: int) -> float:
        """Draw an article at `x`, `top` over `columns` balanced columns; return its bottom."""
        start = self.heading(article, x, top, columns).draw(self.canvas, self.height)
        return self.put_body(self.lines(article), x, start, columns)

    def put_body(self, lines: list[_Line], x: float, top: float, columns: int) -> float:
        """Draw body lines in balanced columns from `x`, `top`; return their bottom."""
        rows = -(-len(lines) // columns)
        slots = [_Slot(self.column_x(x, n), top, rows) for n in range(columns)]
        self.drawn.append(self.body(lines, slots))
        return top + rows * self.pitch

    def put_corner(
        self, lead: SourceArticle, second: SourceArticle, columns: int, full: int, mirror: bool
    ) -> float:
        """An L-shaped lead: its title over all `columns` columns, its body down `full` of them
        to the foot of the page and along the top of the others, under which `second` stands.

        Unmirrored, the full columns are on the left and the lead reads down them, then along
        the short columns on the right; mirrored, it reads along the short columns on the
        left, then down the full columns on the right. Either way the lead's text runs from
        column to column left to right, as a reader follows it.
        """
        start = self.heading(lead, MARGIN, MARGIN + 24, columns).draw(self.canvas, self.height)
        short = columns - full
        first_short = 0 if mirror else full
        second_x = self.column_x(MARGIN, first_short)
        lead_lines, second_lines = self.lines(lead), self.lines(second)
        second_rows = -(-len(second_lines) // short)
        # The second article's heading is chosen now, drawn once its top is known.
        heading = self.heading(second, second_x, 0.0, short)
        rows = -(-len(lead_lines) // columns)
        while True:
            above = max(2, -(-(len(lead_lines) - full * rows) // short))
            rows = max(rows, -(-(len(lead_lines) - short * above) // full))
            second_bottom = (above * self.pitch + 2 * self.size) + heading.height
            if rows * self.pitch >= second_bottom + second_rows * self.pitch - self.pitch:
                break
            rows += 1
        full_slots = [
            _Slot(self.column_x(MARGIN, n), start, rows)
            for n in range(columns)
            if not first_short <= n < first_short + short
        ]
        short_slots = [
            _Slot(self.column_x(MARGIN, first_short + n), start, above) for n in range(short)
        ]
        slots = short_slots + full_slots if mirror else full_slots + short_slots
        drawn = self.body(lead_lines, slots)
        assert {line.column for line in drawn} == set(range(columns)), "the lead left a column"
        self.drawn.append(drawn)
        rule = start + above * self.pitch + self.size
        width = self.span(short)
        self.canvas.line(second_x, self.height - rule, second_x + width, self.height - rule)
        heading.top = rule + self.size
        second_start = heading.draw(self.canvas, self.height)
        bottom = self.put_body(second_lines, second_x, second_start, short)
        return max(start + rows * self.pitch, bottom)


@dataclass
class _Heading:
    """An article's kicker, title, subtitle and byline, as they are to be set."""

    article: SourceArticle
    x: float
    top: float
    width: float
    title_size: float
    centred: bool
    indent: bool
    """The byline starts two characters in."""
    size: float

    def _rows(self) -> list[tuple[str, float]]:
        small = max(1.3 * self.size, 0.6 * self.title_size)
        rows = [
            (self.article.kicker, small),
            (self.article.title, self.title_size),
            (self.article.subtitle, small),
        ]
        return [(text, size) for text, size in rows if text]

    @property
    def height(self) -> float:
        """From the heading's top to the body's first line."""
        rows = self._rows()
        height = sum(size for _, size in rows) + 0.3 * self.size * (len(rows) - 1)
        height += 0.5 * self.size + (1.2 * self.size if self.article.byline else 0.0)
        return height + 1.2 * self.size

    def draw(self, page: canvas.Canvas, height: float) -> float:
        """Draw the heading; return where the body's first line starts (from the page top)."""
        y = self.top
        for text, text_size in self._rows():
            text_width = _width(text, text_size)
            x = self.x + (self.width - text_width) / 2 if self.centred else self.x
            y += text_size + (0.3 * self.size if y > self.top else 0.0)
            page.setFont(FONT, text_size)
            page.drawString(x, height - y, text)
        y += 0.5 * self.size
        if self.article.byline:
            page.setFont(FONT, self.size)
            y += 1.2 * self.size
            page.drawString(
                self.x + (2 * self.size if self.indent else 0.0), height - y, self.article.byline
            )
        return y + 1.2 * self.size


CORNER_HEADING = 8
"""Rows (of body lines) a heading over the second article may take, at most."""


def _corner_lengths(
    rng: random.Random,
    pool: SentencePool,
    lead: SourceArticle,
    second: SourceArticle,
    columns: int,
    full: int,
    measure: float,
    size: float,
) -> tuple[SourceArticle, SourceArticle]:
    """A lead long enough to run down `full` columns beside the second article and along two
    lines at least of every other column: the second article loses paragraphs from its end,
    the lead gains paragraphs, until it is."""

    def count(article: SourceArticle) -> int:
        return sum(len(break_lines(p, measure, size)) for p in article.paragraphs)

    short = columns - full
    while True:
        beside = CORNER_HEADING + -(-count(second) // short)
        if count(lead) >= full * beside + 2 * columns:
            return lead, second
        if len(second.paragraphs) > 1:
            second = dataclasses.replace(second, paragraphs=second.paragraphs[:-1])
            continue
        more = make_article(rng, pool, title=lead.title, lede=False).paragraphs
        if not more:
            return lead, second
        lead = dataclasses.replace(lead, paragraphs=lead.paragraphs + more)


def make_page(
    seed: int, layout: str | None = None, columns: int | None = None
) -> tuple[bytes, Truth]:
    """Typeset one page; the same arguments always give the same bytes."""
    _register()
    rng = random.Random(seed)
    layout = layout or rng.choice(LAYOUTS)
    columns = columns or rng.randint(3, 5)
    size = rng.choice([9.0, 9.5, 10.0])
    gutter = rng.choice([1.5, 2.0]) * size
    chars = rng.randint(12, 18)
    count = 3 if layout == "top-two" else 2
    titles = rng.sample(TITLES, count)
    pool = SentencePool(rng)
    articles = [make_article(rng, pool, title=title) for title in titles]
    full, mirror = 0, False
    if layout == "corner":
        full, mirror = rng.randint(1, columns - 2), rng.random() < 0.5
        articles[0], articles[1] = _corner_lengths(
            rng, pool, articles[0], articles[1], columns, full, chars * size, size
        )
    column_width = chars * size + gutter
    if layout == "side":
        grid = [columns, columns]
        page_columns = 2 * columns
    elif layout in ("stacked", "corner"):
        grid = [columns, columns]
        page_columns = columns
    else:
        grid = [2 * columns, columns, columns]
        page_columns = 2 * columns
    width = 2 * MARGIN + page_columns * column_width - gutter + (size if layout == "side" else 0)
    height = 2400.0  # trimmed below to what was drawn
    year, month, day = 2026, rng.randint(1, 12), rng.randint(1, 28)
    weekday = WEEKDAYS[datetime.date(year, month, day).weekday()]
    edition = f"第{rng.randint(1, 8)}版"
    section, paper = rng.choice(SECTIONS), rng.choice(PAPERS)
    left_part = f"{year}年{month}月{day}日 星期{weekday}"
    right_part = f"{edition} {section}" + (f" {paper}" if rng.random() < 0.6 else "")
    header = f"{left_part} {right_part}"
    footer = (
        f"责任编辑：{rng.choice(EDITORS)} 版式：{rng.choice(EDITORS)}"
        if rng.random() < 0.5
        else None
    )
    # Draw twice: first to measure the page's height, then for real on a page of that height.
    for final in (False, True):
        out = io.BytesIO()
        page = canvas.Canvas(out, pagesize=(width, height), invariant=1)
        page.setFont(FONT, 9)
        page.drawString(MARGIN, height - MARGIN, left_part)
        page.drawRightString(width - MARGIN, height - MARGIN, right_part)
        page.line(MARGIN, height - MARGIN - 6, width - MARGIN, height - MARGIN - 6)
        top = MARGIN + 24
        sheet = _Sheet(page, height, size, gutter, chars, random.Random(seed * 7919 + 1))
        if layout == "side":
            a = sheet.put(articles[0], MARGIN, top, grid[0])
            second_x = MARGIN + grid[0] * column_width + size
            bottom = max(a, sheet.put(articles[1], second_x, top, grid[1]))
        elif layout == "stacked":
            a = sheet.put(articles[0], MARGIN, top, grid[0])
            page.line(MARGIN, height - a - size, width - MARGIN, height - a - size)
            bottom = sheet.put(articles[1], MARGIN, a + 2 * size, grid[1])
        elif layout == "corner":
            bottom = sheet.put_corner(articles[0], articles[1], columns, full, mirror)
        else:
            below = sheet.put(articles[0], MARGIN, top, grid[0]) + 2 * size
            b = sheet.put(articles[1], MARGIN, below, grid[1])
            second_x = MARGIN + grid[1] * column_width
            bottom = max(b, sheet.put(articles[2], second_x, below, grid[2]))
        if footer:
            page.setFont(FONT, 9)
            page.drawString(MARGIN, height - bottom - 3 * size, footer)
            bottom += 3 * size
        if not final:
            height = bottom + MARGIN + 10
            continue
        page.showPage()
        page.save()
    truth = Truth(
        articles=tuple(articles),
        lines=tuple(tuple(lines) for lines in sheet.drawn),
        header=header,
        footer=footer,
        layout=layout,
        columns=columns,
        date=f"{year}-{month:02d}-{day:02d}",
        edition=edition,
        section=section,
        paper=paper,
    )
    return out.getvalue(), truth


def make_pages(count: int, seed: int = 0) -> list[tuple[bytes, Truth]]:
    """`count` pages cycling through every layout with 3, 4 and 5 columns (each pairing once
    in every `3 * len(LAYOUTS)` pages)."""
    return [
        make_page(seed * 100003 + n, LAYOUTS[n % len(LAYOUTS)], 3 + (n // len(LAYOUTS)) % 3)
        for n in range(count)
    ]
