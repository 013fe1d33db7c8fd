"""Building a corpus database: staleness checks, the build lock, and the atomic build itself.

A build writes a temporary file and renames it into place, under an exclusive lock, so a killed
build leaves the previous database usable and two processes building at once never corrupt
anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.model import Article
from reader.paths import database_path
from reader.store import schema
from reader.store.cache import cache_key, is_markdown, load_cached, store_cached
from reader.store.schema import BuildReport, Progress, connect_ro

if TYPE_CHECKING:
    from reader.ingest.pipeline import Repairer, SourceFile
    from reader.model import Theme
    from reader.search import Indexer, PreparedDoc, SearchDoc
    from reader.themes import CuratedThemes, ThemeDoc


def _fingerprints(corpus: Path) -> list[tuple[str, int, int]]:
    from reader.ingest.pipeline import corpus_files

    result = []
    for source in corpus_files(corpus):
        stat = source.path.stat()
        result.append((source.name, stat.st_size, stat.st_mtime_ns))
    return result


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _themes_file(corpus: Path) -> Path:
    """The curated themes file of a corpus: in its directory, or beside a single-file corpus."""
    return (corpus if corpus.is_dir() else corpus.parent) / "themes.toml"


def _themes_digest(corpus: Path) -> str:
    """The sha256 of the corpus's `themes.toml`, or "" when it has none."""
    path = _themes_file(corpus)
    try:
        return _sha256(path) if path.is_file() else ""
    except OSError:
        # Unreadable now: a value no build records, so the database counts as stale.
        return "unreadable"


def _stored_sources(db: Path, corpus: Path) -> dict[str, tuple[int, int, str]] | None:
    """The sources recorded in an existing database, or None if it is missing or unusable.

    None also when the corpus's `themes.toml` differs from the one it was built with.
    """
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
            if meta.get("themes") != _themes_digest(corpus):
                return None
            rows = conn.execute("SELECT name, size, mtime_ns, sha256 FROM sources").fetchall()
    except sqlite3.Error:
        return None
    return {name: (size, mtime, sha) for name, size, mtime, sha in rows}


def is_stale(corpus: Path, db: Path) -> bool:
    """Whether the database is missing, of another schema, or older than any source file.

    A `themes.toml` added, edited or removed since the build also makes it stale. Sizes and
    modification times are compared first; a file whose stat changed is hashed, so that touching
    a file without changing it does not force a rebuild.
    """
    stored = _stored_sources(db, corpus)
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


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # Exists, owned by someone else.
        return True
    return True


def sweep_temporaries(db: Path) -> list[Path]:
    """Delete temporary databases left beside `db` by builds whose process no longer exists.

    A build killed outright (SIGKILL, power loss) cannot remove its `<db>.<pid>.<tid>.tmp`, which
    may be as large as the database. Call this under the build lock; a temporary file of a
    process still running is kept, since that build may still be writing it.

    Args:
        db: The database path.

    Returns:
        The files deleted.
    """
    removed = []
    prefix = f"{db.name}."
    for path in db.parent.glob(f"{glob.escape(db.name)}.*.tmp"):
        pid_text, _, rest = path.name[len(prefix) : -len(".tmp")].partition(".")
        if not (pid_text.isdigit() and rest.isdigit()) or _is_running(int(pid_text)):
            continue
        with contextlib.suppress(FileNotFoundError):  # another sweeper got there first
            path.unlink()
            removed.append(path)
    return removed


PARALLEL_BYTES = 1_200_000
"""Corpora smaller than this (about 400,000 characters) are segmented in-process: starting a
worker costs about a second of dictionary loading."""

_Work = list[tuple["SearchDoc", list[str] | None]]
_Packed = str | list[str]
"""A word list as it crosses between processes: joined by `_SEPARATOR` (one string pickles and
unpickles many times faster than a list of short ones), or a plain list for a text holding it."""
_Done = tuple[list[Article] | None, list[_Packed | None], list["PreparedDoc | None"]]
"""What a worker sends back: the articles it parsed (None: the caller parsed them), the words
it found (None where the caller knew them already), and the prepared articles (or Nones)."""

_SEPARATOR = "\x00"


def _pack(words: list[str], text: str) -> _Packed:
    return words if _SEPARATOR in text else _SEPARATOR.join(words)


def _unpack(packed: _Packed) -> list[str]:
    if isinstance(packed, list):
        return packed
    return packed.split(_SEPARATOR) if packed else []


def _search_doc(article: Article) -> SearchDoc:
    from reader.search import SearchDoc

    return SearchDoc(article.id, article.title, article.byline or "", article.body)


def _segment_and_prepare(work: _Work, prepare: bool) -> _Done:
    """Worker side: segment the articles not yet segmented, and prepare each for the index.

    Words already known are not sent back (the caller has them).
    """
    from reader.search import prepare as prepare_doc
    from reader.text.segment import segmenter

    cut = segmenter()
    found: list[_Packed | None] = []
    prepared: list[PreparedDoc | None] = []
    for doc, known in work:
        words = cut(doc.text) if known is None else known
        found.append(_pack(words, doc.text) if known is None else None)
        prepared.append(prepare_doc(doc, words) if prepare else None)
    return None, found, prepared


