"""The help screen: every key of the app, from the action table, as the user has mapped them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
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

    def _table(self) -> Content:
        lines: list[Content] = []
        for heading, rows in help_sections():
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(heading, "bold $accent"))
            for row in rows:
                keys = shown_keys(row, self.keymap, self._display)
                # Padded in cells, not characters: a key column may show 选举 (two cells each).
                padding = " " * max(0, KEYS_CELLS - cell_len(keys))
                lines.append(Content.assemble((f"  {keys}{padding}", "bold"), row.help))
        return Content("\n").join(lines)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
