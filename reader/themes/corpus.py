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

from reader.model import Theme
from reader.themes.wordlists import HAN

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


class Corpus:
    """The articles as one string, for fast substring counting of a theme's keywords."""

    def __init__(self, docs: Sequence[ThemeDoc]) -> None:
        self.docs = docs
        parts: list[str] = []
        self.starts: list[int] = []
        self.title_ends: list[int] = []
        offset = 0
        for doc in docs:
            self.starts.append(offset)
            self.title_ends.append(offset + len(doc.title))
            # NUL never occurs in text, so no keyword match can straddle two articles.
            part = f"{doc.title}\x00{doc.text}\x00"
            parts.append(part)
            offset += len(part)
        self.text = "".join(parts)
        self.lengths = [len(d.title) + len(d.text) for d in docs]
        self.needs = [max(1.0, math.sqrt(n / DEVELOPED_SCALE)) for n in self.lengths]

    def count(self, keywords: Iterable[str]) -> Count:
        """Mentions of any of `keywords` (overlapping mentions count once)."""
        # Only keywords that contain no other keyword can start a mention: search for those.
        ordered = sorted(set(keywords), key=lambda k: (len(k), k))
        minimal: list[str] = []
        for keyword in ordered:
            if not any(m in keyword for m in minimal):
                minimal.append(keyword)
        spans = sorted(
            (m.start(), -m.end()) for k in minimal for m in re.finditer(re.escape(k), self.text)
        )
        per_doc: dict[int, int] = defaultdict(int)
        body: dict[int, int] = defaultdict(int)
        starts, title_ends = self.starts, self.title_ends
        reached = -1
        for start, negative_end in spans:
            if start < reached:
                continue
            reached = -negative_end
            i = bisect.bisect_right(starts, start) - 1
            if start < title_ends[i]:
                per_doc[i] += TITLE_BONUS
            else:
                per_doc[i] += 1
                body[i] += 1
        totals = dict.fromkeys(ordered, 0)
        for i in per_doc:
            doc = self.docs[i]
            for keyword in ordered:
                totals[keyword] += doc.title.count(keyword) + doc.text.count(keyword)
        return Count(dict(per_doc), totals, dict(body))

    def widen(self, name: str, ids: Sequence[str]) -> str:
        """`name` grown by the characters that (nearly) always surround it in these articles.

        Discovery stops at four words, and jieba sometimes cuts a word's head off, so a name can
        be a fragment (区域人员流动量 of 跨区域人员流动量): a neighbour found at 90 % of the
        mentions belongs to it.
        """
        wanted = set(ids)
        texts = [t for d in self.docs if d.id in wanted for t in (d.title, d.text)]
        grown = name
        while len(grown) <= LONGEST_NAME:
            before: Counter[str] = Counter()
            after: Counter[str] = Counter()
            for text in texts:
                at = text.find(grown)
                while at != -1:
                    before[text[at - 1 : at]] += 1
                    after[text[at + len(grown) : at + len(grown) + 1]] += 1
                    at = text.find(grown, at + len(grown))
            total = sum(before.values())
            if total < 2:
                return grown
            wider = grown
            for neighbours, side in ((before, -1), (after, 1)):
                char, n = max(neighbours.items(), key=lambda item: (item[1], item[0]))
                if n >= _WIDEN * total and HAN.match(char):
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
