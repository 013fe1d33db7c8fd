"""The brute-force reference that search tests compare the index with."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.search import SearchDoc, parse_query
from reader.text.normalize import fold


def brute_force(docs: Sequence[SearchDoc], query: str) -> dict[str, int]:
    """Article id → hits, by scanning every folded text."""
    terms = parse_query(query)
    found = {}
    for doc in docs:
        folded = fold(doc.text)
        counts = [folded.count(t) for t in terms]
        if terms and all(counts):
            found[doc.id] = sum(counts)
    return found


def _readings(docs: Sequence[SearchDoc]) -> dict[str, tuple[str, ...]]:
    """The readings of the characters these articles use (pypinyin's, as the build takes them)."""
    from reader.text.pinyin import char_readings

    table = char_readings()
    return {ch: table[ch] for doc in docs for ch in fold(doc.text) if ch in table}


def _forms(term: str) -> set[str]:
    """A term in every script form, straight from OpenCC's configurations."""
    import opencc

    if all(ord(ch) < 0x2E80 for ch in term):
        return {term}
    simplified = opencc.OpenCC("t2s.json").convert(term)
    standard = opencc.OpenCC("s2t.json").convert(simplified)
    taiwan = opencc.OpenCC("t2tw.json").convert(standard)
    return {fold(form) for form in (term, simplified, standard, taiwan)} - {""}


def _consumes(term: str, at: int, readings: Sequence[str]) -> list[int]:
    """Where a term continues after one character read as one of `readings` from offset `at`."""
    ends = []
    for reading in readings:
        if term.startswith(reading, at):
            end = at + len(reading)
            while end < len(term) and term[end] == "'":
                end += 1
            ends.append(end)
    return ends


def _lengths(term: str, text: str, start: int, table: dict[str, tuple[str, ...]]) -> set[int]:
    """How many characters from `start` read as the whole term, by full syllables."""
    found = set()
    states = {len(term) - len(term.lstrip("'"))}
    position = start
    while states and position < len(text):
        readings = table.get(text[position], ())
        states = {end for at in states for end in _consumes(term, at, readings)}
        position += 1
        if len(term) in states:
            found.add(position - start)
    return found


def _has_syllables(term: str, syllables: set[str]) -> bool:
    """Whether every apostrophe-separated part of the term can be cut into syllables."""

    def cuttable(part: str) -> bool:
        ok = [False] * len(part) + [True]
        for at in range(len(part) - 1, -1, -1):
            ok[at] = any(
                ok[end] for end in range(at + 1, len(part) + 1) if part[at:end] in syllables
            )
        return ok[0]

    parts = [part for part in term.split("'") if part]
    return bool(parts) and all(map(cuttable, parts))


def pinyin_spans(
    folded: str, term: str, table: dict[str, tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Every position of the text tried in turn: the term's pinyin occurrences, leftmost and
    then longest, not overlapping (full syllables when the term can be cut into the corpus's
    syllables, else initials of two letters or more)."""
    if not re.fullmatch(r"[a-z']*[a-z][a-z']*", term) or len(term) > 64:
        return []
    syllables = {reading for readings in table.values() for reading in readings}
    spans = []
    at = 0
    if _has_syllables(term, syllables):
        while at < len(folded):
            lengths = _lengths(term, folded, at, table)
            if lengths:
                spans.append((at, at + max(lengths)))
                at += max(lengths)
            else:
                at += 1
        return spans
    if "'" in term or len(term) < 2:
        return []
    while at + len(term) <= len(folded):
        chars = folded[at : at + len(term)]
        if all(
            any(reading[0] == letter for reading in table.get(ch, ()))
            for ch, letter in zip(chars, term, strict=True)
        ):
            spans.append((at, at + len(term)))
            at += len(term)
        else:
            at += 1
    return spans


def text_spans(folded: str, forms: set[str]) -> list[tuple[int, int]]:
    """Occurrences of any form, leftmost and then longest, not overlapping."""
    spans = []
    at = 0
    while at < len(folded):
        fits = [len(form) for form in forms if folded.startswith(form, at)]
        if fits:
            spans.append((at, at + max(fits)))
            at += max(fits)
        else:
            at += 1
    return spans


def brute_force_ways(docs: Sequence[SearchDoc], query: str) -> dict[str, tuple[int, str]]:
    """Article id → (hits, how they matched) for pinyin and both scripts, by scanning every
    folded text position by position."""
    terms = parse_query(query)
    table = _readings(docs)
    found = {}
    for doc in docs:
        folded = fold(doc.text)
        text = [len(text_spans(folded, _forms(t))) for t in terms]
        pinyin = [len(pinyin_spans(folded, t, table)) for t in terms]
        if terms and all(a + b for a, b in zip(text, pinyin, strict=True)):
            way = "both" if any(text) and any(pinyin) else "pinyin" if any(pinyin) else "text"
            found[doc.id] = (sum(text) + sum(pinyin), way)
    return found
