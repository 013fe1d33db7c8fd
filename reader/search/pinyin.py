"""Pinyin in queries: a term's syllable cuts, its FTS5 phrases, its regular expression.

The index has two pinyin columns (`reader.search.pinyin_columns`): one token per character for
the set of its readings, and one for the set of their initials. The readings of the corpus's
characters and their tokens are read from the database (`Readings`): a query never loads
pypinyin.

A query term of Latin letters (and apostrophes) is read as pinyin in one of two ways:

- **Full syllables**, when it can be cut into syllables that the corpus's characters read as
  (`renda` → ren·da; `xian` → xian, or xi·an for 西安): every cut is tried (at most
  `MAX_SPLITS`); an apostrophe forces a cut (`xi'an`). A character matches a syllable when it
  is one of its readings.
- **Initials**, when it cannot (`rmdb`, `zg`) and has two letters or more: each letter is the
  first letter of a reading of one character (zh, ch and sh are z, c, s).

Full syllables and initials do not mix within a term (`rmdaibiao` is neither); the terms of a
query may each be read either way. A syllable (or letter) in the query matches a character when
any of its readings fits, so the term becomes an FTS5 phrase of tokens for every combination of
reading sets that fit, position by position: exact, as a phrase on these columns is exactly a
run of characters next to each other. When the combinations exceed `PHRASE_BUDGET`, the phrases
cover only the first positions of each cut, a complete filter, and every candidate is checked
on its text with `pattern` (the same readings as a regular expression of character classes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Literal

from reader.text.normalize import char_class

MAX_LETTERS = 64
"""Longer terms are not read as pinyin."""
MAX_SPLITS = 64
"""A term with more ways to cut it into syllables is not read as pinyin (`xian` has 2)."""
PHRASE_BUDGET = 64
"""The most FTS5 phrases one pinyin term becomes; beyond, a shorter filter and a check."""

_PINYIN_TERM = re.compile(r"[a-z']*[a-z][a-z']*")


@dataclass(frozen=True)
class Readings:
    """What a corpus's characters read as, indexed for queries (built from its database).

    Attributes:
        tokens: Syllable → the `p` tokens (reading sets) of the corpus that contain it; initial
            letter → the `i` tokens that contain it.
        chars: Syllable or initial letter → the corpus's characters that read so.
        syllables: The syllables, for cutting a term.
    """

    tokens: Mapping[str, tuple[str, ...]]
    chars: Mapping[str, str]
    initial_tokens: Mapping[str, tuple[str, ...]]
    initial_chars: Mapping[str, str]
    syllables: frozenset[str]

    @classmethod
    def of(cls, rows: Sequence[tuple[str, Sequence[str], str]]) -> Readings:
        """Index the corpus's characters.

        Args:
            rows: `(character, its toneless readings, its p token)`; the `i` token is the p
                token's first two letters.

        Returns:
            The readings, by syllable and by initial.
        """
        tokens: dict[str, set[str]] = {}
        chars: dict[str, list[str]] = {}
        initial_tokens: dict[str, set[str]] = {}
        initial_chars: dict[str, list[str]] = {}
        for char, readings, token in rows:
            for reading in set(readings):
                tokens.setdefault(reading, set()).add(token)
                chars.setdefault(reading, []).append(char)
            for letter in {reading[0] for reading in readings}:
                initial_tokens.setdefault(letter, set()).add(token[:2])
                initial_chars.setdefault(letter, []).append(char)
        return cls(
            {s: tuple(sorted(t)) for s, t in tokens.items()},
            {s: "".join(sorted(c)) for s, c in chars.items()},
            {s: tuple(sorted(t)) for s, t in initial_tokens.items()},
            {s: "".join(sorted(c)) for s, c in initial_chars.items()},
            frozenset(tokens),
        )


def splits(word: str, syllables: frozenset[str], limit: int = MAX_SPLITS) -> list[tuple[str, ...]]:
    """Every way to cut a word into syllables (none when there are more than `limit`).

    Args:
        word: Lower-case letters, apostrophes marking cuts that must be made.
        syllables: The syllables allowed.
        limit: The most cuts.

    Returns:
        The cuts, each a tuple of syllables; empty when there is none or more than `limit`.
    """
    longest = max(map(len, syllables), default=0)
    cuts: list[tuple[str, ...]] = [()]
    for segment in filter(None, word.split("'")):
        # ways[i]: the cuts of segment[i:], counted from the end first, so that an explosion
        # (xianxianxian…) is noticed before any cut is built.
        ways = [0] * len(segment) + [1]
        for start in range(len(segment) - 1, -1, -1):
            ways[start] = sum(
                ways[end]
                for end in range(start + 1, min(len(segment), start + longest) + 1)
                if segment[start:end] in syllables
            )
        if ways[0] == 0 or ways[0] * len(cuts) > limit:
            return []
        tails = _cuts(segment, 0, syllables, ways)
        cuts = [cut + tail for cut in cuts for tail in tails]
    return cuts if cuts != [()] else []


def _cuts(
    segment: str, start: int, syllables: frozenset[str], ways: list[int]
) -> list[tuple[str, ...]]:
    """The cuts of `segment[start:]`, following only syllables after which a cut goes on."""
    if start == len(segment):
        return [()]
    found = []
    for end in range(start + 1, len(segment) + 1):
        if ways[end] and segment[start:end] in syllables:
            found += [(segment[start:end], *rest) for rest in _cuts(segment, end, syllables, ways)]
    return found


@dataclass(frozen=True)
class PinyinTerm:
    """A query term read as pinyin.

    Attributes:
        kind: `syllables` or `initials`.
        paths: The cuts (for initials, the one cut into letters): each position one syllable
            or letter, matching one character.
    """

    kind: Literal["syllables", "initials"]
    paths: tuple[tuple[str, ...], ...]

    @property
    def min_length(self) -> int:
        """The fewest characters a match covers."""
        return min(map(len, self.paths))

    def _tokens(self, readings: Readings, position: str) -> tuple[str, ...]:
        if self.kind == "initials":
            return readings.initial_tokens.get(position, ())
        return readings.tokens.get(position, ())

    def _chars(self, readings: Readings, position: str) -> str:
        if self.kind == "initials":
            return readings.initial_chars.get(position, "")
        return readings.chars.get(position, "")

    def phrases(self, readings: Readings, budget: int | None = None) -> tuple[list[str], bool]:
        """The FTS5 phrases (token sequences) that find this term in the pinyin columns.

        Args:
            readings: The corpus's readings.
            budget: The most phrases wanted (default `PHRASE_BUDGET`).

        Returns:
            The phrases, and whether they are exact (each match of a phrase is a match of the
            term); when not, they cover only the first positions of each cut, so that every
            match of the term is a match of some phrase, and matches must be checked.
        """
        budget = PHRASE_BUDGET if budget is None else budget
        longest = max(map(len, self.paths))
        for width in range(longest, 0, -1):
            heads = dict.fromkeys(path[:width] for path in self.paths)
            combinations = [[self._tokens(readings, p) for p in head] for head in heads]
            size = sum(_product_size(options) for options in combinations)
            if size <= budget or width == 1:
                phrases = [
                    " ".join(tokens) for options in combinations for tokens in product(*options)
                ]
                return list(dict.fromkeys(phrases)), width == longest
        raise AssertionError("unreachable: a term has at least one position")

    def pattern(self, readings: Readings) -> re.Pattern[str]:
        """A regular expression of the characters that match, for checking and counting.

        At one place the longest match is taken (the cuts with the most syllables first).

        Args:
            readings: The corpus's readings.

        Returns:
            The compiled pattern (it matches nothing when a position has no characters).
        """
        alternatives = []
        for path in sorted(set(self.paths), key=len, reverse=True):
            classes = [self._chars(readings, position) for position in path]
            if all(classes):
                alternatives.append("".join(map(char_class, classes)))
        return re.compile("|".join(alternatives) if alternatives else r"(?!)")


def _product_size(options: Sequence[Sequence[str]]) -> int:
    size = 1
    for choice in options:
        size *= len(choice)
    return size


def read_term(term: str, readings: Readings) -> PinyinTerm | None:
    """A folded query term read as pinyin, if it can be (see the module docstring).

    Args:
        term: The folded term.
        readings: The corpus's readings.

    Returns:
        Its reading as full syllables or initials, or None when it is no pinyin.
    """
    if len(term) > MAX_LETTERS or not _PINYIN_TERM.fullmatch(term):
        return None
    cuts = splits(term, readings.syllables)
    if cuts:
        return PinyinTerm("syllables", tuple(cuts))
    if "'" in term or len(term) < 2 or not all(c in readings.initial_chars for c in term):
        return None
    return PinyinTerm("initials", (tuple(term),))
