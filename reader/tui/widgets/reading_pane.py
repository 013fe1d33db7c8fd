"""The reading pane: an article laid out by `reader.layout`, drawn line by line (Line API).

Lines are drawn exactly as the layout made them (no re-wrapping by Textual), so the clreq line
breaks hold; the layout is redone when the pane's width changes, keeping the reading position.
Search hits are character spans in paragraph text, keyed by paragraph (a `reader.layout.Header`
part for the title or byline), and are highlighted wherever they fall after wrapping.

The text can be shown converted to traditional or simplified characters (`Settings.script`); hits
and reading positions stay offsets in the stored text, which the layout maps to what is drawn,
so switching the script keeps the place and the highlighted hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.config import Settings
from reader.state import Position
from reader.tui.actions import Place, bindings
from reader.tui.widgets.cells import fit
from reader.tui.widgets.styles import component_style

if TYPE_CHECKING:
    from reader.layout import Layout
    from reader.model import Article

HitSpans = dict[int, list[tuple[int, int]]]
"""Search hits: for each paragraph (or `Header` part), `(start, end)` character spans."""


TOP = Position(-1)
"""The top of an article (a negative paragraph is the header)."""


@dataclass(frozen=True)
class Hit:
    """One highlighted occurrence: paragraph and character span."""

    para: int
    start: int
    end: int


class ReadingPane(ScrollView, can_focus=True):
    """Shows one article; `j`/`k`, `space`/`b`, `g`/`G` scroll, `o` toggles the original text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-pane--title",
        "reading-pane--kicker",
        "reading-pane--byline",
        "reading-pane--heading",
        "reading-pane--orphan",
        "reading-pane--hit",
        "reading-pane--current-hit",
        "reading-pane--placeholder",
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.PANE)

    show_original: reactive[bool] = reactive(False)
    """Whether the text before reading-order repair is shown."""

    current_hit: reactive[int] = reactive(-1, always_update=True)
    """Index into `hits` of the highlighted hit (-1: none)."""

    class Scrolled(Message):
        """The visible position changed (for the position indicator and remembered state)."""

        def __init__(self, pane: ReadingPane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> ReadingPane:
            """The pane that posted the message."""
            return self.pane

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.settings = settings or Settings()
        """Measure, line breaking and quote settings for the layout."""
        self.article: Article | None = None
        self.article_layout: Layout | None = None
        self.hits: list[Hit] = []
        self._spans: HitSpans = {}
        self._pending: Position | int | None = None
        """Where to scroll once the pane has a size: a position, or the index of a hit."""
        self.placeholder = "Choose an article and press Enter."
        """What the pane says when no article is open."""

    # ------------------------------------------------------------ content

    def show(
        self,
        article: Article,
        *,
        hits: HitSpans | None = None,
        position: Position | None = None,
    ) -> None:
        """Open an article, at a remembered position or at its first hit.

        Args:
            article: The article.
            hits: Search hits to highlight (the pane scrolls to the first one).
            position: Where to start reading when there are no hits.
        """
        self.article = article
        self.set_reactive(ReadingPane.show_original, False)
        self._set_hits(hits or {})
        self.set_reactive(ReadingPane.current_hit, -1)
        self._pending = 0 if self.hits else (position or TOP)
        self._relayout()
        self._apply_pending()
        self.refresh()
        self.post_message(self.Scrolled(self))

    def _apply_pending(self) -> None:
        """Scroll to the pending place, unless the pane is hidden (then wait for a size)."""
        if self.article_layout is None or self._pending is None:
            return
        pending, self._pending = self._pending, None
        if isinstance(pending, Position):
            self._scroll_to_position(pending)
        else:
            self.current_hit = pending

    def _set_hits(self, hits: HitSpans) -> None:
        self._spans = {para: sorted(spans) for para, spans in hits.items() if spans}
        self.hits = [
            Hit(para, start, end)
            # Header parts sort before paragraphs, in the order they are shown (see `Header`).
            for para in sorted(self._spans)
            for start, end in self._spans[para]
        ]

    def set_settings(self, settings: Settings) -> None:
        """Change layout settings (measure, quotes, line breaking, script) and lay out again,
        keeping the reading position and the highlighted hit."""
        self.settings = settings
        if self.article is not None:
            position, top = self.position(), self.scroll_y
            self._relayout()
            # Where the lines did not move (a script switch that kept every length), the screen
            # stays still; else the position's line comes to the top.
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
            if self.position() != position:
                self._scroll_to_position(position)
            self.post_message(self.Scrolled(self))
        self.refresh()

    @property
    def has_original(self) -> bool:
        """Whether the open article has a text before repair that differs from the shown one."""
        return self.article is not None and bool(self.article.original)

    # ------------------------------------------------------------ position

    def position(self) -> Position:
        """The reading position: the paragraph and offset of the first visible line."""
        if isinstance(self._pending, Position):
            return self._pending
        if self.article_layout is None or not self.article_layout.lines:
            return Position(0)
        top = min(round(self.scroll_y), len(self.article_layout.lines) - 1)
        layout = self.article_layout
        for line in layout.lines[top:]:
            if line.para >= 0:
                return Position(line.para, layout.stored_offset(line.para, line.start))
        return Position(0)

    @property
    def percent(self) -> int:
        """How far through the article the bottom of the view is, 0–100."""
        if self.article_layout is None or not self.article_layout.lines:
            return 0
        total = len(self.article_layout.lines)
        bottom = min(round(self.scroll_y) + self.scrollable_content_region.height, total)
        return round(100 * bottom / total)

    def _scroll_to_position(self, position: Position) -> None:
        if self.article_layout is None:
            return
        if position.para < 0 or position == Position(0, 0):
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
            return
        try:
            line, _ = self.article_layout.locate(position.para, position.offset)
        except KeyError:
            line = 0
        # The blank line before a paragraph stays visible, so the paragraph reads as one.
        self.scroll_to(
            y=max(line - 1, 0) if position.offset == 0 else line,
            animate=False,
            immediate=True,
            force=True,
        )

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if self.article is None or width <= 0 or self.scrollable_content_region.height <= 0:
            # Hidden (a narrow layout shows one pane at a time): lay out once it is shown.
            if self.article is not None and self._pending is None:
                self._pending = self.position()
            self.article_layout = None
            return
        # Imported here, not at the top: the layout code is not needed for the first frame.
        from reader.layout import LayoutOptions, layout_article
        from reader.text.script import Script

        settings = self.settings
        options = LayoutOptions(
            width=width,
            measure=settings.measure * 2,
            strict=settings.strict,
            ambiguous_wide=settings.ambiguous_wide,
            corner_quotes=settings.corner_quotes,
            script=Script(settings.script),
        )
        self.article_layout = layout_article(self.article, options, original=self.show_original)
        self.virtual_size = Size(width, len(self.article_layout.lines))

    def on_resize(self, event: events.Resize) -> None:
        if self.article is None:
            return
        if self._pending is None:
            self._pending = self.position()
        self._relayout()
        self._apply_pending()
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if round(old) != round(new):
            self.post_message(self.Scrolled(self))

    # ------------------------------------------------------------ actions

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True, force=True)

    def action_page(self, direction: int) -> None:
        step = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(
            y=self.scroll_y + direction * step, animate=False, immediate=True, force=True
        )

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)

    def toggle_original(self) -> bool:
        """Switch between the repaired and the original text; False when they are the same."""
        if not self.has_original:
            return False
        self.show_original = not self.show_original
        return True

    def watch_show_original(self) -> None:
        if self.article is None:
            return
        # Paragraph numbers differ between the two texts, so hits and position start afresh.
        self.hits = []
        self._spans = {}
        self.set_reactive(ReadingPane.current_hit, -1)
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()
        self.post_message(self.Scrolled(self))

    def next_hit(self, step: int = 1) -> bool:
        """Move to the next (step 1) or previous (step -1) hit, wrapping round.

        Returns:
            False when there are no hits.
        """
        if not self.hits:
            return False
        if self.current_hit < 0:
            self.current_hit = 0 if step > 0 else len(self.hits) - 1
        else:
            self.current_hit = (self.current_hit + step) % len(self.hits)
        return True

    def watch_current_hit(self, index: int) -> None:
        if self.article_layout is None or not 0 <= index < len(self.hits):
            return
        hit = self.hits[index]
        try:
            line, _ = self.article_layout.locate(hit.para, hit.start)
        except KeyError:
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not top <= line < top + height or self.current_hit == 0:
            # A third of the way down, so the context before the hit is visible too.
            self.scroll_to(
                y=max(line - max(height // 3, 1), 0), animate=False, immediate=True, force=True
            )
        self.refresh()
        self.post_message(self.Scrolled(self))

    # ------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.article_layout is None:
            if y == 1:
                text = fit("  " + self.placeholder, width)
                return Strip([Segment(text, base + self._style("reading-pane--placeholder"))])
            return Strip.blank(width, base)
        index = y + round(self.scroll_y)
        if index >= len(self.article_layout.lines):
            return Strip.blank(width, base)
        line = self.article_layout.lines[index]
        style = base
        if line.kind in ("title", "kicker", "byline", "heading", "orphan"):
            style = base + self._style(f"reading-pane--{line.kind}")
        segments = [Segment(" " * line.margin, base)]
        ranges = self.article_layout.spans_on_line(index, self._spans)
        current = self._current_range(index)
        cut = 0
        for start, end in sorted(ranges):
            start = max(start, cut)
            if start >= end:
                continue
            segments.append(Segment(line.text[cut:start], style))
            hit_style = "reading-pane--current-hit" if (start, end) == current else ""
            hit_style = hit_style or "reading-pane--hit"
            segments.append(Segment(line.text[start:end], style + self._style(hit_style)))
            cut = end
        segments.append(Segment(line.text[cut:], style))
        return Strip(segments).crop_extend(0, width, base)

    def _current_range(self, index: int) -> tuple[int, int] | None:
        if self.article_layout is None or not 0 <= self.current_hit < len(self.hits):
            return None
        hit = self.hits[self.current_hit]
        ranges = self.article_layout.spans_on_line(index, {hit.para: [(hit.start, hit.end)]})
        return ranges[0] if ranges else None

    def _style(self, name: str) -> Style:
        return component_style(self, name)
