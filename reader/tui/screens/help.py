"""The help screen: every key of the app, read from the live bindings (so remapped keys show)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

Section = tuple[str, Sequence[BindingType]]
"""A heading and the bindings listed under it."""

EXTRA_KEYS: Sequence[tuple[str, str]] = (
    ("Tab / Shift+Tab", "Move between panes"),
    ("Ctrl+P", "Command palette"),
    ("mouse", "Click to open, wheel to scroll"),
)


def _binding(item: BindingType) -> Binding | None:
    if isinstance(item, Binding):
        return item
    if isinstance(item, tuple) and len(item) >= 2:
        return Binding(item[0], item[1], item[2] if len(item) > 2 else "")
    return None


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; any of Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")
    ]

    def __init__(self, sections: Iterable[Section], keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.sections = list(sections)
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc to close"
            yield Static(self._table(), id="help-table")

    def _keys(self, binding: Binding) -> str:
        keys = self.keymap.get(binding.id or "", binding.key)
        shown = []
        for key in keys.split(","):
            display = self.app.get_key_display(Binding(key.strip(), ""))
            if display not in shown:
                shown.append(display)
        return " ".join(shown)

    def _table(self) -> Content:
        lines: list[Content] = []
        listed: set[str] = set()
        for heading, bindings in self.sections:
            lines.append(Content.styled(heading, "bold $accent"))
            for item in bindings:
                binding = _binding(item)
                if binding is None or not binding.description or binding.id in listed:
                    continue
                if binding.id:
                    listed.add(binding.id)
                lines.append(
                    Content.assemble(
                        (f"  {self._keys(binding):<16}", "bold"),
                        binding.tooltip or binding.description,
                    )
                )
            lines.append(Content(""))
        lines.append(Content.styled("Everywhere", "bold $accent"))
        for keys, description in EXTRA_KEYS:
            lines.append(Content.assemble((f"  {keys:<16}", "bold"), description))
        return Content("\n").join(lines)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
