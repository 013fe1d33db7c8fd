"""The article list: two lines per article, drawn virtually (Line API) so 24,000 rows scroll."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.actions import Place, bindings
from reader.tui.widgets.cells import fit, right
from reader.tui.widgets.styles import component_style

if TYPE_CHECKING:
    from reader.model import Summary

ROW_HEIGHT = 2
"""Lines per article: the title, then author · region and reading time."""

READING_SPEED = 400
"""Han characters read per minute, for the reading-time column."""


def reading_time(chars: int) -> str:
    """A short reading time such as `3分钟` (at least one minute).

    Args:
        chars: Length of the article in characters.

    Returns:
        The label.
    """
    return f"{max(1, round(chars / READING_SPEED))}分钟"


def page_label(date: str | None, edition: str | None) -> str:
    """The printed page, short: `12月5日 第2版` (either part alone when the other is unknown)."""
    day = ""
    if date:
        _, month, dom = date.split("-")
        day = f"{int(month)}月{int(dom)}日"
    return " ".join(part for part in (day, edition or "") if part)


def _who(summary: Summary) -> str:
    """Author, region and printed page; the source file's name when the article has none.

    A region inferred from the places an article names, not given by a byline, is marked `≈`.
    """
    region = summary.region and ("≈" if summary.region_inferred else "") + summary.region
    parts = (summary.author, region, page_label(summary.date, summary.edition))
    who = " · ".join(part for part in parts if part)
    return who or PurePath(summary.source).stem


class ArticleList(ScrollView, can_focus=True):
    """Articles in two-line rows (title; author · region and reading time), clipped in cells."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--open",
        "article-list--meta",
        "article-list--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.LIST)

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row."""

    class _ArticleMessage(Message):
        """A message about one article of this list."""

        def __init__(self, article_list: ArticleList, article_id: str) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id

        @property
        def control(self) -> ArticleList:
            """The list that posted the message."""
            return self.article_list

    class ArticleHighlighted(_ArticleMessage):
        """The cursor moved onto an article."""

    class ArticleChosen(_ArticleMessage):
        """The user opened an article (Enter or a click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Summary] = []
        self.open_id: str | None = None
        """The article shown in the reading pane, marked in the list."""
        self.empty_text = "Opening the library…"
        """What the list says when it has no rows (loading, building, or nothing matches); a
        newline starts another line."""

    # ------------------------------------------------------------ data

    @property
    def rows(self) -> Sequence[Summary]:
        """The articles listed, in order."""
        return self._rows

    @property
    def highlighted(self) -> Summary | None:
        """The article under the cursor, if any."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[Summary], *, keep: str | None = None) -> None:
        """Replace the rows, keeping the cursor on `keep` (an article id) if it is still listed.

        Args:
            rows: The articles to list.
            keep: The id to keep highlighted; the first row otherwise.
        """
        self._rows = list(rows)
        self.virtual_size = Size(self.size.width, len(self._rows) * ROW_HEIGHT)
        self.cursor = (self.index_of(keep) or 0) if keep else 0
        self.refresh()

    def set_empty_text(self, text: str) -> None:
        """Change the message shown while the list is empty."""
        self.empty_text = text
        self.refresh()

    def index_of(self, article_id: str) -> int | None:
        """Row of an article, or None when it is not listed."""
        # A scan, not a dict: with 24,000 rows a dict costs megabytes; a scan, a millisecond.
        return next((n for n, row in enumerate(self._rows) if row.id == article_id), None)

    def select(self, article_id: str) -> bool:
        """Move the cursor to an article; False when it is not listed."""
        index = self.index_of(article_id)
        if index is None:
            return False
        self.cursor = index
        return True

    def mark_open(self, article_id: str | None) -> None:
        """Mark the article shown in the reading pane."""
        self.open_id = article_id
        self.refresh()

    # ------------------------------------------------------------ reactives

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        summary = self.highlighted
        if summary is not None:
            self.post_message(self.ArticleHighlighted(self, summary.id))

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        first, last = self.cursor * ROW_HEIGHT, (self.cursor + 1) * ROW_HEIGHT
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True, force=True)
        elif last > top + height:
            self.scroll_to(y=last - height, animate=False, immediate=True, force=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows) * ROW_HEIGHT)
        self._scroll_cursor_into_view()

    # ------------------------------------------------------------ actions

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_choose(self) -> None:
        summary = self.highlighted
        if summary is not None:
            self.post_message(self.ArticleChosen(self, summary.id))

    def on_click(self, event: events.Click) -> None:
        row = (event.y + round(self.scroll_y)) // ROW_HEIGHT
        if 0 <= row < len(self._rows):
            self.cursor = row
            self.action_choose()

    # ------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._rows:
            # The message line by line (a newline starts a line), below a blank one.
            lines = self.empty_text.splitlines()
            if 1 <= y <= len(lines):
                text = " " + fit(lines[y - 1], width - 1)
                return Strip([Segment(text, base + self._style("article-list--empty"))], width)
            return Strip.blank(width, base)
        row, part = divmod(y + round(self.scroll_y), ROW_HEIGHT)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        summary = self._rows[row]
        is_open = summary.id == self.open_id
        style = base + self._style("article-list--cursor") if row == self.cursor else base
        marker = Segment("▌" if is_open else " ", style + self._style("article-list--open"))
        if part == 0:
            title_style = style + self._style("article-list--open") if is_open else style
            segments = [marker, Segment(fit(summary.title or "—", width - 2), title_style)]
        else:
            meta = style + self._style("article-list--meta")
            time = reading_time(summary.chars)
            who_width = width - 2 - cell_len(time) - 1
            segments = [
                marker,
                Segment(fit(_who(summary), who_width), meta),
                Segment(right(time, width - 2 - who_width), meta),
            ]
        return Strip(segments).adjust_cell_length(width, style)

    def _style(self, name: str) -> Style:
        return component_style(self, name)
