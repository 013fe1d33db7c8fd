"""Collecting a corpus: parse, repair, segment and prepare every article, on all cores."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.model import Article
from reader.store.cache import (
    Packed,
    PackedWords,
    cache_entry,
    cache_key,
    load_cached,
    pack,
    read_entry,
    repaired,
    store_cached,
    store_entry,
    unpack,
)
from reader.store.schema import Progress
from reader.store.staleness import file_sha256

if TYPE_CHECKING:
    from reader.ingest.pipeline import Repairer, SourceFile
    from reader.search import PreparedDoc, SearchDoc

PARALLEL_BYTES = 1_200_000
"""Corpora smaller than this (about 400,000 characters) are segmented in-process: starting a
worker costs about a second of dictionary loading."""


def runs_in_parallel(size: int) -> bool:
    """Whether work on sources of `size` bytes is worth other processes (and there are cores)."""
    return size >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1


_Work = list[tuple["SearchDoc", Packed | None]]
_Done = tuple[bytes | None, list[Packed | None], list["PreparedDoc | None"]]
"""What a worker sends back: the file's cache entry when it parsed the file (its articles and
packed words, pickled once for both the cache and the caller), else the packed words it found
(None where the caller knew them already); and the prepared articles (or Nones)."""


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
    found: list[Packed | None] = []
    prepared: list[PreparedDoc | None] = []
    for doc, known in work:
        words = cut(doc.text) if known is None else unpack(known)
        found.append(pack(words, doc.text) if known is None else None)
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
    packed: list[Packed] = [pack(w, doc.text) for w, doc in zip(words, docs, strict=True)]
    entry = cache_entry(articles, packed)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        store_entry(key, entry)
    return (
        entry,
        [],
        [prepare_doc(doc, w) if prepare else None for doc, w in zip(docs, words, strict=True)],
    )


def _preload() -> None:
    """Load what the workers need before they are forked, so they share it instead of each
    loading it: the segmenter's table of jieba's dictionary (0.26 s from its cache), and the
    folding tables of index preparation.

    Without the table cached (a first run), building it takes about 2 s: the workers build it
    side by side then, rather than this process alone while the other core waits.
    """
    from reader.text.normalize import fold_with_diff, variant_pattern
    from reader.text.segment import segmenter, weights_cached

    if weights_cached():
        segmenter()
    fold_with_diff("")
    variant_pattern()


class _Immediate:
    """The already computed result of work done in-process (a `Future`'s shape)."""

    def __init__(self, value: _Done) -> None:
        self._value = value

    def done(self) -> bool:
        return True

    def result(self) -> _Done:
        return self._value


def collect(
    corpus: Path,
    progress: Progress | None = None,
    *,
    index: Callable[[Sequence[PreparedDoc]], None] | None = None,
    each_file: Callable[[list[Article]], None] | None = None,
    regions: bool = True,
    while_waiting: Callable[[], object] | None = None,
) -> tuple[list[Article], PackedWords, list[tuple[str, int, int, str]]]:
    """Parse every source file and segment every article, reusing cached per-file results.

    Worker processes parse the files that are not repaired (Markdown, PDF), and segment (and,
    with `index`, fold and pack for the search index) every file; page text, whose repair model
    is trained on the whole corpus, is parsed here. Files are handed out in order and their
    results taken back in order, so parsing, segmenting and indexing overlap instead of running
    one after the other.

    Args:
        corpus: The corpus file or directory.
        progress: Optional progress callback (stages `parse` and `segment`).
        index: Called with each file's articles prepared for the search index
            (`reader.search.prepare`), in corpus order, as soon as they are ready.
        each_file: Called with each file's articles, in corpus order, as soon as they are
            ready (their regions not yet inferred).
        regions: Infer the regions of articles whose byline names none
            (`reader.ingest.pipeline.infer_regions`); the builder does it itself, later.
        while_waiting: Called once all files are handed out to the workers, when this process
            would wait for their first results (to load what is needed later).

    Returns:
        The articles in corpus order, their jieba words (unpacked as read), and the source
        fingerprints.
    """
    from reader.ingest.formats import format_of
    from reader.ingest.pipeline import corpus_files, infer_regions, parse_file
    from reader.ingest.repair_step import corpus_repairer
    from reader.text.segment import pool, start_method

    files = corpus_files(corpus)
    hashes = []
    fingerprints = []
    size = 0
    for source in files:
        stat = source.path.stat()
        digest = file_sha256(source.path)
        hashes.append(digest)
        fingerprints.append((source.name, stat.st_size, stat.st_mtime_ns, digest))
        size += round(stat.st_size * format_of(source.name).cost)
    # The repair model is trained on the raw page text of the corpus (not on Markdown or PDF),
    # so only those files' contents enter the key of repaired results.
    corpus_key = hashlib.sha256(
        "".join(h for f, h in zip(files, hashes, strict=True) if repaired(f.name)).encode()
    ).hexdigest()
    keys = [
        cache_key(source.name, digest, corpus_key)
        for source, digest in zip(files, hashes, strict=True)
    ]
    all_articles: list[Article] = []
    all_words: list[Packed] = []
    # Per file in flight: its cache key, its articles (None: a worker parses them), the known
    # words (None: being segmented), and the result.
    pending: deque[tuple[str, list[Article] | None, list[Packed] | None, Any]] = deque()
    finished = 0

    def finish(block: bool) -> None:
        nonlocal finished
        while pending and (block or pending[0][3].done()):
            key, articles, known, result = pending.popleft()
            entry, found, prepared = result.result()
            words = known if known is not None else [w for w in found if w is not None]
            if entry is not None:
                articles, words = read_entry(entry)
            elif articles is None:
                articles = []
            elif known is None:
                with contextlib.suppress(OSError):  # a cache that cannot be written only costs
                    store_cached(key, articles, words)
            if index is not None:
                index([p for p in prepared if p is not None])
            if each_file is not None:
                each_file(articles)
            all_articles.extend(articles)
            all_words.extend(words)
            finished += 1
            if progress:
                progress("segment", finished, len(files))

    repairers: list[Repairer | None] = []  # trained once, on the first page file to parse
    parallel = runs_in_parallel(size)
    prepare = index is not None
    if parallel and start_method() == "fork":
        _preload()
    with pool() if parallel else contextlib.nullcontext() as workers:

        def run(function: Callable[..., _Done], *args: object) -> Any:
            if workers is None:
                return _Immediate(function(*args))
            return workers.submit(function, *args)

        for number, (source, key) in enumerate(zip(files, keys, strict=True)):
            cached = load_cached(key)
            articles: list[Article] | None
            if cached is not None:
                articles, known = cached
            elif not repaired(source.name):
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
        if while_waiting is not None:
            while_waiting()
        finish(block=True)
    if regions:
        all_articles = infer_regions(all_articles)
    return all_articles, PackedWords(all_words), fingerprints
