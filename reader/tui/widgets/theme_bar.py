"""The theme sidebar: themes with article counts (multi-select), a region facet, clear filter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option

from reader.tui.widgets.cells import fit, right

ALL_REGIONS = "\x00all"
"""Option id of the "all regions" entry (cannot clash with a region name)."""

NAME_CELLS, COUNT_CELLS = 18, 6
CHOSEN, NOT_CHOSEN = "✓ ", "  "
"""A mark that shows the choice without colour (NO_COLOR, TERM=linux): the check box of a
SelectionList differs from an unchecked one only by its colour."""


def _label(name: str, count: int, chosen: bool = False) -> Content:
    mark = CHOSEN if chosen else NOT_CHOSEN
    text = mark + fit(name, NAME_CELLS - 2) + right(f"{count:,}", COUNT_CELLS)
    return Content(text) if count or chosen else Content.styled(text, "dim")


class ThemeBar(Vertical):
    """Pick themes (articles in all of them) and a region; posts `FilterChanged`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "clear", "Clear filter", id="themes.clear")
    ]

    class FilterChanged(Message):
        """The selected themes or region changed."""

        def __init__(self, bar: ThemeBar, themes: tuple[str, ...], region: str | None) -> None:
            super().__init__()
            self.bar = bar
            self.themes = themes
            self.region = region

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

    def compose(self) -> ComposeResult:
        yield Label("Themes", classes="theme-bar--heading")
        yield SelectionList[str](id="theme-choices")
        yield Label("Region", classes="theme-bar--heading")
        yield OptionList(id="region-choices")

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
    ) -> None:
        """Fill or refresh the sidebar, keeping the selection.

        Args:
            themes: Every theme's name, in the corpus's order.
            regions: Every region, most articles first.
            theme_counts: Articles per theme within the current filter.
            region_counts: Articles per region within the selected themes.
            total: Articles within the selected themes, whatever their region.
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
        region_list = self.query_one("#region-choices", OptionList)
        highlighted = region_list.highlighted
        self._regions = list(regions)
        region_list.set_options(
            [Option(_label("All regions", total, self.chosen_region is None), id=ALL_REGIONS)]
            + [
                Option(_label(r, region_counts.get(r, 0), r == self.chosen_region), id=r)
                for r in regions
            ]
        )
        if highlighted is not None and highlighted < region_list.option_count:
            region_list.highlighted = highlighted

    def action_clear(self) -> None:
        """Deselect every theme and region."""
        self.query_one("#theme-choices", SelectionList).deselect_all()
        self.chosen_region = None
        self._changed()

    @on(SelectionList.SelectedChanged, "#theme-choices")
    def _themes_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._changed()

    @on(OptionList.OptionSelected, "#region-choices")
    def _region_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        self.chosen_region = None if chosen in (None, ALL_REGIONS) else chosen
        self._changed()

    def _changed(self) -> None:
        self.post_message(self.FilterChanged(self, self.selected, self.chosen_region))
