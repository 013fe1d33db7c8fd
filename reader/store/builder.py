"""Building a corpus database: staleness checks, the build lock, and the atomic build itself.

A build writes a temporary file and renames it into place, under an exclusive lock, so a killed
build leaves the previous database usable and two processes building at once never corrupt
anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from reader.errors import ReaderError
from reader.model import Article
from reader.paths import database_path
from reader.store import schema
from reader.store.cache import cache_key, is_markdown, load_cached, store_cached
from reader.store.schema import BuildReport, Progress, connect_ro


def _fingerprints(corpus: Path) -> list[tuple[str, int, int]]:
    from reader.ingest.pipeline import corpus_files

    result = []
    for source in corpus_files(corpus):
        stat = source.path.stat()
        result.append((source.name, stat.st_size, stat.st_mtime_ns))
    return result


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stored_sources(db: Path) -> dict[str, tuple[int, int, str]] | None:
    """The sources recorded in an existing database, or None if it is missing or unusable."""
    if not db.exists():
        return None
    try:
        with contextlib.closing(connect_ro(db)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if (meta.get("schema"), meta.get("pipeline")) != (
                str(schema.SCHEMA_VERSION),
                schema.PIPELINE_VERSION,
            ):
                return None
            rows = conn.execute("SELECT name, size, mtime_ns, sha256 FROM sources").fetchall()
    except sqlite3.Error:
        return None
    return {name: (size, mtime, sha) for name, size, mtime, sha in rows}


def is_stale(corpus: Path, db: Path) -> bool:
    """Whether the database is missing, of another schema, or older than any source file.

    Sizes and modification times are compared first; a file whose stat changed is hashed, so
    that touching a file without changing it does not force a rebuild.
    """
    stored = _stored_sources(db)
    if stored is None:
        return True
    current = _fingerprints(corpus)
    if {name for name, _, _ in current} != set(stored):
        return True
    for name, size, mtime in current:
        old_size, old_mtime, old_sha = stored[name]
        if (size, mtime) == (old_size, old_mtime):
            continue
        path = corpus / name if corpus.is_dir() else corpus
        if size != old_size or _sha256(path) != old_sha:
            return True
    return False


@contextlib.contextmanager
def _build_lock(db: Path) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_suffix(".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _segment_text(article: Article) -> str:
    return f"{article.title}\n{article.byline or ''}\n{article.body}"


def collect(
    corpus: Path, progress: Progress | None = None
) -> tuple[list[Article], list[list[str]], list[tuple[str, int, int, str]]]:
    """Parse every source file and segment every article, reusing cached per-file results.

    Returns:
        The articles in corpus order, their jieba words, and the source fingerprints.
    """
    from reader.ingest.pipeline import corpus_files, infer_regions, parse_file
    from reader.ingest.repair_step import corpus_repairer
    from reader.text.segment import segment_many

    files = corpus_files(corpus)
    hashes = []
    fingerprints = []
    for source in files:
        stat = source.path.stat()
        digest = _sha256(source.path)
        hashes.append(digest)
        fingerprints.append((source.name, stat.st_size, stat.st_mtime_ns, digest))
    # The repair model is trained on the raw page text of the corpus (not on Markdown), so only
    # those files' contents enter the key of repaired results.
    corpus_key = hashlib.sha256(
        "".join(h for f, h in zip(files, hashes, strict=True) if not is_markdown(f.name)).encode()
    ).hexdigest()
    keys = [
        cache_key(source.name, digest, corpus_key)
        for source, digest in zip(files, hashes, strict=True)
    ]
    repairer = None
    per_file: list[tuple[list[Article], list[list[str]] | None]] = []
    for index, (source, key) in enumerate(zip(files, keys, strict=True)):
        cached = load_cached(key)
        if cached is not None:
            per_file.append(cached)
        else:
            if repairer is None:
                repairer = corpus_repairer(files)
            per_file.append((parse_file(source, repairer), None))
        if progress:
            progress("parse", index + 1, len(files))
    missing = [i for i, (_, words) in enumerate(per_file) if words is None]
    texts = [_segment_text(a) for i in missing for a in per_file[i][0]]
    if progress:
        progress("segment", 0, len(texts))
    segmented = iter(segment_many(texts))
    for index in missing:
        articles = per_file[index][0]
        words = [next(segmented) for _ in articles]
        per_file[index] = (articles, words)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            store_cached(keys[index], articles, words)
    if progress:
        progress("segment", len(texts), len(texts))
    all_articles = infer_regions(a for articles, _ in per_file for a in articles)
    all_words = [w for _, words in per_file for w in (words or [])]
    return all_articles, all_words, fingerprints


def _write(
    conn: sqlite3.Connection,
    corpus: Path,
    articles: Sequence[Article],
    words: Sequence[list[str]],
    fingerprints: Sequence[tuple[str, int, int, str]],
    progress: Progress | None,
) -> None:
    from reader import search, themes

    conn.executescript(schema.SCHEMA)
    search.create_schema(conn)
    conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)", fingerprints)
    conn.executemany(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                n,
                a.title,
                a.byline,
                a.author,
                a.role,
                a.region,
                int(a.region_inferred),
                a.kicker,
                a.source,
                a.chars,
            )
            for n, a in enumerate(articles)
        ],
    )
    rows = []
    for a in articles:
        for original, paragraphs in ((0, a.paragraphs), (1, a.original)):
            for idx, p in enumerate(paragraphs):
                spans = json.dumps([[s.start, s.end] for s in p.spans])
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
    if progress:
        progress("index", 0, 1)
    docs = [search.SearchDoc(a.id, a.title, a.byline or "", a.body) for a in articles]
    search.index_articles(conn, docs, words)
    if progress:
        progress("index", 1, 1)
        progress("themes", 0, 1)
    theme_docs = [themes.ThemeDoc(a.id, a.title, a.body) for a in articles]
    curated_path = (corpus if corpus.is_dir() else corpus.parent) / "themes.toml"
    curated = themes.load_curated(curated_path) if curated_path.is_file() else None
    found = themes.extract_themes(theme_docs, words, curated=curated)
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
    if progress:
        progress("themes", 1, 1)
    meta = {
        "schema": str(schema.SCHEMA_VERSION),
        "pipeline": schema.PIPELINE_VERSION,
        "corpus": str(corpus),
        "built": str(time.time()),
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def build(corpus: Path, *, force: bool = False, progress: Progress | None = None) -> BuildReport:
    """Build or refresh the database of a corpus (a no-op when it is fresh and not forced).

    Args:
        corpus: The corpus file or directory.
        force: Rebuild even when the database is fresh.
        progress: Optional progress callback.

    Raises:
        ReaderError: the corpus is missing, empty, or a source file cannot be read.
    """
    started = time.perf_counter()
    corpus = corpus.expanduser().resolve()
    db = database_path(corpus)
    if not force and not is_stale(corpus, db):
        return _report(db, started, built=False)
    with _build_lock(db):
        # Another process may have finished the same build while this one waited for the lock.
        if not force and not is_stale(corpus, db):
            return _report(db, started, built=False)
        articles, words, fingerprints = collect(corpus, progress)
        if not articles:
            raise ReaderError(f"{corpus}: no articles found (empty files?)")
        temporary = db.with_name(f"{db.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(temporary)
            try:
                conn.execute("PRAGMA journal_mode=OFF")
                conn.execute("PRAGMA synchronous=OFF")
                with conn:
                    _write(conn, corpus, articles, words, fingerprints, progress)
                conn.execute("VACUUM")
            finally:
                conn.close()
            os.replace(temporary, db)
        finally:
            temporary.unlink(missing_ok=True)
    return _report(db, started, built=True)


def _report(db: Path, started: float, *, built: bool) -> BuildReport:
    with contextlib.closing(connect_ro(db)) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        moves = conn.execute("SELECT count(*) FROM repairs").fetchone()[0]
    return BuildReport(articles, files, moves, time.perf_counter() - started, built)
