"""Database layout and versions shared by the builder (`reader.build`) and `Library`, the reader."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from reader.errors import ReaderError
from reader.model import PageInfo

SCHEMA_VERSION = 6
"""Bump when any table changes, the search index's included: older databases are rebuilt."""
PIPELINE_VERSION = "7"
"""Bump when parsing, repair or reflow changes: cached per-file results and databases built by
the older pipeline are then not reused."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT NOT NULL, byline TEXT,
    author TEXT, role TEXT, region TEXT, region_inferred INTEGER NOT NULL DEFAULT 0,
    kicker TEXT, source TEXT NOT NULL, chars INTEGER NOT NULL, page TEXT
);
CREATE TABLE paragraphs (
    article_id TEXT NOT NULL, original INTEGER NOT NULL, idx INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, spans TEXT NOT NULL,
    PRIMARY KEY (article_id, original, idx)
) WITHOUT ROWID;
CREATE TABLE repairs (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, fragment TEXT NOT NULL,
    source_index INTEGER NOT NULL, target_index INTEGER, score REAL NOT NULL
);
CREATE TABLE themes (
    name TEXT PRIMARY KEY, ord INTEGER NOT NULL, keywords TEXT NOT NULL, curated INTEGER NOT NULL
);
CREATE TABLE theme_articles (
    theme TEXT NOT NULL, article_id TEXT NOT NULL, weight REAL NOT NULL,
    PRIMARY KEY (theme, article_id)
) WITHOUT ROWID;
CREATE INDEX theme_articles_by_article ON theme_articles (article_id);
"""


def page_json(page: PageInfo | None) -> str | None:
    """The `articles.page` column: the printed page's header lines and fields, as JSON."""
    return None if page is None else json.dumps(dataclasses.asdict(page), ensure_ascii=False)


def page_from_json(text: object) -> PageInfo | None:
    """The inverse of `page_json`."""
    if text is None:
        return None
    fields = json.loads(str(text))
    return PageInfo(**{**fields, "lines": tuple(fields["lines"])})


class UnknownArticle(ReaderError):
    """No article has this id."""


def connect_ro(db: Path) -> sqlite3.Connection:
    """A read-only connection that threads may share (callers serialise access)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    return conn
