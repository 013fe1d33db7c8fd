"""What the screen computes from library data, kept free of Textual: loading, filters, facets, hits.

Everything here is a plain function on `Library` results, so it can be tested without an app and
runs in a worker thread where it is slow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.model import Article, Summary
    from reader.store import Library

STAGES = {
    "parse": "reading files",
    "segment": "segmenting words",
    "index": "indexing",
    "themes": "finding themes",
}
"""Build stages (`reader.store.Progress`) as the list's "building…" message names them."""


@dataclass(frozen=True)
class Loaded:
    """An open library and what the list and the sidebar need from it."""

    library: Library
    rows: list[Summary]
    themes: list[str]
    """Theme names, most prominent first."""
    regions: list[str]
    """Regions, most articles first."""
    authors: list[str] = field(default_factory=list)
    """Authors named in bylines, most articles first."""


def load(corpus: Path, progress: Callable[[str], None]) -> Loaded:
    """Open (building when needed) a corpus's library and read what the first screen shows.

    Args:
        corpus: The corpus file or directory.
        progress: Called with a human-readable line while the database is being built.

    Returns:
        The library, its article summaries, theme names and regions.

    Raises:
        ReaderError, OSError, sqlite3.Error: the corpus or its database cannot be read.
    """
    from reader.store import Library

    def report(stage: str, done: int, total: int) -> None:
        progress(f"Building the library…\n{STAGES.get(stage, stage)} {done}/{total}")

    library = Library.open(corpus, progress=report)
    # Themes first, keeping only their names, so that their member lists are freed before the
    # summaries are read: the peak memory of a large corpus is that of the summaries.
    themes = [theme.name for theme in library.themes()]
    rows = library.summaries()
    regions = [region for region, _ in library.regions()]
    return Loaded(library, rows, themes, regions, [author for author, _ in library.authors()])


@dataclass(frozen=True)
class Filter:
    """The sidebar's selection: articles in every one of `themes`, from `region` and by `author`
    when those are set."""

    themes: tuple[str, ...] = ()
    region: str | None = None
    author: str | None = None

    @property
    def label(self) -> str:
        """`All articles`, or the selected themes, region and author joined by `+`."""
        parts = [*self.themes, *(p for p in (self.region, self.author) if p)]
        return " + ".join(parts) if parts else "All articles"

    def in_themes(self, row: Summary) -> bool:
        """Whether an article is in every selected theme."""
        return all(theme in row.themes for theme in self.themes)

    def in_region(self, row: Summary) -> bool:
        """Whether an article is from the selected region (any, when none is selected)."""
        return self.region is None or row.region == self.region

    def by_author(self, row: Summary) -> bool:
        """Whether an article is by the selected author (any, when none is selected)."""
        return self.author is None or row.author == self.author

    def admits(self, row: Summary) -> bool:
        """Whether an article passes the whole filter."""
        return self.in_themes(row) and self.in_region(row) and self.by_author(row)


@dataclass(frozen=True)
class Facets:
    """Counts shown beside each theme and region in the sidebar."""

    themes: Counter[str] = field(default_factory=Counter)
    """Articles per theme among those the filter admits."""
    regions: Counter[str] = field(default_factory=Counter)
    """Articles per region among those in the selected themes and by the selected author."""
    authors: Counter[str] = field(default_factory=Counter)
    """Articles per author among those in the selected themes and region."""
    in_themes: int = 0
    """Articles in the selected themes, whatever their region and author."""


def apply_filter(rows: Sequence[Summary], chosen: Filter) -> tuple[list[Summary], Facets]:
    """The articles a filter admits, and the facet counts around it.

    Args:
        rows: Every article.
        chosen: The filter.

    Returns:
        The admitted articles in order, and the counts for the sidebar.
    """
    in_themes = [row for row in rows if chosen.in_themes(row)]
    shown = [row for row in in_themes if chosen.in_region(row) and chosen.by_author(row)]
    facets = Facets(
        themes=Counter(name for row in shown for name in row.themes),
        regions=Counter(row.region for row in in_themes if row.region and chosen.by_author(row)),
        authors=Counter(row.author for row in in_themes if row.author and chosen.in_region(row)),
        in_themes=len(in_themes),
    )
    return shown, facets


def article_spans(article: Article, query: str) -> dict[int, list[tuple[int, int]]]:
    """Hits of `query` in an article, by paragraph (`reader.layout.Header` parts for the title
    and byline).

    Args:
        article: The article.
        query: The search query (terms separated by spaces).

    Returns:
        Character spans per paragraph; paragraphs without hits are left out.
    """
    from reader.layout import Header
    from reader.search import find_spans

    if not query.strip():
        return {}
    spans: dict[int, list[tuple[int, int]]] = {Header.TITLE: find_spans(article.title, query)}
    if article.byline:
        spans[Header.BYLINE] = find_spans(article.byline, query)
    for number, paragraph in enumerate(article.paragraphs):
        spans[number] = find_spans(paragraph.text, query)
    return {key: value for key, value in spans.items() if value}
