"""What jieba knows of words in general Chinese: its IDF table and dictionary tags, read lazily."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reader.paths import cache_dir
from reader.text.jieba_files import jieba_file

_UNKNOWN_IDF = 10.0
"""IDF of a word missing from jieba's table if the table itself cannot be read."""

NOT_FIRST = frozenset(
    {"v", "vd", "vi", "vg", "vq", "d", "ad", "dg", "df", "p", "c", "r", "rr", "rz", "rg"}
    | {"u", "ud", "ug", "uj", "ul", "uv", "uz", "e", "y", "o", "q", "mq", "k", "h"}
)
"""jieba parts of speech that cannot start a phrase: verbs (not verbal nouns), adverbs,
prepositions, conjunctions, pronouns, particles (打击乌军, 举行仪式, 引发热烈反响)."""

NOT_ALONE = NOT_FIRST | frozenset({"a", "ag", "an", "b", "i", "l", "m", "z"})
"""…nor be a theme alone: also adjectives, idioms and set phrases (与时俱进), numerals."""

PERSON = frozenset({"nr", "nrfg"})
"""jieba's tags for personal names: a person is not a topic, so a name counts half its IDF
(the tags are noisy: 从严治党 is tagged nr, so names are demoted rather than banned)."""

_IDF_LINE = re.compile(r"^(\S+) ([0-9.]+)$", re.MULTILINE)
_TAG_LINE = re.compile(
    rf"^(\S+) \d+ ({'|'.join(sorted(NOT_ALONE | PERSON, key=lambda t: (-len(t), t)))})$",
    re.MULTILINE,
)

_CACHE_FORMAT = "1"
"""Changed with `Lexicon`'s fields (the cache key covers jieba's files and the patterns)."""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lexicon:
    """What jieba knows of words in general Chinese: IDF and part of speech."""

    idf: dict[str, float]
    median: float
    """The IDF given to a word the table lacks (jieba's own choice)."""
    tags: dict[str, str]
    """Part of speech, kept only for words that cannot start a phrase or stand alone, and for
    personal names."""


@cache
def load_lexicon() -> Lexicon:
    """jieba's IDF table and the part-of-speech tags of its dictionary, read once (build time).

    Both files ship inside the jieba package (`analyse/idf.txt`, `dict.txt`); they are located
    without importing jieba, whose only loader is `reader.text.segment`. Parsing them takes a
    third of a second, so the tables are kept in the user cache directory, under a digest of
    both files and of the patterns that read them: unpickled, they load in a third of the time.
    """
    idf_path, dict_path = jieba_file("analyse/idf.txt"), jieba_file("dict.txt")
    if idf_path is None or dict_path is None:
        return Lexicon({}, _UNKNOWN_IDF, {})
    digest = hashlib.sha1(usedforsecurity=False)
    for part in (_CACHE_FORMAT, _IDF_LINE.pattern, _TAG_LINE.pattern):
        digest.update(part.encode() + b"\0")
    digest.update(idf_path.read_bytes())
    digest.update(b"\0")
    digest.update(dict_path.read_bytes())
    stored = cache_dir() / "themes" / f"lexicon-{digest.hexdigest()}.pickle"
    lexicon = _read_cached(stored)
    if lexicon is None:
        lexicon = _parse(idf_path, dict_path)
        _store(stored, lexicon)
    return lexicon


def _parse(idf_path: Path, dict_path: Path) -> Lexicon:
    idf = {
        word: float(value)
        for word, value in _IDF_LINE.findall(idf_path.read_text(encoding="utf-8"))
    }
    tags = dict(_TAG_LINE.findall(dict_path.read_text(encoding="utf-8")))
    values = sorted(idf.values())
    # jieba gives unknown words the median IDF; so do we.
    return Lexicon(idf, values[len(values) // 2] if values else _UNKNOWN_IDF, tags)


def _read_cached(path: Path) -> Lexicon | None:
    """The tables `_store` kept at `path`, or None when absent or unreadable."""
    try:
        value = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return value if isinstance(value, Lexicon) else None


def _store(path: Path, lexicon: Lexicon) -> None:
    """Keep the tables at `path` (written atomically); a failure only costs the next reader time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError as error:
        _log.warning("could not keep jieba's tables in %s: %s", path.parent, error)
