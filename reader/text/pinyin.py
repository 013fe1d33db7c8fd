"""Pinyin readings of Han characters, without tones, from pypinyin's data (used when building).

Only the build reads pypinyin (`char_readings`): the readings of the characters a corpus uses
go into its database, and a query reads them from there, so searching never loads pypinyin.

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

import unicodedata
from functools import cache

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


@cache
def char_readings() -> dict[str, tuple[str, ...]]:
    """Every character pypinyin knows, with its readings in use (see the module docstring).

    Loads pypinyin (about 0.2 s) and works through its tables (about 0.15 s); remembered.

    Returns:
        Character → its toneless readings, sorted, aliases included; characters whose readings
        are all outside pinyin's letters are left out.
    """
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
