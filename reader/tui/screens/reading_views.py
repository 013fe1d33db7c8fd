"""What the main screen does to the open article's view: its script (简/繁) and its export.

A base class of `MainScreen`, kept apart so that each file holds one idea: the keys that change
how the article is shown (`f` cycles the script; OpenCC loads off the UI thread) or take it out
of the app (`e` asks a format and delivers the file: written to the export directory in a
terminal, downloaded by the browser under `reader serve`).
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.screen import Screen

from reader.config import Settings
from reader.errors import ReaderError
from reader.tui.widgets.reading_pane import ReadingPane

if TYPE_CHECKING:
    from reader.model import Article
    from reader.text.script import Script

EXPORT = "yuedu-export"
"""The name of the app's file deliveries that are exports (see `ReaderApp`)."""


class ReadingViews(Screen[None]):
    """The script and export actions of the screen that holds the reading pane `#reader`."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.wanted_script = settings.script
        """The script the last key press asked for (shown once its converter is loaded)."""

    # The script and export modules are imported where used, not at the top: they are not
    # needed for the first frame.

    def _title_pane(self) -> None:
        """The open article's title on the pane's border, in the script it is shown in."""
        from reader.text.script import Script, convert

        pane = self.query_one("#reader", ReadingPane)
        if pane.article is not None:
            title = convert(pane.article.title, Script(self.settings.script))
            pane.border_title = Content(title or "阅读")

    def action_script(self) -> None:
        """Show the articles in the next script: the source's, traditional, simplified."""
        from reader.text.script import Script, is_loaded

        order = [Script.SOURCE, Script.TRADITIONAL, Script.SIMPLIFIED]
        wanted = order[(order.index(Script(self.wanted_script)) + 1) % len(order)]
        self.wanted_script = wanted.value
        if is_loaded(wanted):
            self._show_script(wanted)
        else:
            self._load_script(wanted)

    @work(thread=True, exclusive=True, group="script")
    def _load_script(self, script: Script) -> None:
        # OpenCC's tables load on first use (~50 ms): in a thread, so keys are never held up.
        from reader.text.script import preload

        try:
            preload(script)
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._show_script, script)

    def _show_script(self, script: Script) -> None:
        if script.value != self.wanted_script:
            return  # the key was pressed again while the tables loaded
        self.settings = replace(self.settings, script=script.value)
        self.query_one("#reader", ReadingPane).set_settings(self.settings)
        self._title_pane()
        name = script.label or "their own characters (as the source wrote them)"
        self.notify(f"Articles shown in {name}", timeout=2)

    def action_export(self) -> None:
        """Ask for a format, then write the open article as shown (its script, repaired text)."""
        pane = self.query_one("#reader", ReadingPane)
        if pane.article is None:
            return
        from reader.text.script import Script, convert
        from reader.tui.screens.export import ExportDialog

        article, script = pane.article, Script(self.settings.script)
        # Under `reader serve` the file is downloaded by the browser, not written on the server.
        where = "your browser's downloads" if self.app.is_web else str(self.settings.export_path)
        dialog = ExportDialog(convert(article.title, script), where)
        self.app.push_screen(dialog, callback=partial(self._export, article, script))

    def _export(self, article: Article, script: Script, fmt: str | None) -> None:
        if fmt is None:
            return
        from reader.export import MEDIA_TYPES, file_name, render

        text = render([article], fmt, script)
        directory = self.settings.export_path
        if not self.app.is_web:
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                self.notify(f"Cannot export to {directory}: {error}", severity="error")
                return
        self.app.deliver_text(
            io.StringIO(text),
            save_directory=directory,
            save_filename=file_name(article, fmt),
            mime_type=MEDIA_TYPES[fmt],
            encoding="utf-8",
            name=EXPORT,
        )