def _parse_segment_and_prepare(source: SourceFile, key: str, prepare: bool) -> _Done:
    """Worker side: parse a file that needs no repairer, segment it, cache both, and prepare it.

    Parsing and caching here rather than in the process writing the database keeps that process,
    the bottleneck, to inserting rows.
    """
    from reader.ingest import pipeline
    from reader.search import prepare as prepare_doc
    from reader.text.segment import segmenter

    articles = pipeline.parse_file(source)
    cut = segmenter()
    docs = [_search_doc(a) for a in articles]
    words = [cut(doc.text) for doc in docs]
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        store_cached(key, articles, words)
    return (
        articles,
        [_pack(w, doc.text) for w, doc in zip(words, docs, strict=True)],
        [prepare_doc(doc, w) if prepare else None for doc, w in zip(docs, words, strict=True)],
    )


class _Immediate:
    """The already computed result of work done in-process (the pool's `AsyncResult` shape)."""

    def __init__(self, value: _Done) -> None:
        self._value = value

    def ready(self) -> bool:
        return True

    def get(self) -> _Done:
        return self._value


def collect(
    corpus: Path,
    progress: Progress | None = None,
    *,
    index: Callable[[Sequence[PreparedDoc], Sequence[list[str]]], None] | None = None,
) -> tuple[list[Article], list[list[str]], list[tuple[str, int, int, str]]]:
    """Parse every source file and segment every article, reusing cached per-file results.

    Worker processes parse Markdown files (never repaired), and segment (and, with `index`, fold
    and pack for the search index) every file; page text, whose repair model is trained on the
    whole corpus, is parsed here. Files are handed out in order and their results taken back in
    order, so parsing, segmenting and indexing overlap instead of running one after the other.

    Args:
        corpus: The corpus file or directory.
        progress: Optional progress callback (stages `parse` and `segment`).
        index: Called with each file's articles prepared for the search index
            (`reader.search.prepare`), in corpus order, as soon as they are ready.

    Returns:
        The articles in corpus order, their jieba words, and the source fingerprints.
    """
    from reader.ingest.pipeline import corpus_files, infer_regions, parse_file
    from reader.ingest.repair_step import corpus_repairer
    from reader.text.segment import pool

    files = corpus_files(corpus)
    hashes = []
    fingerprints = []
    size = 0
    for source in files:
        stat = source.path.stat()
        digest = _sha256(source.path)
        hashes.append(digest)
        fingerprints.append((source.name, stat.st_size, stat.st_mtime_ns, digest))
        size += stat.st_size
    # The repair model is trained on the raw page text of the corpus (not on Markdown), so only
    # those files' contents enter the key of repaired results.
    corpus_key = hashlib.sha256(
        "".join(h for f, h in zip(files, hashes, strict=True) if not is_markdown(f.name)).encode()
    ).hexdigest()
    keys = [
        cache_key(source.name, digest, corpus_key)
        for source, digest in zip(files, hashes, strict=True)
    ]
    all_articles: list[Article] = []
    all_words: list[list[str]] = []
    # Per file in flight: its cache key, its articles (None: a worker parses them), the known
    # words (None: being segmented), and the result.
    pending: deque[tuple[str, list[Article] | None, list[list[str]] | None, Any]] = deque()
    finished = 0

    def finish(block: bool) -> None:
        nonlocal finished
        while pending and (block or pending[0][3].ready()):
            key, articles, known, result = pending.popleft()
            parsed, found, prepared = result.get()
            words = known if known is not None else [_unpack(w) for w in found if w is not None]
            if articles is None:
                articles = parsed or []
            elif known is None:
                with contextlib.suppress(OSError):  # a cache that cannot be written only costs
                    store_cached(key, articles, words)
            if index is not None:
                index([p for p in prepared if p is not None], words)
            all_articles.extend(articles)
            all_words.extend(words)
            finished += 1
            if progress:
                progress("segment", finished, len(files))

    repairers: list[Repairer | None] = []  # trained once, on the first page file to parse
    parallel = size >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1
    prepare = index is not None
    with pool() if parallel else contextlib.nullcontext() as workers:

        def run(function: Callable[..., _Done], *args: object) -> Any:
            if workers is None:
                return _Immediate(function(*args))
            return workers.apply_async(function, args)

        for number, (source, key) in enumerate(zip(files, keys, strict=True)):
            cached = load_cached(key)
            articles: list[Article] | None
            if cached is not None:
                articles, known = cached
            elif is_markdown(source.name):
                articles, known = None, None
            else:
                if not repairers:
                    repairers.append(corpus_repairer(files))
                articles, known = parse_file(source, repairers[0]), None
            if progress:
                progress("parse", number + 1, len(files))
            if articles is None:
                result = run(_parse_segment_and_prepare, source, key, prepare)
            elif known is not None and not prepare:
                result = _Immediate((None, [None] * len(articles), [None] * len(articles)))
            else:
                work: _Work = [
                    (_search_doc(a), None if known is None else known[i])
                    for i, a in enumerate(articles)
                ]
                result = run(_segment_and_prepare, work, prepare)
            pending.append((key, articles, known, result))
            finish(block=False)
        finish(block=True)
    return infer_regions(all_articles), all_words, fingerprints


