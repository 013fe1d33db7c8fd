"""The main screen: it owns the library and coordinates the list, reading pane, sidebar and search.

Widgets post messages and know nothing of each other; this screen routes them. Everything slow
(opening or building the library, search, suggestions) runs in thread workers, so the first
frame is painted before any data is read and typing never waits for the database.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer

from reader.config import Settings
from reader.errors import ReaderError
from reader.state import Position, State, save_state
from reader.tui.actions import Place, bindings
from reader.tui.data import Loaded, article_spans, load
from reader.tui.screens.reading_views import ReadingViews
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.search import SearchPanel
from reader.tui.widgets.theme_bar import ThemeBar

if TYPE_CHECKING:
    from reader.facets import Selection
    from reader.model import Hit, Summary
    from reader.store import Library

SEARCH_LIMIT = 50


class MainScreen(ReadingViews):
    """List (or search results) beside the reading pane, with an optional theme sidebar."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.SCREEN)

    def __init__(
        self,
        corpus: Path,
        *,
        article: str | None,
        settings: Settings,
        state: State,
    ) -> None:
        super().__init__(settings)
        self.corpus = corpus
        self.initial_article = article
        self.state = state
        self.library: Library | None = None
        self.all_rows: list[Summary] = []
        self.values: dict[str, list[str]] = {}
        """Each facet's values, in the sidebar's order."""
        self.selection: Selection | None = None
        """What the sidebar chose (None until it chose anything: every article)."""
        self.open_id: str | None = None
        self.hit_query = ""
        """The query whose hits are highlighted in the open article."""
        self._pane: ReadingPane | None = None
        """Kept for `remember` on unmount, when the children are already gone."""

    def compose(self) -> ComposeResult:
        # The sidebar and the search panel are hidden at first: they are mounted after the first
        # frame (see `_after_first_paint`), so styling them does not delay it.
        with Horizontal(id="body"):
            with Vertical(id="browse"):
                yield ArticleList(id="articles")
            yield ReadingPane(self.settings, id="reader")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#articles", ArticleList).border_title = "Articles"
        self._pane = self.query_one("#reader", ReadingPane)
        self._pane.border_title = "阅读"
        self.query_one("#articles").focus()
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        body = self.query_one("#body")
        if not body.is_attached:  # the app quit before its first frame was out
            return
        await body.mount(ThemeBar(id="themes"), before=0)
        await self.query_one("#browse").mount(SearchPanel(id="search"))
        # Only now: the loading thread would otherwise compete for the GIL with the first frame.
        self._load()

    # ------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="library")
    def _load(self) -> None:
        articles = self.query_one("#articles", ArticleList)

        def progress(text: str) -> None:
            self.app.call_from_thread(articles.set_empty_text, text)

        from reader.text.script import Script, preload

        try:
            loaded = load(self.corpus, progress)
            # Here, off the UI thread: the first article is then laid out without waiting for
            # OpenCC's tables.
            preload(Script(self.settings.script))
        except (ReaderError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._loaded, loaded)
        # Then, with the list on screen, the tables `f` needs first (OpenCC holds the GIL for
        # about 0.1 s while it loads them): the key answers at once the first time too, for
        # 28 MB. A failure here is reported by the key itself, when it is pressed.
        with contextlib.suppress(ReaderError):
            preload(Script.TRADITIONAL)

    def _failed(self, message: str) -> None:
        self.query_one("#articles", ArticleList).set_empty_text(
            f"Cannot open the library:\n{message}"
        )
        self.notify(message, title="Cannot open the library", severity="error", timeout=30)

    def _loaded(self, loaded: Loaded) -> None:
        self.library = loaded.library
        self.all_rows = loaded.rows
        self.values = loaded.values
        self._apply_filter()
        wanted = self.initial_article or self.state.last_article
        if self.initial_article is not None or (wanted and self._is_known(wanted)):
            assert wanted is not None
            # Carry on reading where the last session stopped.
            self._open(wanted, position=self.state.positions.get(wanted))
        if self.state.notice:
            self.notify(self.state.notice, severity="warning")
        panel = self.query_one("#search", SearchPanel)
        if self.has_class("-searching") and panel.query_text.strip():
            # Typed before the library was open: answer now.
            self._search(panel.query_text, focus=False)

    def _is_known(self, article_id: str) -> bool:
        return any(row.id == article_id for row in self.all_rows)

    # ------------------------------------------------------------ filtering

    def _apply_filter(self) -> None:
        # Not needed for the first frame, so imported only now.
        from reader.facets import Selection, narrow

        selection = self.selection or Selection()
        articles = self.query_one("#articles", ArticleList)
        rows, counts = narrow(self.all_rows, selection)
        keep = self.open_id if articles.highlighted is None else articles.highlighted.id
        articles.set_rows(rows, keep=keep)
        articles.mark_open(self.open_id)
        articles.set_empty_text("No article matches this filter.\nt, then c, clears it.")
        # Content, not a str: a border title string is markup, and theme names are data.
        articles.border_title = Content(f"{selection.label} · {len(rows):,}")
        self.query_one("#themes", ThemeBar).set_facets(self.values, counts)

    @on(ThemeBar.FilterChanged, "#themes")
    def _filter_changed(self, event: ThemeBar.FilterChanged) -> None:
        self.selection = event.selection
        self._apply_filter()

    # ------------------------------------------------------------ opening articles

    def _open(
        self,
        article_id: str,
        *,
        query: str = "",
        position: Position | None = None,
        focus: bool = True,
    ) -> None:
        if self.library is None:
            return
        try:
            article = self.library.article(article_id)
        except ReaderError as error:
            self.notify(str(error), severity="error")
            return
        self.remember()
        self.open_id = article_id
        self.hit_query = query
        pane = self.query_one("#reader", ReadingPane)
        if position is None and not query:
            position = self.state.positions.get(article_id)
        try:
            find = self.library.highlighter(query) if query.strip() else None
        except ReaderError as error:
            find = None
            self.notify(f"Hits not highlighted: {error}", severity="warning")
        pane.show(article, hits=article_spans(article, find), position=position)
        self._title_pane()
        articles = self.query_one("#articles", ArticleList)
        articles.select(article_id)
        articles.mark_open(article_id)
        self.state = self.state.with_position(article_id, pane.position())
        if focus:
            self.add_class("-reading")
            pane.focus()
        self.refresh_bindings()

    def remember(self) -> None:
        """Record the open article's position and write the state file."""
        if self.open_id is None:
            return
        pane = self._pane
        if pane is not None and pane.article is not None and not pane.show_original:
            self.state = self.state.with_position(self.open_id, pane.position())
        problem = save_state(self.state)
        if problem:
            self.notify(problem, severity="warning")

    def on_unmount(self) -> None:
        self.remember()

    @on(ArticleList.ArticleChosen, "#articles")
    def _article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        self._open(event.article_id)

    @on(SearchPanel.ResultChosen, "#search")
    def _result_chosen(self, event: SearchPanel.ResultChosen) -> None:
        self._open(event.article_id, query=event.query)

    @on(ReadingPane.Scrolled, "#reader")
    def _pane_scrolled(self, event: ReadingPane.Scrolled) -> None:
        pane = event.pane
        parts = []
        from reader.text.script import Script  # loaded by the layout already

        label = Script(pane.settings.script).label
        if label:
            parts.append(label)
        if pane.show_original:
            parts.append("original text")
        if pane.hits:
            current = pane.current_hit + 1 if pane.current_hit >= 0 else 0
            parts.append(f"hit {current}/{len(pane.hits)}")
        if pane.article is not None:
            parts.append(f"{pane.percent}%")
        pane.border_subtitle = " · ".join(parts) or None

    # ------------------------------------------------------------ search

    @on(SearchPanel.QueryEdited, "#search")
    def _query_edited(self, event: SearchPanel.QueryEdited) -> None:
        self._suggest(event.query)
        self._search(event.query, focus=False)

    @on(SearchPanel.QuerySubmitted, "#search")
    def _query_submitted(self, event: SearchPanel.QuerySubmitted) -> None:
        self._search(event.query, focus=True)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, query: str) -> None:
        terms = query.split()
        if self.library is None or not terms or query.endswith(" "):
            words: list[tuple[str, int]] = []
        else:
            try:
                words = self.library.suggest(terms[-1], limit=6)
            except ReaderError:
                words = []  # suggestions are a convenience; the search itself reports errors
            words = [(w, n) for w, n in words if w != terms[-1]]
        self.app.call_from_thread(self.query_one("#search", SearchPanel).show_suggestions, words)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, *, focus: bool) -> None:
        hits: list[Hit] = []
        if self.library is not None and query.strip():
            try:
                within = None
                if self.selection:
                    # Filtered here, where every summary is at hand already.
                    within = {row.id for row in self.all_rows if self.selection.admits(row)}
                hits = self.library.search(query, limit=SEARCH_LIMIT, within=within)
            except ReaderError as error:
                message = f"Search failed: {error}"
                self.app.call_from_thread(self.notify, message, severity="error")
        self.app.call_from_thread(self._show_results, query, hits, focus)

    def _show_results(self, query: str, hits: list[Hit], focus: bool) -> None:
        panel = self.query_one("#search", SearchPanel)
        if self.library is None:
            panel.show_status("Opening the library… results will follow")
            return
        if panel.query_text.strip() != query.strip() and not focus:
            return  # typing went on; a newer search is on its way
        panel.show_results(query, hits, focus=focus, limit=SEARCH_LIMIT)
        if focus and not hits and query.strip():
            self.notify(f"No article contains {query}", severity="warning")

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer (and show in the footer) only the keys that do something right now."""
        if action == "back":
            focused = self.focused
            in_reader = focused is not None and self._inside(focused, "#reader")
            return in_reader or self.has_class("-searching") or self.has_class("-themes")
        if action == "hit":
            return bool(self._pane and self._pane.hits)
        if action in ("original", "step_article", "export"):
            return self.open_id is not None or action == "step_article"
        return True

    def action_search(self) -> None:
        self.add_class("-searching")
        self.remove_class("-reading")
        self.query_one("#search", SearchPanel).focus_input()
        self.refresh_bindings()

    def action_themes(self) -> None:
        if self.has_class("-themes"):
            self.remove_class("-themes")
            self.query_one("#articles").focus()
        else:
            self.add_class("-themes")
            self.remove_class("-searching", "-reading")
            self.query_one("#themes", ThemeBar).focus_first()
        self.refresh_bindings()

    def action_back(self) -> None:
        focused = self.focused
        if self.has_class("-themes") and focused is not None and self._inside(focused, "#themes"):
            self.remove_class("-themes")
            self.query_one("#articles").focus()
        elif focused is not None and self._inside(focused, "#reader"):
            self.remove_class("-reading")
            target = "#search #results" if self.has_class("-searching") else "#articles"
            self.query_one(target).focus()
        elif self.has_class("-searching"):
            self.remove_class("-searching")
            self.query_one("#articles").focus()
        elif self.has_class("-themes"):
            self.remove_class("-themes")
        self.refresh_bindings()

    def _inside(self, widget: object, selector: str) -> bool:
        container = self.query_one(selector)
        node = widget
        while node is not None:
            if node is container:
                return True
            node = getattr(node, "parent", None)
        return False

    def action_step_article(self, step: int) -> None:
        ids = self._sequence()
        if not ids:
            return
        if self.open_id in ids:
            index = ids.index(self.open_id) + step
        else:
            index = 0 if step > 0 else len(ids) - 1
        if not 0 <= index < len(ids):
            self.notify("No next article" if step > 0 else "No previous article", timeout=2)
            return
        query = self.hit_query if self.has_class("-searching") else ""
        self._open(ids[index], query=query, focus=self.focused is self.query_one("#reader"))

    def _sequence(self) -> Sequence[str]:
        """The ids `[` and `]` step through: the search results while searching, else the list."""
        panel = self.query_one("#search", SearchPanel)
        if self.has_class("-searching") and panel.hits:
            return [hit.id for hit in panel.hits]
        return [row.id for row in self.query_one("#articles", ArticleList).rows]

    def action_original(self) -> None:
        pane = self.query_one("#reader", ReadingPane)
        if not pane.toggle_original():
            self.notify("Nothing was repaired in this article: the original is the same", timeout=3)
        else:
            label = "original text (before repair)" if pane.show_original else "repaired text"
            self.notify(f"Showing the {label}", timeout=2)

    def action_hit(self, step: int) -> None:
        # Offered only while the article has hits (see `check_action`).
        self.query_one("#reader", ReadingPane).next_hit(step)
