"""Per-file cache of parsed articles and their jieba words: a rebuild redoes only what changed."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from reader.model import Article
from reader.paths import cache_dir
from reader.store import schema


def _parsed_cache(key: str) -> Path:
    return cache_dir() / "parsed" / f"{key}.pickle"


Packed = str | list[str]
"""An article's jieba words as they are cached and cross between processes: joined by
`SEPARATOR` (one string pickles and unpickles many times faster than a list of short ones), or
a plain list when the text holds the separator itself."""

SEPARATOR = "\x00"


def pack(words: list[str], text: str) -> Packed:
    """Pack the words of `text` (see `Packed`)."""
    return words if SEPARATOR in text else SEPARATOR.join(words)


def unpack(packed: Packed) -> list[str]:
    """The words, from `pack`."""
    if isinstance(packed, list):
        return packed
    return packed.split(SEPARATOR) if packed else []


class PackedWords(Sequence[list[str]]):
    """Articles' words kept packed, each unpacked when read: most are never read whole (the
    search index is prepared in the workers; themes read a sample)."""

    def __init__(self, packed: list[Packed]) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[str]]: ...

    def __getitem__(self, index: int | slice) -> list[str] | list[list[str]]:
        if isinstance(index, slice):
            return [unpack(p) for p in self._packed[index]]
        return unpack(self._packed[index])


def load_cached(key: str) -> tuple[list[Article], list[Packed]] | None:
    """The cached articles and packed words for a key, or None when absent or unreadable."""
    try:
        return read_entry(_parsed_cache(key).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


def cache_entry(articles: list[Article], words: list[Packed]) -> bytes:
    """A file's cache entry: its articles and their packed words, pickled.

    A worker pickles them once, for the cache file and for the process it sends them to.
    """
    return pickle.dumps((articles, words), protocol=pickle.HIGHEST_PROTOCOL)


def read_entry(entry: bytes) -> tuple[list[Article], list[Packed]]:
    """The articles and packed words of a cache entry.

    Raises:
        ValueError: the entry does not hold them.
        pickle.UnpicklingError: it is not a pickle.
    """
    value = pickle.loads(entry)
    if not (isinstance(value, tuple) and len(value) == 2):
        raise ValueError("not a cache entry")
    articles, words = value
    return list(articles), list(words)


def store_cached(key: str, articles: list[Article], words: list[Packed]) -> None:
    """Write a cache entry atomically (a temporary file renamed into place)."""
    store_entry(key, cache_entry(articles, words))


def store_entry(key: str, entry: bytes) -> None:
    """Write a pickled cache entry (`cache_entry`) atomically."""
    path = _parsed_cache(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(entry)
    os.replace(temporary, path)


def repaired(name: str) -> bool:
    """Whether a source's format is repaired with the corpus-wide model (see `Format`)."""
    from reader.ingest.formats import format_of

    return format_of(name).repaired


def cache_key(name: str, digest: str, corpus_key: str) -> str:
    """Per-file cache key. Raw page text is repaired with a model trained on the whole corpus,
    so its key includes the corpus; other formats are keyed by themselves alone."""
    scope = corpus_key if repaired(name) else ""
    return hashlib.sha256(
        f"{schema.PIPELINE_VERSION}\0{name}\0{digest}\0{scope}".encode()
    ).hexdigest()
