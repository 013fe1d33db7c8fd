"""The help screen: every key of the app, from the action table, as the user has mapped them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.actions import Place, bindings, help_sections, shown_keys

KEYS_CELLS = 16
"""Width of the keys column."""


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; any of Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.HELP)

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        """Create the screen.

        Args:
            keymap: The user's keymap (binding id → keys), so that remapped keys are shown.
        """
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc to close"
            yield Static(self._table(), id="help-table")

    def _display(self, key: str) -> str:
        return self.app.get_key_display(Binding(key, ""))

    def _table(self) -> Table:
        # A grid, so that a description too long for the line wraps under itself, not under
        # the keys; the keys column is padded in cells (a key may show 选举, two cells each).
        accent = self.app.get_css_variables().get("accent", "")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, min_width=KEYS_CELLS)
        grid.add_column(overflow="fold")
        for heading, rows in help_sections():
            if grid.rows:
                grid.add_row("", "")
            grid.add_row(Text(heading, style=f"bold {accent}".strip()), "")
            for row in rows:
                keys = shown_keys(row, self.keymap, self._display)
                grid.add_row(Text(f"  {keys}", style="bold"), Text(row.help))
        return grid

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
