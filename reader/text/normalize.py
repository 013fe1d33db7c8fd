"""Search folding: width, Latin case and whitespace folded, for matching only (offsets: chars).

The displayed text is never changed: `fold` produces a matching key, and `FoldMap` maps a span of
the folded key back to the characters of the original text that produced it, so a match can be
highlighted where it really is. All offsets here are Python string indices (characters), not
terminal cells.

Folding, character by character (so `fold(a + b) == fold(a) + fold(b)` always holds):
- whitespace (anything `str.isspace` accepts, including the ideographic space U+3000 and line
  breaks), the invisible U+200B, U+2060, U+FEFF, soft hyphen U+00AD and Mongolian vowel
  separator U+180E, NUL and the noncharacters U+FFFE/U+FFFF are dropped (none is text one
  searches for, and the last four are not kept by SQLite's tokenizer either);
- the Halfwidth and Fullwidth Forms block (U+FF00–U+FFEF) is folded by NFKC, so `ＡＢＣ１２` is
  `ABC12` and half-width katakana become full-width; nothing else is NFKC-normalized (`，` in the
  text stays `，`: the query `,` finds it because the query is folded the same way);
- then `str.casefold` (context-free, unlike `lower`): `ABC` and `abc` are equal, `ß` is `ss`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain
from operator import add

_INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad\x00\u180e\ufffe\uffff")
_WIDTH_BLOCK = range(0xFF00, 0xFFF0)

# Where a character can fold to something other than itself: every cased script, the whitespace
# characters and the width block. Han, Hangul syllables and the private-use areas have no case,
# which keeps building the table cheap; a test checks the whole of Unicode against `fold_char`.
_FOLD_RANGES = (
    range(0x0000, 0x3400),
    range(0xA000, 0xAC00),
    range(0xD7B0, 0xD800),
    range(0xF900, 0x10000),
    range(0x10000, 0x20000),
)


def _is_ignorable(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


def fold_char(ch: str) -> str:
    """The folded form of one character: usually one character, empty for whitespace.

    Args:
        ch: A single character.

    Returns:
        Its folded form (zero, one or a few characters).
    """
    if _is_ignorable(ch):
        return ""
    out = ch
    if ord(ch) in _WIDTH_BLOCK:
        out = unicodedata.normalize("NFKC", out)
    # casefold is not idempotent for a handful of characters; fold until it settles so that
    # folding a folded query changes nothing.
    for _ in range(4):
        nxt = "".join(c for c in out.casefold() if not _is_ignorable(c))
        if nxt == out:
            break
        out = nxt
    return out


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for block in _FOLD_RANGES:
        for cp in block:
            if 0xD800 <= cp < 0xE000:
                continue
            ch = chr(cp)
            if ch.casefold() == ch and cp not in _WIDTH_BLOCK and not _is_ignorable(ch):
                continue
            folded = fold_char(ch)
            if folded != ch:
                table[cp] = folded or None
    return table


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of `chars`, consecutive code points written as ranges."""
    points = sorted(set(map(ord, chars)))
    ranges: list[str] = []
    start = 0
    while start < len(points):
        end = start
        while end + 1 < len(points) and points[end + 1] == points[end] + 1:
            end += 1
        first, last = re.escape(chr(points[start])), re.escape(chr(points[end]))
        ranges.append(first if start == end else f"{first}-{last}")
        start = end + 1
    return "[" + "".join(ranges) + "]"


@cache
def _special_pattern() -> re.Pattern[str]:
    """Characters whose folded form is not exactly one character (they shift offsets)."""
    return re.compile(
        char_class(chr(cp) for cp, out in _table().items() if out is None or len(out) != 1)
    )


def fold(text: str) -> str:
    """Fold `text` for matching (see the module docstring).

    Args:
        text: Any text.

    Returns:
        The matching key: width and case folded, whitespace removed.
    """
    return text.translate(_table())


