"""Facets: the ways to narrow the articles (theme, region, author, printed date and page), as data.

A facet says how an article's values come from its `Summary` and whether several values can be
chosen at once (an article then needs all of them) or one. The same descriptions make the store's
filter (`Library.summaries`), the command line's flags (`reader list --region R`), the app's
counts and its sidebar sections; adding a facet is one entry in `FACETS` (and, for a value the
summary does not carry yet, a field of `Summary` and its column in `Library.summaries`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

    from reader.model import Summary
    from reader.store import Library


@dataclass(frozen=True)
class Facet:
    """One way to narrow the articles.

    Attributes:
        name: Its name: the command line's flag (`--region`) and the sidebar's widget ids.
        label: The sidebar section's heading.
        every: The label of the one-choice list's entry that clears the choice.
        values: An article's values (none, one, or several).
        multiple: Several values can be chosen, and an article must have every one; else one.
        metavar: The command line's name for a value.
        help: The command line's help for the flag.
        order: Sorts the values in the sidebar (chronologically, say); None lists those of most
            articles first.
        catalog: For facets whose values the library keeps a list of (themes, most prominent
            first): that list, which is also their order; a value not in it is an error.
        catalog_hint: The command that shows the catalog, for that error.
        optional: The sidebar hides the section when no article has a value.
    """

    name: str
    label: str
    every: str
    values: Callable[[Summary], tuple[str, ...]]
    multiple: bool
    metavar: str
    help: str
    order: Callable[[str], SupportsRichComparison] | None = None
    catalog: Callable[[Library], list[str]] | None = None
    catalog_hint: str = ""
    optional: bool = True


def _one(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def _theme_names(library: Library) -> list[str]:
    return [theme.name for theme in library.themes()]


def _edition_order(edition: str) -> tuple[tuple[int, int | str], ...]:
    """`第2版` before `第10版`: the numbers in a page's name compared as numbers."""
    # (0, number) and (1, text), so that numbers and text never meet in a comparison.
    parts = re.split(r"(\d+)", edition)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


FACETS: tuple[Facet, ...] = (
    Facet(
        "theme",
        "Themes",
        "All themes",
        lambda s: s.themes,
        True,
        "T",
        "in theme T (again for articles in several)",
        catalog=_theme_names,
        catalog_hint="reader themes",
        optional=False,
    ),
    Facet(
        "region",
        "Region",
        "All regions",
        lambda s: _one(s.region),
        False,
        "R",
        "from region R",
        optional=False,
    ),
    Facet("author", "Author", "All authors", lambda s: _one(s.author), False, "A", "by author A"),
    Facet(
        "date",
        "Date",
        "All dates",
        lambda s: _one(s.date),
        False,
        "D",
        "printed on date D (YYYY-MM-DD)",
        order=str,
    ),
    Facet(
        "edition",
        "Page",
        "All pages",
        lambda s: _one(s.edition),
        False,
        "E",
        "printed on page E (such as 第2版)",
        order=_edition_order,
    ),
)
"""Every facet, in the order the sidebar, the command line's help and filter labels use."""


def facet(name: str) -> Facet:
    """The facet of this name.

    Raises:
        KeyError: no facet has it.
    """
    return _BY_NAME[name]


_BY_NAME = {each.name: each for each in FACETS}


@dataclass(frozen=True)
class Selection:
    """What is chosen in each facet (nothing: every article).

    `chosen` holds `(facet name, values)` pairs in the order of `FACETS`, only for facets with
    a choice; build it with `Selection.of` or `with_values`.
    """

    chosen: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, choices: Mapping[str, Iterable[str]]) -> Selection:
        """A selection from facet names to chosen values (empty ones are left out).

        Raises:
            KeyError: a name is not a facet's.
        """
        for name in choices:
            facet(name)
        return cls(
            tuple(
                (f.name, values)
                for f in FACETS
                if (values := tuple(dict.fromkeys(choices.get(f.name, ()))))
            )
        )

    def values(self, name: str) -> tuple[str, ...]:
        """The values chosen in a facet (empty when none is)."""
        return next((values for chosen, values in self.chosen if chosen == name), ())

    def with_values(self, name: str, values: Iterable[str]) -> Selection:
        """This selection with the choice in one facet replaced."""
        choices = dict(self.chosen)
        choices[name] = tuple(values)
        return Selection.of(choices)

    def __bool__(self) -> bool:
        return bool(self.chosen)

    @property
    def label(self) -> str:
        """`All articles`, or every chosen value joined by `+`."""
        parts = [value for _, values in self.chosen for value in values]
        return " + ".join(parts) if parts else "All articles"

    def admits(self, row: Summary, *, ignoring: str | None = None) -> bool:
        """Whether an article has every chosen value (in facets other than `ignoring`)."""
        for name, values in self.chosen:
            if name == ignoring:
                continue
            has = facet(name).values(row)
            if not all(value in has for value in values):
                return False
        return True


@dataclass(frozen=True)
class Counts:
    """A facet's counts beside the current selection.

    Attributes:
        values: For each value, the articles choosing it next would leave.
        total: The articles the selection leaves whatever is chosen in this facet.
    """

    values: Counter[str]
    total: int


def narrow(
    rows: Sequence[Summary], selection: Selection
) -> tuple[list[Summary], dict[str, Counts]]:
    """The articles a selection admits, and each facet's counts around it.

    Args:
        rows: Every article.
        selection: What is chosen.

    Returns:
        The admitted articles in order, and per facet name its counts: for a one-choice facet,
        among the articles the other facets admit (choosing another value replaces the choice);
        for a several-choice facet, among those admitted now (another value narrows them).
    """
    shown = [row for row in rows if selection.admits(row)]
    counts = {}
    for each in FACETS:
        # Without a choice in this facet, ignoring it changes nothing: no pass over every row.
        others = shown
        if selection.values(each.name):
            others = [row for row in rows if selection.admits(row, ignoring=each.name)]
        pool = shown if each.multiple else others
        found = Counter(value for row in pool for value in each.values(row))
        counts[each.name] = Counts(found, len(others))
    return shown, counts


def listing(each: Facet, rows: Iterable[Summary], library: Library | None = None) -> list[str]:
    """A facet's values in the sidebar's order.

    Args:
        each: The facet.
        rows: Every article (their values are listed when the facet has no catalog).
        library: The library whose catalog lists the values, for facets that have one.

    Returns:
        The values: the catalog's, else by `order`, else those of most articles first.
    """
    if each.catalog is not None and library is not None:
        return each.catalog(library)
    found = Counter(v for row in rows for v in each.values(row))
    if each.order is not None:
        return sorted(found, key=each.order)
    return [value for value, _ in sorted(found.items(), key=lambda item: (-item[1], item[0]))]


def check(selection: Selection, library: Library) -> None:
    """Raise for a chosen value that a facet's catalog does not have (a misspelt theme).

    Raises:
        ReaderError: naming the value and the command that lists the right ones.
    """
    for each in FACETS:
        chosen = selection.values(each.name)
        if each.catalog is None or not chosen:
            continue
        known = set(each.catalog(library))
        for value in chosen:
            if value not in known:
                raise ReaderError(f"no {each.name} named {value!r} (try `{each.catalog_hint}`)")
