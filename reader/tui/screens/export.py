"""The export dialog: which format to write the open article in (Enter picks, Esc cancels)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.actions import Place, bindings

CHOICES = (
    ("md", "Markdown", "for notes and wikis"),
    ("txt", "Plain text", "one paragraph a line"),
    ("html", "HTML page", "for a browser"),
)
"""Format, name and what it is good for, in the order offered."""


class ExportDialog(ModalScreen[str | None]):
    """Asks for a format; dismissed with it (`md`, `txt`, `html`) or None."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.EXPORT)

    def __init__(self, title: str, destination: str) -> None:
        """Create the dialog.

        Args:
            title: The article's title (shown as text, never as markup).
            destination: Where the file goes, as the dialog tells it (a directory, or the
                browser's downloads).
        """
        super().__init__()
        self.article_title = title
        self.destination = destination

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body") as body:
            body.border_title = "Export"
            body.border_subtitle = "⏎ export · Esc cancel"
            yield Static(Content(self.article_title), id="export-title")
            yield OptionList(
                *(
                    Option(Content.assemble((f"{name:<11}", "bold"), (use, "$text-muted")), id=fmt)
                    for fmt, name, use in CHOICES
                ),
                id="export-formats",
            )
            yield Static(Content(f"to {self.destination}"), id="export-destination")

    def on_mount(self) -> None:
        formats = self.query_one("#export-formats", OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionSelected, "#export-formats")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    async def action_dismiss(self, result: str | None = None) -> None:
        self.dismiss(result)
