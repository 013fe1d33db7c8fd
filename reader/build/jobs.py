"""What a build's worker processes do with one file: parse it, segment it, prepare its index rows.

These functions run in worker processes (or in the building process, for a small corpus) and
return a `Done`, which crosses back by pickling: they send back only what the caller lacks.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.build.cache import Packed, cache_entry, pack, store_entry, unpack
from reader.model import Article

if TYPE_CHECKING:
    from reader.ingest.pipeline import SourceFile
    from reader.search import PreparedDoc, SearchDoc


@dataclass(frozen=True)
class Done:
    """A worker's answer for one file.

    Attributes:
        entry: The file's cache entry, when the worker parsed the file: its articles and packed
            words, pickled once for both the cache file and this answer.
        words: Otherwise the packed words it found, per article (None where the caller sent
            them, knowing them already).
        prepared: The articles prepared for the search index (None each when not asked for).
    """

    entry: bytes | None
    words: list[Packed | None]
    prepared: list[PreparedDoc | None]


def search_doc(article: Article) -> SearchDoc:
    """An article as the search index takes it."""
    from reader.search import SearchDoc

    return SearchDoc(article.id, article.title, article.byline or "", article.body)


def segment_and_prepare(work: list[tuple[SearchDoc, Packed | None]], prepare: bool) -> Done:
    """Segment the articles whose words are not known yet, and prepare each for the index.

    Args:
        work: Each article, with its packed words when the caller has them (from the cache).
        prepare: Prepare index rows (`reader.search.prepare`).
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
    return Done(None, found, prepared)


def parse_segment_and_prepare(source: SourceFile, key: str, prepare: bool) -> Done:
    """Parse a file that needs no repairer, segment it, cache both, and prepare it.

    Parsing and caching here rather than in the process writing the database keeps that process,
    the bottleneck, to inserting rows.

    Args:
        source: The file.
        key: Its cache key.
        prepare: Prepare index rows.
    """
    from reader.ingest import pipeline
    from reader.search import prepare as prepare_doc
    from reader.text.segment import segmenter

    articles = pipeline.parse_file(source)
    cut = segmenter()
    docs = [search_doc(a) for a in articles]
    words = [cut(doc.text) for doc in docs]
    packed: list[Packed] = [pack(w, doc.text) for w, doc in zip(words, docs, strict=True)]
    entry = cache_entry(articles, packed)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        store_entry(key, entry)
    return Done(
        entry,
        [],
        [prepare_doc(doc, w) if prepare else None for doc, w in zip(docs, words, strict=True)],
    )


def preload() -> None:
    """Load what the workers need before they are forked, so they share it instead of each
    loading it: the segmenter's table of jieba's dictionary (0.26 s from its cache), the
    pinyin codes of the characters (0.15 s, their readings from the cache), and the folding
    tables of index preparation.

    Without the tables cached (a first run), building them takes about 2 s and 0.4 s: the
    workers build them side by side then, rather than this process alone while the other core
    waits.
    """
    from reader.search.pinyin_columns import preload as preload_pinyin
    from reader.text.normalize import fold_with_diff, variant_pattern
    from reader.text.pinyin import readings_cached
    from reader.text.segment import segmenter, weights_cached

    if weights_cached():
        segmenter()
    if readings_cached():
        preload_pinyin()
    fold_with_diff("")
    variant_pattern()


def warm() -> None:
    """Load the tables the end of a build needs (place names for regions, jieba's IDF and tags
    for themes, pypinyin's readings for the index), while the workers segment the last files:
    at the end nothing runs beside it."""
    from reader.ingest.regions import dictionary_places
    from reader.search.pinyin_columns import codes
    from reader.themes.lexicon import load_lexicon

    dictionary_places()
    load_lexicon()
    codes()  # the characters' readings and tokens, which the index keeps at the end