def _write_rows(
    conn: sqlite3.Connection,
    articles: list[Article],
    fingerprints: list[tuple[str, int, int, str]],
    indexer: Indexer,
    progress: Progress | None,
) -> None:
    """Write the sources, articles, paragraphs and repairs, and finish the search index."""
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
    indexer.finish()
    if progress:
        progress("index", 1, 1)


THEMES_FORK_CHARS = 400_000
"""From this many characters of articles, themes are found in a forked process (forking costs
tens of milliseconds; finding themes, seconds)."""


def _find_themes(
    docs: list[ThemeDoc],
    words: list[list[str]],
    curated: CuratedThemes | None,
    sender: multiprocessing.connection.Connection,
) -> None:
    """Child side of `_ThemesJob`: send back the themes, or the error that stopped it."""
    from reader import themes

    try:
        sender.send(themes.extract_themes(docs, words, curated=curated))
    except Exception as error:  # raised again in the parent, which reports it
        sender.send(error)
    finally:
        sender.close()


class _ThemesJob:
    """Theme extraction running beside the database writes: in a forked child (which inherits
    the articles and words, so nothing is pickled but the themes), or in-process when the corpus
    is small or fork is unavailable."""

    def __init__(
        self, docs: list[ThemeDoc], words: list[list[str]], curated: CuratedThemes | None
    ) -> None:
        self._args = (docs, words, curated)
        self._child: multiprocessing.process.BaseProcess | None = None
        self._receiver: multiprocessing.connection.Connection | None = None
        chars = sum(len(d.text) for d in docs)
        if (
            chars < THEMES_FORK_CHARS
            or "fork" not in multiprocessing.get_all_start_methods()
            or sys.platform == "darwin"
            or (os.cpu_count() or 1) < 2
        ):
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        # Buffered output would be written twice, once by the child.
        sys.stdout.flush()
        sys.stderr.flush()
        self._child = context.Process(
            target=_find_themes, args=(docs, words, curated, sender), daemon=True
        )
        self._child.start()
        sender.close()
        self._receiver = receiver

    def result(self) -> list[Theme]:
        """The themes (waits for the child).

        Raises:
            ReaderError: the child ended without an answer (killed).
        """
        from reader import themes

        if self._receiver is None:
            return themes.extract_themes(self._args[0], self._args[1], curated=self._args[2])
        try:
            value = self._receiver.recv()
        except EOFError as error:
            raise ReaderError("finding themes failed: its process ended early") from error
        finally:
            self.cancel()
        if isinstance(value, Exception):
            raise value
        found: list[Theme] = value
        return found

    def cancel(self) -> None:
        """Stop the child if it is still running, and release the pipe."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        if self._child is not None:
            if self._child.is_alive():
                self._child.terminate()
            self._child.join()
            self._child = None


def _write(
    conn: sqlite3.Connection,
    corpus: Path,
    collected: tuple[list[Article], list[list[str]], list[tuple[str, int, int, str]]],
    indexer: Indexer,
    progress: Progress | None,
) -> None:
    """Write everything but the search index's articles, which `collect` has already added."""
    from reader import themes

    articles, words, fingerprints = collected
    theme_docs = [themes.ThemeDoc(a.id, a.title, a.body) for a in articles]
    curated_path = _themes_file(corpus)
    # Hashed before reading, so an edit during the build leaves the database stale, not wrong.
    themes_digest = _themes_digest(corpus)
    curated = themes.load_curated(curated_path) if curated_path.is_file() else None
    # Themes are found in a forked process while this one writes the rows and the index.
    job = _ThemesJob(theme_docs, words, curated)
    try:
        _write_rows(conn, articles, fingerprints, indexer, progress)
        if progress:
            progress("themes", 0, 1)
        found = job.result()
    finally:
        job.cancel()
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
        "themes": themes_digest,
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
    from reader import search

    started = time.perf_counter()
    corpus = corpus.expanduser().resolve()
    db = database_path(corpus)
    if not force and not is_stale(corpus, db):
        return _report(db, started, built=False)
    with _build_lock(db):
        # Another process may have finished the same build while this one waited for the lock.
        if not force and not is_stale(corpus, db):
            return _report(db, started, built=False)
        sweep_temporaries(db)
        temporary = db.with_name(f"{db.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(temporary)
            try:
                conn.execute("PRAGMA journal_mode=OFF")
                conn.execute("PRAGMA synchronous=OFF")
                with conn:
                    conn.executescript(schema.SCHEMA)
                    search.create_schema(conn)
                    indexer = search.Indexer(conn)
                    # The index is filled while the corpus is being segmented.
                    collected = collect(corpus, progress, index=indexer.add)
                    if not collected[0]:
                        raise ReaderError(f"{corpus}: no articles found (empty files?)")
                    _write(conn, corpus, collected, indexer, progress)
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
