"""The corpus database: schema, atomic (re)builds when sources change, and read queries.

One SQLite file per corpus lives in the user cache directory. A build writes a temporary file
and renames it into place, under an exclusive lock, so a killed build leaves the previous
database usable and two processes building at once never corrupt anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.model import Article, Hit, Move, Paragraph, Span, Summary, Theme
from reader.paths import cache_dir, database_path

SCHEMA_VERSION = 2
"""Bump when any table changes, the search index's included: older databases are rebuilt."""
PIPELINE_VERSION = "2"
"""Bump when parsing, repair or reflow changes: cached per-file results and databases built by
the older pipeline are then not reused."""

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a build runs."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT NOT NULL, byline TEXT,
    author TEXT, role TEXT, region TEXT, region_inferred INTEGER NOT NULL DEFAULT 0,
    kicker TEXT, source TEXT NOT NULL, chars INTEGER NOT NULL
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


class UnknownArticle(ReaderError):
    """No article has this id."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for `reader build` to print."""

    articles: int
    files: int
    moves: int
    seconds: float
    built: bool


# ---------------------------------------------------------------- staleness


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
        with contextlib.closing(_connect_ro(db)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if (meta.get("schema"), meta.get("pipeline")) != (
                str(SCHEMA_VERSION),
                PIPELINE_VERSION,
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


# ---------------------------------------------------------------- build


@contextlib.contextmanager
def _build_lock(db: Path) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_suffix(".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _parsed_cache(key: str) -> Path:
    return cache_dir() / "parsed" / f"{key}.pickle"


def _load_cached(key: str) -> tuple[list[Article], list[list[str]]] | None:
    path = _parsed_cache(key)
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not (isinstance(value, tuple) and len(value) == 2):
        return None
    articles, words = value
    return list(articles), list(words)


def _store_cached(key: str, articles: list[Article], words: list[list[str]]) -> None:
    path = _parsed_cache(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        pickle.dump((articles, words), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _is_markdown(name: str) -> bool:
    return name.lower().endswith((".md", ".markdown"))


def _cache_key(name: str, digest: str, corpus_key: str) -> str:
    """Per-file cache key. Raw page text is repaired with a model trained on the whole corpus,
    so its key includes the corpus; Markdown is never repaired and is keyed by itself alone."""
    scope = "" if _is_markdown(name) else corpus_key
    return hashlib.sha256(f"{PIPELINE_VERSION}\0{name}\0{digest}\0{scope}".encode()).hexdigest()


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
        "".join(h for f, h in zip(files, hashes, strict=True) if not _is_markdown(f.name)).encode()
    ).hexdigest()
    keys = [
        _cache_key(source.name, digest, corpus_key)
        for source, digest in zip(files, hashes, strict=True)
    ]
    repairer = None
    per_file: list[tuple[list[Article], list[list[str]] | None]] = []
    for index, (source, key) in enumerate(zip(files, keys, strict=True)):
        cached = _load_cached(key)
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
            _store_cached(keys[index], articles, words)
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

    conn.executescript(_SCHEMA)
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
        "schema": str(SCHEMA_VERSION),
        "pipeline": PIPELINE_VERSION,
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
    with contextlib.closing(_connect_ro(db)) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        moves = conn.execute("SELECT count(*) FROM repairs").fetchone()[0]
    return BuildReport(articles, files, moves, time.perf_counter() - started, built)


# ---------------------------------------------------------------- reading


def _connect_ro(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    return conn


class Library:
    """Read access to a built corpus database; safe to share between threads."""

    def __init__(self, db: Path, corpus: Path) -> None:
        self.db = db
        self.corpus = corpus
        self._conn = _connect_ro(db)
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls, corpus: Path, *, progress: Progress | None = None, force: bool = False
    ) -> Library:
        """Build the corpus's database if it is missing or stale, then open it.

        Raises:
            ReaderError: the corpus cannot be read.
        """
        corpus = corpus.expanduser().resolve()
        build(corpus, force=force, progress=progress)
        return cls(database_path(corpus), corpus)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def summaries(self, themes: Sequence[str] = (), region: str | None = None) -> list[Summary]:
        """Articles in corpus order, optionally only those in all `themes` and in `region`."""
        ids = self.theme_members(themes) if themes else None
        rows = self._query(
            "SELECT a.id, a.title, a.author, a.role, a.region, a.region_inferred, a.chars,"
            " a.source, (SELECT group_concat(t.theme, char(31)) FROM"
            " (SELECT theme FROM theme_articles ta JOIN themes th ON th.name = ta.theme"
            "  WHERE ta.article_id = a.id ORDER BY th.ord) t)"
            " FROM articles a ORDER BY a.ord"
        )
        result = []
        for ident, title, author, role, reg, inferred, chars, source, names in rows:
            if ids is not None and ident not in ids:
                continue
            if region is not None and reg != region:
                continue
            result.append(
                Summary(
                    id=str(ident),
                    title=str(title),
                    author=_opt(author),
                    role=_opt(role),
                    region=_opt(reg),
                    region_inferred=bool(inferred),
                    themes=tuple(str(names).split("\x1f")) if names else (),
                    chars=int(str(chars)),
                    source=str(source),
                )
            )
        return result

    def article(self, ident: str) -> Article:
        """The whole article with this id.

        Raises:
            UnknownArticle: no article has this id.
        """
        rows = self._query(
            "SELECT title, byline, author, role, region, region_inferred, kicker, source"
            " FROM articles WHERE id = ?",
            (ident,),
        )
        if not rows:
            raise UnknownArticle(f"no article with id {ident!r} (try `reader list`)")
        title, byline, author, role, region, inferred, kicker, source = rows[0]
        paragraphs: dict[int, list[Paragraph]] = {0: [], 1: []}
        for original, kind, text, spans in self._query(
            "SELECT original, kind, text, spans FROM paragraphs WHERE article_id = ?"
            " ORDER BY original, idx",
            (ident,),
        ):
            spans_list = tuple(Span(str(source), s, e) for s, e in json.loads(str(spans)))
            paragraphs[int(str(original))].append(Paragraph(str(text), kind, spans_list))  # type: ignore[arg-type]
        moves = tuple(
            Move(str(f), int(str(s)), None if t is None else int(str(t)), float(str(sc)))
            for f, s, t, sc in self._query(
                "SELECT fragment, source_index, target_index, score FROM repairs"
                " WHERE article_id = ? ORDER BY idx",
                (ident,),
            )
        )
        themes = tuple(
            str(name)
            for (name,) in self._query(
                "SELECT ta.theme FROM theme_articles ta JOIN themes t ON t.name = ta.theme"
                " WHERE ta.article_id = ? ORDER BY t.ord",
                (ident,),
            )
        )
        return Article(
            id=ident,
            title=str(title),
            source=str(source),
            paragraphs=tuple(paragraphs[0]),
            original=tuple(paragraphs[1]),
            byline=_opt(byline),
            author=_opt(author),
            role=_opt(role),
            region=_opt(region),
            region_inferred=bool(inferred),
            kicker=_opt(kicker),
            moves=moves,
            themes=themes,
        )

    def ids(self) -> list[str]:
        """All article ids in corpus order."""
        return [str(i) for (i,) in self._query("SELECT id FROM articles ORDER BY ord")]

    def themes(self) -> list[Theme]:
        """The corpus's themes, most prominent first."""
        members: dict[str, list[tuple[str, float]]] = {}
        for theme, ident, weight in self._query(
            "SELECT theme, article_id, weight FROM theme_articles"
            " ORDER BY theme, weight DESC, article_id"
        ):
            members.setdefault(str(theme), []).append((str(ident), float(str(weight))))
        result = []
        for name, keywords, curated in self._query(
            "SELECT name, keywords, curated FROM themes ORDER BY ord"
        ):
            pairs = members.get(str(name), [])
            result.append(
                Theme(
                    name=str(name),
                    keywords=tuple(json.loads(str(keywords))),
                    ids=tuple(i for i, _ in pairs),
                    weights=tuple(w for _, w in pairs),
                    curated=bool(curated),
                )
            )
        return result

    def theme_members(self, names: Sequence[str]) -> set[str]:
        """Ids of the articles in every one of the named themes.

        Raises:
            ReaderError: a name is not a theme of this corpus.
        """
        known = {str(n) for (n,) in self._query("SELECT name FROM themes")}
        result: set[str] | None = None
        for name in names:
            if name not in known:
                raise ReaderError(f"no theme named {name!r} (try `reader themes`)")
            ids = {
                str(i)
                for (i,) in self._query(
                    "SELECT article_id FROM theme_articles WHERE theme = ?", (name,)
                )
            }
            result = ids if result is None else result & ids
        return result or set()

    def regions(self) -> list[tuple[str, int]]:
        """Regions with their article counts, most articles first."""
        return [
            (str(r), int(str(n)))
            for r, n in self._query(
                "SELECT region, count(*) FROM articles WHERE region IS NOT NULL"
                " GROUP BY region ORDER BY count(*) DESC, region"
            )
        ]

    def authors(self) -> list[tuple[str, int]]:
        """Authors with their article counts, most articles first."""
        return [
            (str(r), int(str(n)))
            for r, n in self._query(
                "SELECT author, count(*) FROM articles WHERE author IS NOT NULL"
                " GROUP BY author ORDER BY count(*) DESC, author"
            )
        ]

    def repairs(self) -> list[tuple[str, Move]]:
        """Every reading-order repair, by article."""
        return [
            (str(a), Move(str(f), int(str(s)), None if t is None else int(str(t)), float(str(sc))))
            for a, f, s, t, sc in self._query(
                "SELECT r.article_id, fragment, source_index, target_index, score"
                " FROM repairs r JOIN articles a ON a.id = r.article_id ORDER BY a.ord, r.idx"
            )
        ]

    def search(self, query: str, *, limit: int = 20, themes: Sequence[str] = ()) -> list[Hit]:
        """Ranked articles containing every term of `query` (see `reader.search`)."""
        from reader import search

        ids = self.theme_members(themes) if themes else None
        with self._lock:
            return search.search(self._conn, query, limit=limit, ids=ids)

    def suggest(self, prefix: str, *, limit: int = 10) -> list[tuple[str, int]]:
        """Corpus words starting with or containing `prefix`, with document counts."""
        from reader import search

        with self._lock:
            return search.suggest(self._conn, prefix, limit=limit)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
