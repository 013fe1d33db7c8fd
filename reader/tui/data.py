"""What the screen computes from library data, kept free of Textual: loading, hits in an article.

Everything here is a plain function on `Library` results, so it can be tested without an app and
runs in a worker thread where it is slow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
"""Build stages (`reader.build.Progress`) as the list's "building…" message names them."""


@dataclass(frozen=True)
class Loaded:
    """An open library and what the list and the sidebar need from it."""

    library: Library
    rows: list[Summary]
    values: dict[str, list[str]]
    """Each facet's values in the sidebar's order (see `reader.facets.listing`)."""


def load(corpus: Path, progress: Callable[[str], None]) -> Loaded:
    """Open (building when needed) a corpus's library and read what the first screen shows.

    Args:
        corpus: The corpus file or directory.
        progress: Called with a human-readable line while the database is being built.

    Returns:
        The library, its article summaries and each facet's values.

    Raises:
        ReaderError, OSError: the corpus or its database cannot be read or built.
    """
    from reader.build import open_library
    from reader.facets import FACETS, listing

    def report(stage: str, done: int, total: int) -> None:
        progress(f"Building the library…\n{STAGES.get(stage, stage)} {done}/{total}")

    library = open_library(corpus, progress=report)
    # Catalogs first (the themes, keeping only their names), so that their member lists are
    # freed before the summaries are read: the peak memory of a large corpus is theirs.
    values = {f.name: listing(f, (), library) for f in FACETS if f.catalog is not None}
    rows = library.summaries()
    values.update({f.name: listing(f, rows) for f in FACETS if f.catalog is None})
    return Loaded(library, rows, values)


def article_spans(
    article: Article, find: Callable[[str], list[tuple[int, int]]] | None
) -> dict[int, list[tuple[int, int]]]:
    """Hits in an article, by paragraph (`reader.layout.Header` parts for the title and byline).

    Args:
        article: The article.
        find: Where the query's hits are in a text (`Library.highlighter`), or None.

    Returns:
        Character spans per paragraph; paragraphs without hits are left out.
    """
    from reader.layout import Header

    if find is None:
        return {}
    spans: dict[int, list[tuple[int, int]]] = {Header.TITLE: find(article.title)}
    if article.byline:
        spans[Header.BYLINE] = find(article.byline)
    for number, paragraph in enumerate(article.paragraphs):
        spans[number] = find(paragraph.text)
    return {key: value for key, value in spans.items() if value}
