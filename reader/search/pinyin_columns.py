"""The index's pinyin columns: a short code per set of readings, and a text's two columns.

The FTS5 table has two pinyin columns beside the folded text (see `reader.search.index`): `p`
holds, for every folded character with readings (`reader.text.pinyin`), one token naming the
set of its readings (人 → ren, 行 → hang·heng·xing), and `i` one token naming the set of their
first letters (人 → r, 行 → h·x); a run of other characters is one gap token, so only characters
next to each other in the folded text are next to each other there.

A token is a code of capital letters from Latin-1 (À–Þ): folding makes every capital small, so
no folded character or word (the other columns' tokens) is one, and FTS5's `ascii` tokenizer
keeps them as they are (it lowers only A–Z). A `p` token is four letters: two for the set of
initials (the `i` token), two for the set of readings among those with these initials; so one
table lookup per character gives both columns, cut apart with slices. The codes are given in
sorted order of pypinyin's own sets, the same in every process of a build, and kept with each
character in `search_readings`, from which queries read them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

LETTERS = "".join(chr(c) for c in range(0xC0, 0xDF) if c != 0xD7)
"""The 30 capitals of the codes (À … Þ without ×): folding turns each into a small letter."""
GAP = LETTERS[0] * 4
"""The `p` token of a run of characters without readings (its first two letters: the `i` one)."""
_OTHER = "\x01"
"""What a character without readings becomes before its run is made one gap token."""
_OTHERS = re.compile(f"(?:{_OTHER})+")


def _code(number: int) -> str:
    """Two letters for a number below 900."""
    if not 0 <= number < len(LETTERS) ** 2:
        raise ValueError(f"no two-letter code for {number}")
    high, low = divmod(number, len(LETTERS))
    return LETTERS[high] + LETTERS[low]


def initials_of(readings: Sequence[str]) -> tuple[str, ...]:
    """The distinct first letters of some readings, sorted."""
    return tuple(sorted({reading[0] for reading in readings}))


@cache
def codes() -> dict[tuple[str, ...], str]:
    """Every set of readings pypinyin's characters have (`reader.text.pinyin.char_readings`)
    → its `p` token (loads pypinyin on first use).

    Returns:
        Sorted readings → four letters (the first two shared by the sets of the same initials;
        the gap's code is none of them).
    """
    from reader.text.pinyin import char_readings

    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for readings in sorted(set(char_readings().values())):
        groups.setdefault(initials_of(readings), []).append(readings)
    found = {}
    # Initials code 0 is the gap's.
    for head, (_, members) in enumerate(sorted(groups.items()), start=1):
        for tail, readings in enumerate(members):
            found[readings] = _code(head) + _code(tail)
    return found


class _Codes(dict[int, str]):
    """`str.translate` table: character → its code; a character without readings → `_OTHER`,
    remembered when first met."""

    def __missing__(self, point: int) -> str:
        self[point] = _OTHER
        return _OTHER


@cache
def _table() -> _Codes:
    from reader.text.pinyin import char_readings

    known = codes()
    table = _Codes()
    table.update({ord(char): known[readings] for char, readings in char_readings().items()})
    return table


def pinyin_codes(folded: str) -> str:
    """A folded text as `p` tokens without separators (four letters per character with
    readings, one gap per run of other characters): what a worker sends the writing process,
    half the size of both columns (loads pypinyin's data on first use).

    Args:
        folded: A folded text.

    Returns:
        The codes, run together.
    """
    # One table lookup per character: matching a character class of the 41,923 characters
    # with readings instead was some thousand times slower (it is tried range by range), and
    # a second lookup per character for the other column twice as slow as `expand`.
    return _OTHERS.sub(GAP, folded.translate(_table()))


def expand(codes: str) -> tuple[str, str]:
    """The `p` and `i` column texts of codes run together, by C-level slices.

    Args:
        codes: From `pinyin_codes`.

    Returns:
        The reading-set tokens and the initials tokens, each followed by a space.
    """
    data = codes.encode("latin-1")
    count = len(data) // 4
    spaces = b" " * count
    pinyin = bytearray(5 * count)
    for k in range(4):
        pinyin[k::5] = data[k::4]
    pinyin[4::5] = spaces
    initials = bytearray(3 * count)
    initials[0::3] = data[0::4]
    initials[1::3] = data[1::4]
    initials[2::3] = spaces
    return pinyin.decode("latin-1"), initials.decode("latin-1")


def columns(folded: str) -> tuple[str, str]:
    """The `p` and `i` column texts of a folded text (`expand` of its `pinyin_codes`).

    Args:
        folded: A folded text.

    Returns:
        The reading-set tokens and the initials tokens, one per character with readings and
        one gap token per run of other characters, each followed by a space.
    """
    return expand(pinyin_codes(folded))


def preload() -> None:
    """Load pypinyin's data and the codes now (for a process about to fork workers)."""
    _table()