@dataclass(frozen=True)
class FoldMap:
    """A folded text with the way back: which original character each folded character came from.

    Built in linear segments between the characters whose fold is not one character, so it
    costs little for ordinary text.
    """

    original: str
    folded: str
    _fstarts: tuple[int, ...]
    _ostarts: tuple[int, ...]
    _linear: tuple[bool, ...]

    @classmethod
    def of(cls, text: str, folded: str | None = None) -> FoldMap:
        """Fold `text` and record the offsets.

        Args:
            text: The original text.
            folded: `fold(text)` when the caller already has it (saves folding again).

        Returns:
            The map.
        """
        table = _table()
        fstarts: list[int] = []
        ostarts: list[int] = []
        linear: list[bool] = []
        f = 0
        o = 0
        for m in _special_pattern().finditer(text):
            p = m.start()
            if p > o:
                fstarts.append(f)
                ostarts.append(o)
                linear.append(True)
                f += p - o
            out = table[ord(text[p])]
            if out:
                fstarts.append(f)
                ostarts.append(p)
                linear.append(False)
                f += len(out)
            o = p + 1
        if o < len(text):
            fstarts.append(f)
            ostarts.append(o)
            linear.append(True)
        key = fold(text) if folded is None else folded
        return cls(text, key, tuple(fstarts), tuple(ostarts), tuple(linear))

    def to_original(self, index: int) -> int:
        """The original index of the character that produced folded character `index`.

        Args:
            index: An index into `folded` (0 <= index < len(folded)).

        Returns:
            An index into `original`.
        """
        k = bisect_right(self._fstarts, index) - 1
        if self._linear[k]:
            return self._ostarts[k] + index - self._fstarts[k]
        return self._ostarts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty folded span `[start, end)` to the original span that produced it.

        Whitespace inside the match (a line break it crosses) is inside the returned span;
        whitespace before or after it is not.

        Args:
            start: Start in `folded`.
            end: End in `folded` (exclusive, > start).

        Returns:
            `(start, end)` in `original`, end exclusive.
        """
        return self.to_original(start), self.to_original(end - 1) + 1


@cache
def _changed_splitter() -> re.Pattern[str]:
    """Splits a text around each character that folding changes or drops (kept as a group)."""
    return re.compile("(" + char_class([chr(cp) for cp in _table()]) + ")")


@cache
def _folded_forms() -> dict[str, str]:
    """Changed character → its folded form ('' when dropped)."""
    return {chr(cp): out or "" for cp, out in _table().items()}


@cache
def variant_pattern() -> re.Pattern[str]:
    """Matches a character that folding changes, or that it produces from another one.

    A word with none of these folds to itself and is the only spelling that does: `ＣＣＴＶ`,
    `CCTV` and `cctv` all contain some, `人民日报` none.
    """
    table = _table()
    produced = {ch for out in table.values() if out for ch in out}
    return re.compile(char_class([*map(chr, table), *produced]))


def fold_with_diff(text: str) -> tuple[str, list[int], str]:
    """Fold `text`, and say what folding changed, so that `unfold` can restore it.

    Args:
        text: The original text.

    Returns:
        `(folded, gaps, chars)`: `fold(text)`; for each changed character in order, how many
        unchanged characters precede it since the previous change; and the changed characters
        themselves.
    """
    # One C-level split gives the unchanged runs and, between them, the changed characters;
    # `str.translate` would look up every character (a dictionary probe each), and a second
    # pass would be needed for the diff.
    parts = _changed_splitter().split(text)
    changed = parts[1::2]
    gaps = list(map(len, parts[0::2]))
    del gaps[-1]
    parts[1::2] = map(_folded_forms().__getitem__, changed)
    return "".join(parts), gaps, "".join(changed)


def unfold(folded: str, gaps: list[int], chars: str) -> str:
    """Restore the original text from its folded form and what folding changed.

    Args:
        folded: `fold(original)`.
        gaps: From `fold_with_diff(original)`.
        chars: From `fold_with_diff(original)`.

    Returns:
        The original text.
    """
    # Done with C-level iteration (accumulate, map, slices): it runs on every result shown.
    sizes = list(map(_folded_length().__getitem__, chars))
    steps = list(accumulate(map(add, gaps, sizes), initial=0))
    segments = map(folded.__getitem__, map(slice, steps, map(add, steps, gaps)))
    return "".join(chain.from_iterable(zip(segments, chars, strict=True))) + folded[steps[-1] :]


@cache
def _folded_length() -> dict[str, int]:
    """Changed character → length of its folded form."""
    return {chr(cp): len(out) if out else 0 for cp, out in _table().items()}
