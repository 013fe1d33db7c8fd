"""The Textual application: settings, key map, themes and commands around the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.config import Settings, load_settings
from reader.state import State, load_state
from reader.tui.actions import PALETTE, Place, bindings, keymap_problems, palette_entry, shown_keys
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.reading_views import EXPORT


class ReaderApp(App[int]):
    """Browse, filter, search and read the articles of a corpus."""

    CSS_PATH = "reader.tcss"
    TITLE = "阅读 Yuedu"
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (declared by App without ClassVar)
        (0, "-narrow"),
        (72, "-wide"),
        (120, "-huge"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.APP)

    def __init__(
        self,
        corpus: Path,
        article: str | None = None,
        *,
        settings: Settings | None = None,
        state: State | None = None,
    ) -> None:
        """Create the app.

        Args:
            corpus: The corpus file or directory (its database is built when missing or stale).
            article: Open this article id first (else the last one read).
            settings: User settings (default: read from the config file).
            state: Remembered state (default: read from the state file).
        """
        super().__init__()
        self.corpus = corpus
        self.initial_article = article
        self.settings = settings or load_settings()
        self.saved_state = state or load_state()
        # Over SSH every animation frame is a round trip; nothing here needs to move.
        self.animation_level = "none"

    def on_mount(self) -> None:
        theme = self.settings.textual_theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.notify(
                f"Unknown theme {self.settings.theme!r}; using the default", severity="warning"
            )
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        # Not markup: the messages quote the user's file, and name the `[keymap]` table.
        for problem in self.settings.problems:
            self.notify(
                problem, title="Settings ignored", severity="warning", timeout=8, markup=False
            )
        for problem in keymap_problems(self.settings.keymap):
            self.notify(problem, title="Key map", severity="warning", timeout=8, markup=False)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.corpus,
            article=self.initial_article,
            settings=self.settings,
            state=self.saved_state,
        )

    def action_help(self) -> None:
        """Show every key."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.settings.keymap))

    def action_toggle_dark(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    @on(events.DeliveryComplete)
    def _exported(self, event: events.DeliveryComplete) -> None:
        if event.name != EXPORT:
            return
        where = f"to {event.path}" if event.path else "(your browser downloads it)"
        self.notify(f"Exported {where}", title="Export", timeout=6, markup=False)

    @on(events.DeliveryFailed)
    def _export_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == EXPORT:
            message = f"Export failed: {event.exception}"
            self.notify(message, title="Export", severity="error", timeout=10, markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(main, MainScreen):
            return
        targets = {Place.APP: self, Place.SCREEN: main}
        for row in PALETTE:
            keys = shown_keys(row, self.settings.keymap, self._key_display)
            title, line = palette_entry(row, keys)
            target = targets[row.place]
            yield SystemCommand(title, line, partial(self.run_action, row.action, target))

    def _key_display(self, key: str) -> str:
        return self.get_key_display(Binding(key, ""))
