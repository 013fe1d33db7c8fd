"""The articles as one string: exact keyword counting, name widening and Theme building.

Offsets and lengths here are characters (never cells): themes never reach the screen as layout.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, groupby
from operator import itemgetter

from reader.model import Theme
from reader.text.chars import is_han

TITLE_BONUS = 3
"""A mention in the title counts as this many body mentions: titles name what is developed."""

DEVELOPED_SCALE = 500
"""An article of L characters develops a theme with at least max(1, √(L / DEVELOPED_SCALE))
weighted mentions: one in a short news item, two in 1,000 characters, four in 8,000."""

_WIDEN = 0.9
"""A character found beside this share of a name's mentions belongs to the name."""

LONGEST_NAME = 10
"""Names longer than this many characters read badly in the sidebar: prefer a shorter variant."""


@dataclass(frozen=True)
class ThemeDoc:
    """What theme extraction needs of an article: its id, title and full body text."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Count:
    """The mentions of a group of keywords in the corpus."""

    per_doc: dict[int, int]
    """Article index → weighted mentions (title mentions count TITLE_BONUS)."""
    totals: dict[str, int]
    """Keyword → plain mentions, including those inside a longer keyword."""
    body: dict[int, int]
    """Article index → mentions in the body alone."""


Mention = tuple[int, int, int]
"""A keyword found in the corpus string: its start, minus its end (sorting puts the longer of two
mentions that start together first), and its article's index."""


def minimal_keywords(keywords: Iterable[str]) -> tuple[list[str], list[str]]:
    """The keywords, shortest first (then in code point order), and those among them that contain
    no other: only these can start a mention, so only these are searched for."""
    ordered = sorted(set(keywords), key=lambda k: (len(k), k))
    minimal: list[str] = []
    for keyword in ordered:
        if not any(m in keyword for m in minimal):
            minimal.append(keyword)
    return ordered, minimal


