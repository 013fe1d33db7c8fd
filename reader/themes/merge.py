"""Merging: near-duplicate phrases grouped as variants of one theme, and the group named."""

from __future__ import annotations

from reader.model import Theme
from reader.themes.corpus import LONGEST_NAME
from reader.themes.discover import Candidate

_MERGE_OVERLAP = 0.5
"""Two variants merge when at least this share of the smaller one's articles is shared."""

_HEAD_SHARE = 0.6
"""…and when they share this share of the shorter one's characters with the group's head."""


def duplicate(theme: Theme, better: Theme) -> bool:
    """Whether `theme` repeats `better`: names sharing most characters, mostly the same articles."""
    a, b = theme.name, better.name
    if a in better.keywords or b in theme.keywords:
        return True
    if _common(a, b) < _HEAD_SHARE * min(len(a), len(b)):
        return False
    shared = len(set(theme.ids) & set(better.ids))
    return shared >= _MERGE_OVERLAP * min(len(theme.ids), len(better.ids))


def merge(ranked: list[Candidate], limit: int) -> list[list[Candidate]]:
    """Group near-duplicates under the best-ranked one, making at most `limit` groups.

    A candidate joins a group when it contains, or is contained in, one of the group's phrases,
    shares most of its articles, and shares most of its characters with the group's head (so
    统揽 does not join 习近平总书记 through 总书记重要讲话统揽).
    """
    groups: list[list[Candidate]] = []
    for cand in ranked:
        text = cand.text
        mine = set(cand.docs)
        for group in groups:
            head = group[0].text
            if _common(text, head) < _HEAD_SHARE * min(len(text), len(head)):
                continue
            if any(
                (text in other.text or other.text in text)
                and len(mine & set(other.docs)) >= _MERGE_OVERLAP * min(len(mine), len(other.docs))
                for other in group
            ):
                group.append(cand)
                break
        else:
            if len(groups) < limit:
                groups.append([cand])
    return groups


def _common(a: str, b: str) -> int:
    """Length of the longest common substring (the strings are short phrases)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def choose_keywords(totals: dict[str, int]) -> tuple[str, ...]:
    """A group's keywords: its name first, then its variants, most frequent first.

    The name is the longest variant said at least half as often as the most frequent one. Every
    minimal variant (containing no other) is listed, since those are what find mentions; the
    others only when said at least twice and a tenth as often as the most frequent.
    """
    top = max(totals.values())
    name = max(
        (v for v, n in totals.items() if n * 2 >= top),
        key=lambda v: (len(v) <= LONGEST_NAME, len(v), totals[v], v),
    )
    listed = [
        v
        for v, n in totals.items()
        if v != name and (not any(u != v and u in v for u in totals) or n >= max(2, top / 10))
    ]
    return (name, *sorted(listed, key=lambda v: (-totals[v], v)))
