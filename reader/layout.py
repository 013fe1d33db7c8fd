"""Article layout for a reading pane: wrapped lines, margins, and offsets mapped both ways.

Why: the reading pane and `reader cat --width` must show the same Chinese-aware line breaks, and
search hits (character spans in a paragraph) must still be highlighted after wrapping. This module
is pure (no Textual): it turns an `Article` and a pane width into `Line`s the UI only has to draw,
and maps (paragraph, character offset) to (line, cell column) and back.

Decisions, so the UI and the CLI agree:

- The text column is `min(width, measure)` cells (the measure defaults to 40 Han characters) and
  is centred when the pane is wider; the kicker, title and byline lines are centred within it.
- The header is: kicker (optional), title (wrapped by the same rules), byline (optional), one
  blank line. Then the paragraphs, with one blank line between paragraphs (the rhythm most
  readers use on screen, and what makes a heading stand out without extra rules).
- `body` paragraphs start with two ideographic spaces (U+3000); `heading` paragraphs have no
  indent and keep kind "heading" so the UI can bold them; `orphan` paragraphs (fragments the
  repair step set aside) are shown inside 〔 〕 with kind "orphan".
- `corner_quotes` swaps “”‘’ for 「」『』 one character for one, so offsets stay valid (an
  apostrophe between Latin letters is left alone).
- `script` shows the text converted to traditional or simplified characters (OpenCC, see
  `reader.text.script`): lines are broken on the converted text, so the clreq rules hold for
  what is shown.
- Paragraph numbers (`para`): 0.. for paragraphs, a `Header` part (`Header.TITLE` …) for the
  lines above them, `NO_PARA` for blank lines. Search spans in the title use `Header.TITLE`.

Offsets are characters. `Line.start`/`end` are offsets in the text as shown (converted to the
script); the offsets that `locate`, `offset_at` and `spans_on_line` take and give are offsets in
the paragraph's stored text (or the title's, byline's, kicker's), so that search hits and reading
positions mean the same characters in every script. The two are the same unless a conversion
changed a text's length; then `Layout.offsets` maps them. Columns and margins are cells.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property, lru_cache
from typing import Literal

from reader.model import Article, Paragraph
from reader.text.linebreak import wrap, wrap_lines
from reader.text.script import OffsetMap, Script, convert_mapped
from reader.text.width import cell_len, offset_at_column


class Header(IntEnum):
    """The parts of an article above its paragraphs, as `Line.para` and span keys name them.

    Negative, so that they never clash with a paragraph's number, and ascending in the order they
    are shown: sorting `para` values gives the header parts first, in reading order, then the
    paragraphs.
    """

    KICKER = -4
    TITLE = -3
    BYLINE = -2


NO_PARA = -1
"""`para` of blank lines."""

INDENT = "\u3000\u3000"
"""The first-line indent of a body paragraph: two ideographic spaces."""

ORPHAN_OPEN = "〔"
ORPHAN_CLOSE = "〕"

LineKind = Literal["kicker", "title", "byline", "blank", "body", "heading", "orphan"]

_CORNER = {"“": "「", "”": "」", "‘": "『", "’": "』"}
_CURLY = re.compile(r"[“”‘]|(?<![A-Za-z])’|’(?![A-Za-z])")


def corner_quotes(text: str) -> str:
    """Swap curly quotes for corner brackets, one character for one.

    Args:
        text: Any text.

    Returns:
        The text with “”‘’ replaced by 「」『』, except an apostrophe between Latin letters.
    """
    if not any(q in text for q in _CORNER):
        return text
    return _CURLY.sub(lambda match: _CORNER[match.group()], text)


@dataclass(frozen=True)
class LayoutOptions:
    """How to lay an article out.

    Attributes:
        width: Cells of the pane.
        measure: Widest text column in cells (80 cells = 40 Han characters).
        strict: clreq strict level: also keep `——` and `……` off the start of a line.
        ambiguous_wide: Measure East Asian ambiguous characters (“ ” … —) as two cells.
        corner_quotes: Show 「」『』 instead of “”‘’.
        indent: Start body paragraphs with two ideographic spaces.
        script: Show the text in its own characters, or converted to simplified or traditional.
    """

    width: int
    measure: int = 80
    strict: bool = False
    ambiguous_wide: bool = False
    corner_quotes: bool = False
    indent: bool = True
    script: Script = Script.SOURCE

    def __post_init__(self) -> None:
        if self.width < 1 or self.measure < 1:
            raise ValueError(f"width and measure must be positive: {self.width}, {self.measure}")

    @property
    def column(self) -> int:
        """Width of the text column in cells."""
        return min(self.width, self.measure)

    @property
    def margin(self) -> int:
        """Left margin in cells that centres the text column in the pane."""
        return (self.width - self.column) // 2


@dataclass(frozen=True)
class Line:
    """One screen line of a laid-out article.

    Attributes:
        text: The visible text (decoration such as the indent or 〔 〕 included, margin not).
        kind: What the line belongs to.
        para: Paragraph index, a `Header` part, or `NO_PARA`.
        start: Offset in the paragraph's text as shown of the first character shown.
        end: Offset just past the last character shown.
        margin: Cells of blank space to draw before `text`.
        lead: Characters at the start of `text` that are decoration, not paragraph text; so
            `text[lead:lead + end - start]` is the shown paragraph's `text[start:end]` (after the
            script conversion and the corner-quote swap).
    """

    text: str
    kind: LineKind
    para: int
    start: int
    end: int
    margin: int = 0
    lead: int = 0


@dataclass(frozen=True)
class Layout:
    """An article laid out for one pane width, with offset mapping both ways.

    Attributes:
        lines: Every line, top to bottom.
        width: The pane width in cells it was laid out for.
        ambiguous_wide: Whether ambiguous characters were measured as two cells.
        offsets: For each paragraph (or `Header` part) whose script conversion changed its
            length, how offsets in its stored text map to offsets in its shown text.
    """

    lines: tuple[Line, ...]
    width: int
    ambiguous_wide: bool = False
    offsets: Mapping[int, OffsetMap] = field(default_factory=dict, hash=False)

    def _shown(self, para: int, offset: int, *, end: bool = False) -> int:
        """A stored-text offset as an offset in the shown text."""
        offsets = self.offsets.get(para)
        return offset if offsets is None else offsets.to_view(offset, end=end)

    def stored_offset(self, para: int, offset: int) -> int:
        """A shown-text offset (such as `Line.start`) as an offset in the stored text.

        Args:
            para: A paragraph index or a `Header` part.
            offset: An offset in that paragraph's text as shown.

        Returns:
            The offset in the paragraph's stored text.
        """
        offsets = self.offsets.get(para)
        return offset if offsets is None else offsets.to_source(offset)

    @cached_property
    def _index(self) -> dict[int, tuple[list[int], list[int]]]:
        """For each paragraph: its line indices and their start offsets."""
        index: dict[int, tuple[list[int], list[int]]] = {}
        for number, line in enumerate(self.lines):
            if line.para == NO_PARA:
                continue
            rows, starts = index.setdefault(line.para, ([], []))
            rows.append(number)
            starts.append(line.start)
        return index

    def lines_of(self, para: int) -> list[int]:
        """Indices of the lines showing a paragraph (or a header part).

        Args:
            para: A paragraph index or a `Header` part.

        Returns:
            The line indices, top to bottom; empty when the paragraph is not shown.
        """
        entry = self._index.get(para)
        return list(entry[0]) if entry else []

    def locate(self, para: int, offset: int) -> tuple[int, int]:
        """Where a character of a paragraph is drawn.

        Args:
            para: A paragraph index or a `Header` part.
            offset: A character offset in that paragraph's stored text (its length means "just
                past the end"). An offset inside spaces dropped at a line break maps to the end
                of that line.

        Returns:
            `(line index, cell column)`, the column counted from the pane's left edge (margin
            included).

        Raises:
            KeyError: When the paragraph is not in the layout.
        """
        rows, starts = self._index[para]
        offset = self._shown(para, offset)
        position = max(bisect_right(starts, offset) - 1, 0)
        line = self.lines[rows[position]]
        offset = min(max(offset, line.start), line.end)
        shown = line.text[: line.lead + offset - line.start]
        return rows[position], line.margin + cell_len(shown, ambiguous_wide=self.ambiguous_wide)

    def offset_at(self, line: int, cell: int) -> tuple[int, int]:
        """Which character of which paragraph is drawn at a screen position.

        Args:
            line: A line index.
            cell: A cell column from the pane's left edge.

        Returns:
            `(para, offset)`, the offset in the stored text; a position on the margin or
            decoration gives the nearest character of the line, one past its text gives the
            line's end offset.
        """
        row = self.lines[line]
        index = offset_at_column(row.text, cell - row.margin, ambiguous_wide=self.ambiguous_wide)
        shown = row.start + min(max(index - row.lead, 0), row.end - row.start)
        return row.para, self.stored_offset(row.para, shown)

    def spans_on_line(
        self, line_index: int, para_spans: dict[int, list[tuple[int, int]]]
    ) -> list[tuple[int, int]]:
        """The parts of a line to highlight, given spans in paragraph offsets.

        Args:
            line_index: A line index.
            para_spans: For some paragraphs (`Header.TITLE` for the title), `(start, end)` character
                spans in that paragraph's stored text, such as search hits.

        Returns:
            `(start, end)` character ranges in `Line.text` (add the margin, and measure with
            `cell_len`, to get screen cells), in the order given; empty when nothing is on it.
        """
        line = self.lines[line_index]
        ranges: list[tuple[int, int]] = []
        for start, end in para_spans.get(line.para, ()):
            start, end = self._shown(line.para, start), self._shown(line.para, end, end=True)
            low, high = max(start, line.start), min(end, line.end)
            if low < high:
                ranges.append((line.lead + low - line.start, line.lead + high - line.start))
        return ranges


@lru_cache(maxsize=8192)
def _wrap_cached(
    text: str, width: int, strict: bool, ambiguous_wide: bool
) -> tuple[tuple[int, int], ...]:
    """Wrap with a cache, so re-laying an article for a width seen before costs lookups only."""
    return tuple(wrap(text, width, strict=strict, ambiguous_wide=ambiguous_wide))


class _Builder:
    """Collects lines for one layout."""

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options
        self.lines: list[Line] = []
        self.offsets: dict[int, OffsetMap] = {}

    def blank(self) -> None:
        self.lines.append(Line("", "blank", NO_PARA, 0, 0, self.options.margin))

    def block(
        self,
        text: str,
        kind: LineKind,
        para: int,
        *,
        prefix: str = "",
        suffix: str = "",
        centre: bool = False,
    ) -> None:
        options = self.options
        if options.script is not Script.SOURCE:
            converted = convert_mapped(text, options.script)
            text = converted.text
            if converted.offsets is not None:
                self.offsets[para] = converted.offsets
        if options.corner_quotes:
            text = corner_quotes(text)
        shown = prefix + text + suffix
        breaks = _wrap_cached(shown, options.column, options.strict, options.ambiguous_wide)
        length = len(text)
        for start, end in breaks:
            visible = shown[start:end]
            margin = options.margin
            if centre:
                visible_cells = cell_len(visible, ambiguous_wide=options.ambiguous_wide)
                margin += max(options.column - visible_cells, 0) // 2
            self.lines.append(
                Line(
                    text=visible,
                    kind=kind,
                    para=para,
                    start=min(max(start - len(prefix), 0), length),
                    end=min(max(end - len(prefix), 0), length),
                    margin=margin,
                    lead=max(min(len(prefix), end) - start, 0),
                )
            )


def _paragraphs(article: Article, original: bool) -> tuple[Paragraph, ...]:
    return article.original if original and article.original else article.paragraphs


def layout_article(article: Article, options: LayoutOptions, *, original: bool = False) -> Layout:
    """Lay an article out for a pane.

    Args:
        article: The article.
        options: Pane width and presentation settings.
        original: Show the text before reading-order repair (when the article has it).

    Returns:
        The layout: header lines, then paragraphs separated by blank lines.
    """
    builder = _Builder(options)
    if article.kicker:
        builder.block(article.kicker, "kicker", Header.KICKER, centre=True)
    builder.block(article.title, "title", Header.TITLE, centre=True)
    if article.byline:
        builder.block(article.byline, "byline", Header.BYLINE, centre=True)
    for number, paragraph in enumerate(_paragraphs(article, original)):
        builder.blank()
        if paragraph.kind == "orphan":
            builder.block(paragraph.text, "orphan", number, prefix=ORPHAN_OPEN, suffix=ORPHAN_CLOSE)
        elif paragraph.kind == "heading":
            builder.block(paragraph.text, "heading", number)
        else:
            prefix = INDENT if options.indent else ""
            builder.block(paragraph.text, "body", number, prefix=prefix)
    return Layout(tuple(builder.lines), options.width, options.ambiguous_wide, builder.offsets)


def format_plain(
    article: Article,
    width: int | None,
    *,
    original: bool = False,
    indent: bool | None = None,
) -> str:
    """The article as plain text, for `reader cat`.

    The contract (DESIGN.md): the title line, the byline line (when the article has one), a blank
    line, then the paragraphs. Without a width each paragraph is one line, exactly its text, so
    the output stays one-paragraph-per-line parsable. With a width every line (title and byline
    too) is wrapped by the clreq line breaker to at most `width` cells, each paragraph starts with
    two ideographic spaces and its continuation lines have none; paragraphs follow each other
    with no blank line between them, the indent marking where each one starts. Headings are
    indented like body paragraphs (the TUI bolds them instead; plain text cannot). Orphan
    fragments are printed on their own line(s) inside 〔 〕, never indented. The kicker is not
    printed (the contract names only title and byline). No centring; every line ends with a
    newline, so the text can be written to stdout as it is.

    Args:
        article: The article.
        width: Wrap to this many cells (at least 1), or None for one paragraph per line.
        original: Print the text before reading-order repair (when the article has it).
        indent: Start paragraphs with two ideographic spaces; by default only with a width.

    Returns:
        The text, each line ended by a newline.

    Raises:
        ValueError: When `width` is less than 1.
    """
    use_indent = width is not None if indent is None else indent
    out: list[str] = []

    def emit(text: str) -> None:
        if width is None:
            out.append(text)
        else:
            out.extend(wrap_lines(text, width))

    emit(article.title)
    if article.byline:
        emit(article.byline)
    out.append("")
    for paragraph in _paragraphs(article, original):
        if paragraph.kind == "orphan":
            emit(ORPHAN_OPEN + paragraph.text + ORPHAN_CLOSE)
        else:
            emit((INDENT if use_indent else "") + paragraph.text)
    return "".join(line + "\n" for line in out)
