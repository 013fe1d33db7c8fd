"""Where things live: bundled corpus, database cache, state and config (XDG, platformdirs)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("yuedu", appauthor=False)


def bundled_corpus() -> Path:
    """The corpus shipped with the package (or the source tree's `corpus/` when not installed)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_corpus"
    if packaged.is_dir():
        return packaged
    return here.parent / "corpus"


def default_corpus() -> Path:
    """`READER_CORPUS` if set, else the bundled corpus."""
    env = os.environ.get("READER_CORPUS")
    return Path(env).expanduser() if env else bundled_corpus()


def cache_dir() -> Path:
    """The user cache directory (databases, jieba's dictionary cache)."""
    return Path(_DIRS.user_cache_dir)


def state_dir() -> Path:
    """The user state directory (last article, scroll positions)."""
    return Path(_DIRS.user_state_dir)


def config_dir() -> Path:
    """The user config directory (`config.toml`)."""
    return Path(_DIRS.user_config_dir)


def database_path(corpus: Path) -> Path:
    """The database file for a corpus, keyed by its resolved path."""
    resolved = str(corpus.expanduser().resolve())
    key = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]
    name = corpus.resolve().name or "corpus"
    return cache_dir() / "db" / f"{name}-{key}.sqlite3"
