"""Typeset newspaper pages as PDFs with reportlab's built-in `STSong-Light` CID font (offline).

A page has a header line (date, weekday, 版次, page name, paper) over a rule, two or three
articles in one of three layouts, and sometimes a footer of editors' credits. Each article has a
one-line title spanning its columns (16–24 pt), sometimes a kicker above it and a subtitle under
it in a smaller size, usually a byline under it, and its body set in
3–5 columns of 12–18 characters: paragraphs indented by two characters, lines justified to the
column's width except each paragraph's last, closing marks hanging past the edge rather than
starting a line, no line ending on an opening mark, Latin and digits kept together. The body
is drawn column by column, top to bottom, as a typesetter's PDF is, and runs on from one column
into the next mid-sentence.
"""

from __future__ import annotations

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
LAYOUTS = ("side", "stacked", "top-two")
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


@dataclass
class _Box:
    """Where an article goes: its left edge, top, column count and width in characters."""

    x: float
    top: float
    columns: int
    chars: int


def _draw_article(
    page: canvas.Canvas,
    height: float,
    article: SourceArticle,
    box: _Box,
    size: float,
    gutter: float,
    rng: random.Random,
) -> tuple[float, list[TypesetLine]]:
    """Draw an article in its box.

    Returns:
        The bottom of what was drawn (from the page top), and the body lines drawn.
    """
    measure = box.chars * size
    width = box.columns * measure + (box.columns - 1) * gutter
    title_size = float(rng.randint(16, 24))
    while _width(article.title, title_size) > width and title_size > 12:
        title_size -= 1
    centred = rng.random() < 0.5
    y = box.top
    small = max(1.3 * size, 0.6 * title_size)
    for text, text_size in (
        (article.kicker, small),
        (article.title, title_size),
        (article.subtitle, small),
    ):
        if not text:
            continue
        text_width = _width(text, text_size)
        x = box.x + (width - text_width) / 2 if centred else box.x
        y += text_size + (0.3 * size if y > box.top else 0.0)
        page.setFont(FONT, text_size)
        page.drawString(x, height - y, text)
    y += 0.5 * size
    if article.byline:
        page.setFont(FONT, size)
        y += 1.2 * size
        byline_x = box.x + 2 * size if rng.random() < 0.5 else box.x
        page.drawString(byline_x, height - y, article.byline)
    y += 1.2 * size
    lines = [line for p in article.paragraphs for line in break_lines(p, measure, size)]
    per_column = -(-len(lines) // box.columns)
    pitch = 1.5 * size
    page.setFont(FONT, size)
    drawn: list[TypesetLine] = []
    for number, line in enumerate(lines):
        column, row = divmod(number, per_column)
        left = box.x + column * (measure + gutter)
        baseline = y + row * pitch + size
        text = page.beginText()
        text.setFont(FONT, size)
        start = left + (2 * size if line.indent else 0.0)
        text.setTextOrigin(start, height - baseline)
        # What fills the measure: the line without the marks hanging past its edge.
        body = line.text
        while body[-1] in NO_START and _width(body, size) > measure - (start - left) + 0.01:
            body = body[:-1]
        if not line.last and len(body) > 1:
            slack = measure - (start - left) - _width(body, size)
            text.setCharSpace(max(slack, 0.0) / (len(body) - 1))
        text.textOut(line.text)
        page.drawText(text)
        drawn.append(TypesetLine(column, line.text, start, baseline, line.indent, line.last))
    return y + per_column * pitch, drawn


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

    def put(self, article: SourceArticle, x: float, top: float, columns: int) -> float:
        """Draw an article at `x`, `top` over `columns` columns; return its bottom."""
        box = _Box(x, top, columns, self.chars)
        bottom, lines = _draw_article(
            self.canvas, self.height, article, box, self.size, self.gutter, self.rng
        )
        self.drawn.append(lines)
        return bottom


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
    column_width = chars * size + gutter
    if layout == "side":
        grid = [columns, columns]
        page_columns = 2 * columns
    elif layout == "stacked":
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
    """`count` pages cycling through the layouts and 3–5 columns."""
    return [
        make_page(seed * 100003 + n, LAYOUTS[n % len(LAYOUTS)], 3 + (n // 3) % 3)
        for n in range(count)
    ]
