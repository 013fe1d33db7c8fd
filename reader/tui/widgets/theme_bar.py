"""The theme sidebar: themes with article counts (multi-select), region and author facets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option

from reader.tui.actions import Place, bindings
from reader.tui.widgets.cells import fit, right

ALL = "\x00all"
"""Option id of a facet's "all" entry (cannot clash with a region or author name)."""

NAME_CELLS, COUNT_CELLS = 18, 6
CHOSEN, NOT_CHOSEN = "✓ ", "  "
"""A mark that shows the choice without colour (NO_COLOR, TERM=linux): the check box of a
SelectionList differs from an unchecked one only by its colour."""


def _label(name: str, count: int, chosen: bool = False) -> Content:
    mark = CHOSEN if chosen else NOT_CHOSEN
    text = mark + fit(name, NAME_CELLS - 2) + right(f"{count:,}", COUNT_CELLS)
    return Content(text) if count or chosen else Content.styled(text, "dim")


class ThemeBar(Vertical):
    """Pick themes (articles in all of them), a region and an author; posts `FilterChanged`."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.SIDEBAR)

    class FilterChanged(Message):
        """The selected themes or region changed."""

        def __init__(
            self,
            bar: ThemeBar,
            themes: tuple[str, ...],
            region: str | None,
            author: str | None = None,
        ) -> None:
            super().__init__()
            self.bar = bar
            self.themes = themes
            self.region = region
            self.author = author

        @property
        def control(self) -> ThemeBar:
            """The sidebar that posted the message."""
            return self.bar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._themes: list[str] = []
        self._regions: list[str] = []
        self.chosen_region: str | None = None
        """The chosen region (None: all)."""
        self.chosen_author: str | None = None
        """The chosen author (None: all)."""

    def compose(self) -> ComposeResult:
        yield Label("Themes", classes="theme-bar--heading")
        yield SelectionList[str](id="theme-choices")
        yield Label("Region", classes="theme-bar--heading")
        yield OptionList(id="region-choices")
        yield Label("Author", classes="theme-bar--heading", id="author-heading")
        yield OptionList(id="author-choices")

    @property
    def selected(self) -> tuple[str, ...]:
        """The selected themes, in the sidebar's order."""
        chosen = set(self.query_one("#theme-choices", SelectionList).selected)
        return tuple(name for name in self._themes if name in chosen)

    def set_facets(
        self,
        themes: Sequence[str],
        regions: Sequence[str],
        theme_counts: Mapping[str, int],
        region_counts: Mapping[str, int],
        total: int,
        authors: Sequence[str] = (),
        author_counts: Mapping[str, int] | None = None,
    ) -> None:
        """Fill or refresh the sidebar, keeping the selection.

        Args:
            themes: Every theme's name, in the corpus's order.
            regions: Every region, most articles first.
            theme_counts: Articles per theme within the current filter.
            region_counts: Articles per region within the selected themes and author.
            total: Articles within the selected themes, whatever their region and author.
            authors: Every author named in a byline, most articles first (the author facet is
                hidden when there is none).
            author_counts: Articles per author within the selected themes and region.
        """
        choices = self.query_one("#theme-choices", SelectionList)
        names = list(themes)
        if names != self._themes:
            selected = set(choices.selected)
            self._themes = names
            choices.clear_options()
            choices.add_options(
                [
                    (_label(n, theme_counts.get(n, 0), n in selected), n, n in selected)
                    for n in names
                ]
            )
        else:
            selected = set(choices.selected)
            for index, name in enumerate(names):
                choices.replace_option_prompt_at_index(
                    index, _label(name, theme_counts.get(name, 0), name in selected)
                )
        self._regions = list(regions)
        _fill_facet(
            self.query_one("#region-choices", OptionList),
            "All regions",
            regions,
            region_counts,
            total,
            self.chosen_region,
        )
        author_list = self.query_one("#author-choices", OptionList)
        author_list.display = bool(authors)
        self.query_one("#author-heading", Label).display = bool(authors)
        _fill_facet(
            author_list, "All authors", authors, author_counts or {}, total, self.chosen_author
        )

    def action_clear(self) -> None:
        """Deselect every theme, region and author."""
        self.query_one("#theme-choices", SelectionList).deselect_all()
        self.chosen_region = self.chosen_author = None
        self._changed()

    @on(SelectionList.SelectedChanged, "#theme-choices")
    def _themes_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._changed()

    @on(OptionList.OptionSelected, "#region-choices")
    def _region_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen_region = None if event.option.id in (None, ALL) else event.option.id
        self._changed()

    @on(OptionList.OptionSelected, "#author-choices")
    def _author_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen_author = None if event.option.id in (None, ALL) else event.option.id
        self._changed()

    def _changed(self) -> None:
        self.post_message(
            self.FilterChanged(self, self.selected, self.chosen_region, self.chosen_author)
        )


def _fill_facet(
    options: OptionList,
    all_label: str,
    names: Sequence[str],
    counts: Mapping[str, int],
    total: int,
    chosen: str | None,
) -> None:
    """Refill a one-choice facet list (an "all" entry, then each name with its count), keeping
    the highlighted row."""
    highlighted = options.highlighted
    options.set_options(
        [Option(_label(all_label, total, chosen is None), id=ALL)]
        + [Option(_label(n, counts.get(n, 0), n == chosen), id=n) for n in names]
    )
    if highlighted is not None and highlighted < options.option_count:
        options.highlighted = highlighted
