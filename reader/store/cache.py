"""Per-file cache of parsed articles and their jieba words: a rebuild redoes only what changed."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from reader.model import Article
from reader.paths import cache_dir
from reader.store import schema


def _parsed_cache(key: str) -> Path:
    return cache_dir() / "parsed" / f"{key}.pickle"


def load_cached(key: str) -> tuple[list[Article], list[list[str]]] | None:
    """The cached articles and words for a key, or None when absent or unreadable."""
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


def store_cached(key: str, articles: list[Article], words: list[list[str]]) -> None:
    """Write a cache entry atomically (a temporary file renamed into place)."""
    path = _parsed_cache(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        pickle.dump((articles, words), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def is_markdown(name: str) -> bool:
    """Whether a source is Markdown (never repaired) by its name."""
    return name.lower().endswith((".md", ".markdown"))


def cache_key(name: str, digest: str, corpus_key: str) -> str:
    """Per-file cache key. Raw page text is repaired with a model trained on the whole corpus,
    so its key includes the corpus; Markdown is never repaired and is keyed by itself alone."""
    scope = "" if is_markdown(name) else corpus_key
    return hashlib.sha256(
        f"{schema.PIPELINE_VERSION}\0{name}\0{digest}\0{scope}".encode()
    ).hexdigest()
