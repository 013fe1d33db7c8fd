"""The sidebar: one section per facet (`reader.facets`), each value with the articles it leaves.

A facet of several choices (themes: articles in all of them) is a `SelectionList`; a facet of one
choice (region, author, date, page) an `OptionList` whose first entry clears the choice. The bar
keeps the `Selection` and posts `FilterChanged`; it knows nothing of what the screen does with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

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

if TYPE_CHECKING:
    from reader.facets import Counts, Facet, Selection

ALL = "\x00all"
"""Option id of a one-choice facet's "all" entry (cannot clash with a value)."""

NAME_CELLS, COUNT_CELLS = 18, 6
CHOSEN, NOT_CHOSEN = "✓ ", "  "
"""A mark that shows the choice without colour (NO_COLOR, TERM=linux): the check box of a
SelectionList differs from an unchecked one only by its colour."""

CHOICES = "-choices"
"""A facet's list is `#<facet name>-choices` (`#theme-choices` …), its heading `#<name>-heading`."""


def _label(name: str, count: int, chosen: bool = False) -> Content:
    mark = CHOSEN if chosen else NOT_CHOSEN
    text = mark + fit(name, NAME_CELLS - 2) + right(f"{count:,}", COUNT_CELLS)
    return Content(text) if count or chosen else Content.styled(text, "dim")


class ThemeBar(Vertical):
    """Pick values of each facet; posts `FilterChanged` with the whole selection."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.SIDEBAR)

    class FilterChanged(Message):
        """The selection changed."""

        def __init__(self, bar: ThemeBar, selection: Selection) -> None:
            super().__init__()
            self.bar = bar
            self.selection = selection

        @property
        def control(self) -> ThemeBar:
            """The sidebar that posted the message."""
            return self.bar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # The facets are imported here, not at the top: the sidebar is made after the first
        # frame, which should not wait for them.
        from reader.facets import Selection

        super().__init__(id=id, classes=classes)
        self.selection = Selection()
        """What is chosen in every facet."""
        self._listed: dict[str, list[str]] = {}
        """Each several-choice facet's values, in the order its list shows them."""

    def compose(self) -> ComposeResult:
        from reader.facets import FACETS

        for facet in FACETS:
            yield Label(facet.label, classes="theme-bar--heading", id=f"{facet.name}-heading")
            if facet.multiple:
                yield SelectionList[str](id=facet.name + CHOICES, classes="facet-several")
            else:
                yield OptionList(id=facet.name + CHOICES, classes="facet-one")

    def set_facets(self, values: Mapping[str, Sequence[str]], counts: Mapping[str, Counts]) -> None:
        """Fill or refresh every section, keeping the selection and the highlighted rows.

        Args:
            values: Each facet's values, in the order to list them (`reader.facets.listing`).
            counts: Each facet's counts within the selection (`reader.facets.narrow`).
        """
        from reader.facets import FACETS, Counts

        for facet in FACETS:
            names = list(values.get(facet.name, ()))
            shown = bool(names) or not facet.optional
            self.query_one(f"#{facet.name}-heading", Label).display = shown
            choices = self.query_one(f"#{facet.name}{CHOICES}")
            choices.display = shown
            found = counts.get(facet.name) or Counts(Counter(), 0)
            if isinstance(choices, SelectionList):
                self._fill_several(facet, choices, names, found)
            elif isinstance(choices, OptionList):
                self._fill_one(facet, choices, names, found)

    def _fill_several(
        self, facet: Facet, choices: SelectionList[str], names: list[str], counts: Counts
    ) -> None:
        selected = set(choices.selected)
        if names != self._listed.get(facet.name):
            self._listed[facet.name] = names
            choices.clear_options()
            choices.add_options(
                [(_label(n, counts.values[n], n in selected), n, n in selected) for n in names]
            )
            return
        for index, name in enumerate(names):
            choices.replace_option_prompt_at_index(
                index, _label(name, counts.values[name], name in selected)
            )

    def _fill_one(
        self, facet: Facet, options: OptionList, names: list[str], counts: Counts
    ) -> None:
        chosen = self.selection.values(facet.name)
        highlighted = options.highlighted
        options.set_options(
            [Option(_label(facet.every, counts.total, not chosen), id=ALL)]
            + [Option(_label(n, counts.values[n], n in chosen), id=n) for n in names]
        )
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted

    def focus_first(self) -> None:
        """Focus the first section shown, its first row highlighted."""
        from reader.facets import FACETS

        for facet in FACETS:
            choices = self.query_one(f"#{facet.name}{CHOICES}")
            if not choices.display:
                continue
            choices.focus()
            if (
                isinstance(choices, OptionList)
                and choices.highlighted is None
                and choices.option_count
            ):
                choices.highlighted = 0
            return

    def action_clear(self) -> None:
        """Choose nothing in every facet."""
        from reader.facets import Selection

        for choices in self.query(SelectionList):
            choices.deselect_all()
        self.selection = Selection()
        self._changed()

    @on(SelectionList.SelectedChanged, ".facet-several")
    def _several_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        name = (event.selection_list.id or "").removesuffix(CHOICES)
        selected = set(event.selection_list.selected)
        order = self._listed.get(name, [])
        self.selection = self.selection.with_values(name, [n for n in order if n in selected])
        self._changed()

    @on(OptionList.OptionSelected, ".facet-one")
    def _one_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = (event.option_list.id or "").removesuffix(CHOICES)
        value = event.option.id
        self.selection = self.selection.with_values(name, [] if value in (None, ALL) else [value])
        self._changed()

    def _changed(self) -> None:
        self.post_message(self.FilterChanged(self, self.selection))
