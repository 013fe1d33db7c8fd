"""Writing a new corpus database: each file's rows as they come, then what needs the whole corpus.

`Writer` is fed the collected files in corpus order (`add`): their paragraphs, repairs and search
index rows go in at once. At the end (`finish`) two forked children find the themes and the
inferred regions while this process finishes the search index; then the articles' rows (which
wait for their regions), the themes, the sources' fingerprints and the database's meta data.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.build.cache import Packed, PackedWords
from reader.build.staleness import themes_digest, themes_file
from reader.build.workers import Forked, runs_in_parallel
from reader.model import Article
from reader.store import schema

if TYPE_CHECKING:
    from reader.build.collect import Collected, Progress
    from reader.build.sources import Survey
    from reader.model import Theme
    from reader.themes import CuratedThemes


class Writer:
    """Fills an empty database (see the module's docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        from reader import search

        self.conn = conn
        conn.executescript(schema.SCHEMA)
        search.create_schema(conn)
        self.indexer = search.Indexer(conn)
        self.articles: list[Article] = []
        self.words: list[Packed] = []

    def add(self, collected: Collected) -> None:
        """Write one file's index rows, paragraphs and repairs; keep its articles for the end."""
        self.indexer.add(collected.prepared)
        _write_paragraphs(self.conn, collected.articles)
        self.articles += collected.articles
        self.words += collected.words

    def finish(self, corpus: Path, sources: Survey, progress: Progress | None) -> None:
        """Write everything that needs the whole corpus.

        Args:
            corpus: The corpus (its `themes.toml` is read now).
            sources: Its sources, whose fingerprints are recorded.
            progress: Optional progress callback (stages `index` and `themes`).
        """
        from reader import themes
        from reader.ingest.pipeline import inferred_regions

        conn, articles = self.conn, self.articles
        curated_path = themes_file(corpus)
        # Hashed before reading, so an edit during the build leaves the database stale, not wrong.
        curated_digest = themes_digest(corpus)
        curated = themes.load_curated(curated_path) if curated_path.is_file() else None
        fingerprints = [source.fingerprint for source in sources.sources]
        # Forking costs tens of milliseconds; each job, about a second on the archive.
        fork = runs_in_parallel(sum(fingerprint[1] for fingerprint in fingerprints))
        found_themes = Forked(
            _extract_themes, articles, PackedWords(self.words), curated, fork=fork
        )
        found_regions = Forked(inferred_regions, articles, fork=fork)
        try:
            conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)", fingerprints)
            if progress:
                progress("index", 0, 1)
            self.indexer.finish()
            if progress:
                progress("index", 1, 1)
            _write_articles(conn, articles, found_regions.result())
            if progress:
                progress("themes", 0, 1)
            found = found_themes.result()
        finally:
            found_themes.cancel()
            found_regions.cancel()
        _write_themes(conn, found)
        if progress:
            progress("themes", 1, 1)
        meta = {
            "schema": str(schema.SCHEMA_VERSION),
            "pipeline": schema.PIPELINE_VERSION,
            "corpus": str(corpus),
            "built": str(time.time()),
            "themes": curated_digest,
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def _write_paragraphs(conn: sqlite3.Connection, articles: list[Article]) -> None:
    """Write the paragraphs and repairs of some articles (those of one file, as they come)."""
    rows = []
    for a in articles:
        for original, paragraphs in ((0, a.paragraphs), (1, a.original)):
            for idx, p in enumerate(paragraphs):
                spans = "[" + ",".join([f"[{s.start},{s.end}]" for s in p.spans]) + "]"
                rows.append((a.id, original, idx, p.kind, p.text, spans))
    conn.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.executemany(
        "INSERT INTO repairs VALUES (?, ?, ?, ?, ?, ?)",
        [
            (a.id, i, m.fragment, m.source_index, m.target_index, m.score)
            for a in articles
            for i, m in enumerate(a.moves)
        ],
    )


def _write_articles(
    conn: sqlite3.Connection, articles: list[Article], regions: dict[int, str]
) -> None:
    """Write the articles' rows, with the regions inferred for those whose byline names none."""
    conn.executemany(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                n,
                a.title,
                a.byline,
                a.author,
                a.role,
                regions.get(n, a.region),
                int(a.region_inferred or n in regions),
                a.kicker,
                a.source,
                a.chars,
                schema.page_json(a.page),
            )
            for n, a in enumerate(articles)
        ],
    )


def _write_themes(conn: sqlite3.Connection, found: list[Theme]) -> None:
    conn.executemany(
        "INSERT INTO themes VALUES (?, ?, ?, ?)",
        [(t.name, n, json.dumps(list(t.keywords)), int(t.curated)) for n, t in enumerate(found)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO theme_articles VALUES (?, ?, ?)",
        [
            (t.name, ident, weight)
            for t in found
            for ident, weight in zip(t.ids, t.weights or [1.0] * len(t.ids), strict=False)
        ],
    )


def _extract_themes(
    articles: list[Article], words: Sequence[list[str]], curated: CuratedThemes | None
) -> list[Theme]:
    from reader import themes

    docs = [themes.ThemeDoc(a.id, a.title, a.body) for a in articles]
    return themes.extract_themes(docs, words, curated=curated)
