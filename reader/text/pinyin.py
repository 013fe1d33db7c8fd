"""Pinyin readings of Han characters, without tones, from pypinyin's data (used when building).

Only the build reads pypinyin (`char_readings`, once per pypinyin version, then from the cache
directory): the readings of the characters a corpus uses go into its database, and a query
reads them from there, so searching never loads pypinyin.

Which readings a character has: pypinyin lists every reading dictionaries give (是 shì and tí,
台 tái, yí and sì, 大 dà, dài and tài); many are archaic or belong to one name. A character here
has its first reading (pypinyin's default, the common one) and every other reading that
pypinyin's phrase dictionary uses in a word (行 xing in 行走 and hang in 银行, 长 chang and
zhang, 的 de and di in 的确, 目的). On the news archive that leaves 315 characters with more
than one reading (12 % of Han text) instead of 1,264 (30 %), which keeps a pinyin query's
expansion small (see `reader.search.pinyin`); a reading found in no word is not searched for.

A reading is written without tones in lower-case letters: ü as `v` (`lv` 绿, `nv` 女, as
pypinyin and most input methods write it), ê as `e`. `lve` and `nve` (略, 虐) may also be
typed `lue` and `nue`, which are no other syllable.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import unicodedata
from functools import cache
from importlib import metadata
from pathlib import Path

from reader.paths import cache_dir

ALIASES = {"lve": "lue", "nve": "nue"}
"""Second spellings of readings, for what input methods accept too (no other syllable)."""


def toneless(reading: str) -> str:
    """A pypinyin reading without its tone mark: ü as `v`, ê as `e`.

    Args:
        reading: A reading with tone marks, such as `lǜ`, `zhōng` or `m̀`.

    Returns:
        The toneless reading in ASCII lower case (`lv`, `zhong`, `m`); empty when it has
        letters beyond pinyin's.
    """
    decomposed = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain if plain.isascii() and plain.isalpha() else ""


READINGS_FORMAT = 1
"""Bump when what `char_readings` computes changes (its cache file is then not reused)."""


def _readings_file() -> Path:
    """Where `char_readings` keeps its table, keyed by pypinyin's version."""
    try:
        version = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        version = "?"
    key = f"{READINGS_FORMAT}\0{version}"
    return cache_dir() / f"pinyin-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def readings_cached() -> bool:
    """Whether `char_readings` can load its table from the cache (else it reads pypinyin)."""
    return _readings_file().is_file()


@cache
def char_readings() -> dict[str, tuple[str, ...]]:
    """Every character pypinyin knows, with its readings in use (see the module docstring).

    Worked out from pypinyin's tables once (about 0.4 s: loading pypinyin, then its 41,923
    characters and 47,111 words) and kept in the cache directory, keyed by pypinyin's version;
    loading that takes some 20 ms. Remembered in the process.

    Returns:
        Character → its toneless readings, sorted, aliases included; characters whose readings
        are all outside pinyin's letters are left out.
    """
    path = _readings_file()
    try:
        table = marshal.loads(path.read_bytes())
        if isinstance(table, dict):
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass  # absent or damaged: worked out again below
    table = _from_pypinyin()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(table))
        os.replace(temporary, path)
    return table


def _from_pypinyin() -> dict[str, tuple[str, ...]]:
    """`char_readings` worked out from pypinyin's tables."""
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    stripped: dict[str, str] = {}

    def strip(reading: str) -> str:
        found = stripped.get(reading)
        if found is None:
            found = stripped[reading] = toneless(reading)
        return found

    in_words: dict[str, set[str]] = {}
    for phrase, readings in phrases_dict.items():
        if len(phrase) != len(readings):
            continue  # a few entries do not give one reading per character
        for char, options in zip(phrase, readings, strict=True):
            in_words.setdefault(char, set()).update(map(strip, options))
    table: dict[str, tuple[str, ...]] = {}
    for point, listed in pinyin_dict.items():
        char = chr(point)
        every = [strip(reading) for reading in listed.split(",")]
        chosen = {every[0]} | (in_words.get(char, set()) & set(every))
        chosen |= {ALIASES[r] for r in chosen if r in ALIASES}
        chosen.discard("")
        if chosen:
            table[char] = tuple(sorted(chosen))
    return table
