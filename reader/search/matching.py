"""Query terms compiled for one corpus: their written forms, their pinyin, and how they match.

A term matches as text (any of its script forms, `reader.search.forms`, as an exact substring
of the folded text) and, when it is Latin letters that read as pinyin, by pinyin
(`reader.search.pinyin`). Both ways never overlap (text forms of a Latin term are Latin
letters, pinyin matches are characters with readings), so a term's hits are its text hits plus
its pinyin hits. Within each way occurrences are counted left to right without overlapping, and
where several forms or cuts match at one place the longest is taken: for a term of one form
that is `str.count`. Offsets are characters of the folded text.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from sqlite3 import Connection

from reader.search.forms import script_forms
from reader.search.index import MAX_WORD
from reader.search.pinyin import PinyinTerm, Readings, read_term
from reader.search.terms import merge_spans
from reader.text.normalize import FoldMap

MAX_PHRASE = 32
"""Longer forms are looked up by a prefix of this many characters, then checked on the text."""


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _phrase(text: str) -> str:
    """An FTS5 phrase of the text's characters: a substring match on folded text."""
    return _quote(" ".join(text))


@dataclass(frozen=True)
class Term:
    """One query term, ready to be looked up and counted.

    Attributes:
        text: The folded term as typed.
        forms: Its text forms (the term first, then its other script forms).
        pinyin: Its reading as pinyin, or None.
        pinyin_phrases: FTS5 phrases of pinyin tokens (see `PinyinTerm.phrases`).
        pinyin_pattern: The pinyin matches as a regular expression (None without pinyin).
        exact: Whether the index's match is exact (else each candidate is checked on its text).
    """

    text: str
    forms: tuple[str, ...]
    pinyin: PinyinTerm | None = None
    pinyin_phrases: tuple[str, ...] = ()
    pinyin_pattern: re.Pattern[str] | None = field(default=None, compare=False)
    exact: bool = True

    @property
    def min_length(self) -> int:
        """The fewest folded characters a match covers."""
        shortest = min(map(len, self.forms))
        return min(shortest, self.pinyin.min_length) if self.pinyin else shortest

    @cached_property
    def _forms_pattern(self) -> re.Pattern[str] | None:
        if len(self.forms) == 1:
            return None
        longest_first = sorted(self.forms, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, longest_first)))

    def clause(self, words: Collection[str] = ()) -> str:
        """The FTS5 expression that finds the articles with this term.

        Args:
            words: Corpus words (folded); a form that is one also scores as a whole word.

        Returns:
            An expression of quoted phrases only (query text never becomes syntax).
        """
        parts = []
        for form in self.forms:
            parts.append(_phrase(form[:MAX_PHRASE]))
            if form in words and 2 <= len(form) <= MAX_WORD:
                # A whole-word hit implies the character phrase: it adds score, never matches.
                parts.append(_quote(form))
        parts += map(_quote, self.pinyin_phrases)
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def spans(self, folded: str, limit: int | None = None) -> list[tuple[int, int, bool]]:
        """The term's occurrences in a folded text.

        Args:
            folded: A folded text.
            limit: Only the first this many of each way (None for all).

        Returns:
            `(start, end, by_pinyin)` per occurrence, text ones first, each way ascending.
        """
        found: list[tuple[int, int, bool]] = []
        pattern = self._forms_pattern
        if pattern is None:
            term = self.text
            at = folded.find(term)
            while at >= 0 and len(found) != limit:
                found.append((at, at + len(term), False))
                at = folded.find(term, at + len(term))
        else:
            for match in pattern.finditer(folded):
                if len(found) == limit:
                    break
                found.append((match.start(), match.end(), False))
        if self.pinyin_pattern is not None:
            text_hits = len(found)
            for match in self.pinyin_pattern.finditer(folded):
                if len(found) - text_hits == limit:
                    break
                found.append((match.start(), match.end(), True))
        return found

    def occurs(self, folded: str) -> bool:
        """Whether the term occurs in a folded text at all (either way)."""
        pattern = self._forms_pattern
        if (self.text in folded) if pattern is None else pattern.search(folded):
            return True
        return self.pinyin_pattern is not None and bool(self.pinyin_pattern.search(folded))

    def counts(self, folded: str) -> tuple[int, int]:
        """How often the term occurs in a folded text, as text and by pinyin.

        Args:
            folded: A folded text.

        Returns:
            `(text hits, pinyin hits)`.
        """
        pattern = self._forms_pattern
        text = folded.count(self.text) if pattern is None else len(pattern.findall(folded))
        if self.pinyin_pattern is None:
            return text, 0
        return text, len(self.pinyin_pattern.findall(folded))


_last: tuple[str, Readings] | None = None
"""The last database's readings, by its index's token (a new build gets a new token); one
tuple, replaced whole, so that threads reading two databases never mix them."""


def corpus_readings(conn: Connection, token: str) -> Readings:
    """The readings of a corpus's characters, from its database (remembered per index).

    Args:
        conn: The corpus database.
        token: Its index's token (`search_info`), which changes with every build.

    Returns:
        The readings (empty for a database without them).
    """
    global _last
    last = _last
    if last is not None and token and last[0] == token:
        return last[1]
    try:
        rows = conn.execute("SELECT ch, readings, token FROM search_readings").fetchall()
    except sqlite3.OperationalError:
        rows = []  # an index built before pinyin: only its schema version protects it
    readings = Readings.of([(char, text.split(","), code) for char, text, code in rows])
    _last = (token, readings)
    return readings


def compile_terms(conn: Connection, terms: Sequence[str], token: str) -> list[Term]:
    """Compile folded query terms against a corpus.

    Args:
        conn: The corpus database.
        terms: Folded terms (`reader.search.parse_query`).
        token: The index's token (see `corpus_readings`).

    Returns:
        One `Term` each, in order.
    """
    out = []
    for text in terms:
        forms = script_forms(text)
        exact = max(map(len, forms)) <= MAX_PHRASE
        # Only Latin letters can be pinyin: other terms never need the readings.
        readings = corpus_readings(conn, token) if text.isascii() else None
        pinyin = read_term(text, readings) if readings is not None else None
        if readings is None or pinyin is None:
            out.append(Term(text, forms, exact=exact))
            continue
        phrases, whole = pinyin.phrases(readings)
        pattern = pinyin.pattern(readings)
        out.append(Term(text, forms, pinyin, tuple(phrases), pattern, exact and whole))
    return out


def original_spans(
    folded: FoldMap, terms: Sequence[Term], limit: int | None = None
) -> list[tuple[int, int]]:
    """Where the terms occur in an original text, overlapping spans merged.

    Args:
        folded: The fold map of the original text.
        terms: Compiled terms.
        limit: Only the first this many occurrences of each term and way (None for all).

    Returns:
        `(start, end)` spans in the original text, ascending, not overlapping.
    """
    return merge_spans(
        folded.span(start, end)
        for term in terms
        for start, end, _ in term.spans(folded.folded, limit)
    )


@dataclass(frozen=True)
class Highlighter:
    """Where a query's terms occur in any original text, as the search finds them (both
    scripts, pinyin): for highlighting hits in an article shown whole."""

    terms: tuple[Term, ...] = ()

    def __call__(self, text: str) -> list[tuple[int, int]]:
        """The terms' spans in `text` (characters, ascending, overlapping ones merged)."""
        if not self.terms or not text:
            return []
        return original_spans(FoldMap.of(text), self.terms)