class Corpus:
    """The articles as one string, for fast substring counting of a theme's keywords."""

    def __init__(self, docs: Sequence[ThemeDoc]) -> None:
        self.docs = docs
        # NUL never occurs in text, so no keyword match can straddle two articles.
        parts = [f"{doc.title}\x00{doc.text}\x00" for doc in docs]
        self.text = "".join(parts)
        sizes = list(map(len, parts))
        offsets = list(accumulate(sizes, initial=0))
        self.starts, self.ends = offsets[:-1], offsets[1:]
        self.title_ends = [
            start + len(doc.title) for start, doc in zip(self.starts, docs, strict=True)
        ]
        self.lengths = [size - 2 for size in sizes]
        self.needs = [max(1.0, math.sqrt(n / DEVELOPED_SCALE)) for n in self.lengths]
        self._mentions: dict[str, list[Mention]] = {}
        self._by_id: dict[str, list[int]] = {}

    def locate(self, keywords: Iterable[str]) -> None:
        """Find the mentions of many keywords in one pass over the corpus, for `count` to reuse.

        Each keyword gets the mentions `re.finditer` finds for it alone (non-overlapping, left to
        right), though one alternation of all of them is searched for. The alternation's matches
        of a keyword are the keyword's own in every article but those where a match of another
        keyword overlaps a mention of it (二十大 hides 大湾区 in 二十大湾区): there, the keyword
        is searched for again, in that article alone.
        """
        wanted = [k for k in dict.fromkeys(keywords) if k not in self._mentions]
        # The empty keyword, or one holding the separator, is searched for on its own.
        plain = [k for k in wanted if k and "\x00" not in k]
        if len(plain) < 2:
            plain = []
        for keyword in wanted:
            if keyword not in plain:
                self._mentions[keyword] = self._search(keyword)
        if not plain:
            return
        mentions: dict[str, list[Mention]] = {k: [] for k in plain}
        starts, ends, text = self.starts, self.ends, self.text
        for match in re.compile(_alternation(plain)).finditer(text):
            start, end = match.span()
            mentions[match[0]].append((start, -end, bisect.bisect_right(starts, start) - 1))
        # Where no match of another keyword overlaps a mention of this one, the alternation cut
        # the text as this keyword's own search would have. Elsewhere the keyword is searched
        # for again, in each article where a match hides (part of) one of its mentions.
        chars = {k: set(k) for k in plain}
        suspects: dict[str, set[int]] = {}
        for keyword in plain:
            suspect: set[int] = set()
            for other, found in mentions.items():
                if other == keyword or not found or chars[other].isdisjoint(keyword):
                    continue
                for d in _offsets(other, keyword):
                    suspect.update(
                        i
                        for start, _, i in found
                        if start + d >= 0 and text.startswith(keyword, start + d)
                    )
            suspects[keyword] = suspect
        for keyword, suspect in suspects.items():
            if not suspect:
                continue
            search = re.compile(re.escape(keyword)).finditer
            kept = [m for m in mentions[keyword] if m[2] not in suspect]
            for i in suspect:
                kept.extend((m.start(), -m.end(), i) for m in search(text, starts[i], ends[i]))
            mentions[keyword] = sorted(kept)
        self._mentions.update(mentions)

    def _search(self, keyword: str) -> list[Mention]:
        """The mentions of one keyword, searched for over the whole corpus string."""
        starts = self.starts
        return [
            (m.start(), -m.end(), bisect.bisect_right(starts, m.start()) - 1)
            for m in re.finditer(re.escape(keyword), self.text)
        ]

    def count(self, keywords: Iterable[str]) -> Count:
        """Mentions of any of `keywords` (overlapping mentions count once)."""
        ordered, minimal = minimal_keywords(keywords)
        self.locate(minimal)
        spans = sorted(span for k in minimal for span in self._mentions[k])
        per_doc: dict[int, int] = defaultdict(int)
        body: dict[int, int] = defaultdict(int)
        title_ends = self.title_ends
        reached = -1
        for start, negative_end, i in spans:
            if start < reached:
                continue
            reached = -negative_end
            if start < title_ends[i]:
                per_doc[i] += TITLE_BONUS
            else:
                per_doc[i] += 1
                body[i] += 1
        totals = dict.fromkeys(ordered, 0)
        for keyword in ordered:
            if not keyword or "\x00" in keyword:
                docs = self.docs
                totals[keyword] = sum(
                    docs[i].title.count(keyword) + docs[i].text.count(keyword) for i in per_doc
                )
            elif keyword in minimal:
                # `str.count` takes the same non-overlapping mentions as `re.finditer`.
                totals[keyword] = len(self._mentions[keyword])
            else:
                totals[keyword] = self._total(keyword, [m for m in minimal if m in keyword])
        return Count(dict(per_doc), totals, dict(body))

    def _total(self, keyword: str, inside: list[str]) -> int:
        """`str.count(keyword)` over the articles, for a keyword holding the located `inside`.

        A mention of `keyword` holds a mention of each keyword inside it, in the same article.
        Of one that cannot overlap itself, `re.finditer` skipped no mention: `keyword` is looked
        for around each. Otherwise it is counted in the articles where those were found.
        """
        anchors = [m for m in inside if not _offsets(m, m)]
        if not anchors:
            docs = self.docs
            holding = {i for m in inside for _, _, i in self._mentions[m]}
            return sum(docs[i].title.count(keyword) + docs[i].text.count(keyword) for i in holding)
        anchor = min(anchors, key=lambda m: len(self._mentions[m]))
        offsets = [
            o for o in range(len(keyword) - len(anchor) + 1) if keyword.startswith(anchor, o)
        ]
        text = self.text
        found = sorted(
            {
                start - o
                for start, _, _ in self._mentions[anchor]
                for o in offsets
                if start >= o and text.startswith(keyword, start - o)
            }
        )
        # str.count takes mentions from the left, each after the end of the one before.
        total, reached = 0, 0
        for start in found:
            if start >= reached:
                total += 1
                reached = start + len(keyword)
        return total

    def widen(self, name: str, ids: Sequence[str]) -> str:
        """`name` grown by the characters that (nearly) always surround it in these articles.

        Discovery stops at four words, and jieba sometimes cuts a word's head off, so a name can
        be a fragment (区域人员流动量 of 跨区域人员流动量): a neighbour found at 90 % of the
        mentions belongs to it.
        """
        if not self._by_id:
            for i, doc in enumerate(self.docs):
                self._by_id.setdefault(doc.id, []).append(i)
        chosen = sorted(i for ident in set(ids) for i in self._by_id.get(ident, ()))
        texts = [t for i in chosen for t in (self.docs[i].title, self.docs[i].text)]
        grown = name
        while len(grown) <= LONGEST_NAME:
            before: Counter[str] = Counter()
            after: Counter[str] = Counter()
            size = len(grown)
            for text in texts:
                at = text.find(grown)
                while at != -1:
                    before[text[at - 1 : at]] += 1
                    after[text[at + size : at + size + 1]] += 1
                    at = text.find(grown, at + size)
            total = sum(before.values())
            if total < 2:
                return grown
            wider = grown
            for neighbours, side in ((before, -1), (after, 1)):
                char, n = max(neighbours.items(), key=lambda item: (item[1], item[0]))
                if n >= _WIDEN * total and is_han(char):
                    wider = char + wider if side < 0 else wider + char
            if wider == grown:
                return grown
            grown = wider
        # Too long to read in the sidebar once whole (中国特色社会主义民主政治): keep the fragment.
        return name

    def theme(
        self, name: str, keywords: Sequence[str], covered: dict[int, int], *, curated: bool
    ) -> Theme:
        """A Theme over the `covered` articles (index → mentions), sorted by weight, then id."""
        weighted = sorted(
            ((round(c / self.needs[i], 3), self.docs[i].id) for i, c in covered.items()),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return Theme(
            name=name,
            keywords=tuple(keywords),
            ids=tuple(ident for _, ident in weighted),
            weights=tuple(weight for weight, _ in weighted),
            curated=curated,
        )


def _alternation(keywords: Iterable[str]) -> str:
    """A regular expression for any of `keywords` (not empty), shaped as a trie: the alternatives
    at each step start with distinct characters, so few are tried at each position."""
    branches: list[str] = []
    for head, group in groupby(sorted(keywords), key=itemgetter(0)):
        tails = [keyword[1:] for keyword in group]
        rest = [tail for tail in tails if tail]
        if not rest:
            branches.append(re.escape(head))
        else:
            optional = "?" if len(rest) < len(tails) else ""
            branches.append(f"{re.escape(head)}(?:{_alternation(rest)}){optional}")
    return "|".join(branches)


def _offsets(a: str, b: str) -> list[int]:
    """Where a mention of `b` that overlaps a mention of `a` can start, from the start of that
    (none: the two never overlap; for `a` twice, whether it can overlap itself)."""
    return [
        d
        for d in range(1 - len(b), len(a))
        if (d != 0 or a != b) and a[max(d, 0) : d + len(b)] == b[max(-d, 0) : len(a) - d]
    ]
