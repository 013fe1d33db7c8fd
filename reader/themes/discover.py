"""Discovery: runs of jieba words that articles repeat, found on a sample of the corpus."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from reader.text.chars import all_han
from reader.themes.corpus import TITLE_BONUS
from reader.themes.lexicon import NOT_ALONE, NOT_FIRST, Lexicon
from reader.themes.wordlists import FUNCTION_WORDS, GENERIC_WORDS, JOINERS

MAX_NGRAM = 4
"""Longest run of jieba words considered as one phrase (中央/人大/工作/会议)."""

DISCOVERY_CHARS = 1_500_000
"""Above this many characters, candidates are discovered on an evenly spaced sample of articles
(the final counts are always exact, over every article)."""

_MAX_SHARE = 0.8
"""A single word found in more than this share of the articles is generic in this corpus."""

_MIN_WORD_IDF = 8.0
"""A single word is a theme only if it is this rare in general Chinese (联络站 11.3, 监督 6.6)."""

_NEW_WORD_CHARS = 3
"""A single word jieba's IDF table lacks (found by its HMM) needs this many characters: shorter
ones are mostly mis-cuts such as 日称 or 愿同."""

_FRAGMENT = 0.9
"""A phrase whose salience is at least this share of a longer phrase's is a fragment of it."""

Gram = tuple[str, ...]

_V = TypeVar("_V")


@dataclass(frozen=True)
class Candidate:
    """A phrase (as jieba words) and the sampled articles that repeat it."""

    gram: Gram
    text: str
    docs: list[int]
    salience: float


def sample_articles(lengths: Sequence[int]) -> list[int]:
    """Every k-th article, k chosen so that about DISCOVERY_CHARS characters are read."""
    step = max(1, math.ceil(sum(lengths) / DISCOVERY_CHARS))
    return list(range(0, len(lengths), step))


def find_candidates(
    words: Sequence[list[str]],
    sample: Sequence[int],
    needs: Sequence[float],
    lexicon: Lexicon,
    min_docs: int,
) -> list[Candidate]:
    """Phrases that at least `min_docs` sampled articles (not all) repeat, fragments left out.

    Args:
        words: jieba words per article; the title is the words before the first newline.
        sample: The articles to read.
        needs: Per article, the weighted mentions a phrase needs to count as developed there.
        lexicon: jieba's IDF table and tags (single words need a high IDF, a noun's tag).
        min_docs: The fewest sampled articles a candidate must be repeated in.

    Returns:
        The candidates, in no particular order.
    """
    # Each word is classified when first met: None breaks phrases, a word may be in one.
    kept: _Lazy[str | None] = _Lazy(_phrase_word)
    # Sampled articles holding each word, for single words (generic if most articles say them).
    held: Counter[str | None] = Counter()
    tags = lexicon.tags
    # Only the words articles repeat are asked whether they may begin a phrase, or stand alone
    # as far as the lexicon says.
    opens: _Lazy[int] = _Lazy(lambda word: _opening(word, tags))
    alone: _Lazy[bool] = _Lazy(lambda word: _single_word(word, 0.0, lexicon))
    # Generic verbs (全方位/推进) and joiners never end a phrase.
    generic_verbs = {w for w in GENERIC_WORDS if tags.get(w) in NOT_FIRST}
    postings: dict[Gram, list[int]] = defaultdict(list)
    salience: dict[Gram, float] = defaultdict(float)
    log = math.log
    for index in sample:
        doc_words = words[index]
        # Discovery needs a repeated phrase, even where one mention would cover a short article:
        # it keeps the token stream sparse, and the exact count later finds the short articles.
        need = max(2.0, needs[index])
        seq = list(map(kept.__getitem__, doc_words))
        cut = doc_words.index("\n") if "\n" in doc_words else 0
        seq = [*seq[:cut], None] * (TITLE_BONUS - 1) + seq
        # A phrase said k times is made of words said k times: the others are left out.
        counts = Counter(seq)
        held.update(counts.keys())
        often = {w: c for w, c in counts.items() if c >= need and w is not None}
        if not often:
            continue
        # Phrases of one word, in order of first mention; whether a word most articles say
        # may stand alone is settled once `held` is complete.
        for word, count in often.items():
            if alone[word]:
                postings[(word,)].append(index)
                salience[(word,)] += 1 + log(count / need)
        # Longer phrases lie in runs of two or more such words: counted over those runs alone,
        # one None between them (no phrase holds one), in the same order of first mention.
        runs: list[str | None] = []
        begin = 0
        for end, w in enumerate(seq):
            if w not in often:
                if end > begin + 1:
                    runs += seq[begin:end]
                    runs.append(None)
                begin = end + 1
        if len(seq) > begin + 1:
            runs += seq[begin:]
        seq = runs
        for n in range(2, MAX_NGRAM + 1):
            found = False
            for gram, count in Counter(zip(*(seq[k:] for k in range(n)), strict=False)).items():
                if count < need or None in gram:
                    continue
                found = True
                opening = opens[gram[0]]
                if (
                    opening == _NEVER
                    or (opening == _BEFORE_JOINER and gram[1] not in JOINERS)
                    or gram[-1] in JOINERS
                    or gram[-1] in generic_verbs
                ):
                    continue
                postings[gram].append(index)
                salience[gram] += 1 + log(count / need)
            if not found:
                break
    candidates = {
        gram: Candidate(gram, "".join(gram), docs, salience[gram])
        for gram, docs in postings.items()
        if min_docs <= len(docs) < len(sample)
        and (len(gram) > 1 or _single_word(gram[0], held[gram[0]] / len(sample), lexicon))
    }
    # Drop fragments: 全过程/人民 when it is (almost) always part of 全过程/人民/民主.
    longest: dict[Gram, float] = defaultdict(float)
    for gram, cand in candidates.items():
        if len(gram) > 1:
            for part in (gram[:-1], gram[1:]):
                longest[part] = max(longest[part], cand.salience)
    return [c for g, c in candidates.items() if longest.get(g, 0.0) < _FRAGMENT * c.salience]


class _Lazy(dict[str, _V]):
    """A rule's answer for each word, worked out when the word is first looked up."""

    def __init__(self, rule: Callable[[str], _V]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, word: str) -> _V:
        value = self[word] = self.rule(word)
        return value


def _phrase_word(word: str) -> str | None:
    """The word, or None if it breaks a phrase (a function word, anything not Han)."""
    return word if all_han(word) and word not in FUNCTION_WORDS else None


_NEVER, _BEFORE_JOINER, _ALWAYS = range(3)


def _opening(word: str, tags: dict[str, str]) -> int:
    """Whether a word may begin a phrase: never if generic, a joiner or (by its tag) a verb,
    adverb, preposition …; a single character only before a joiner (党/的/领导, not
    委/通报/最新/疫情, a word's tail)."""
    if word in GENERIC_WORDS or word in JOINERS or tags.get(word) in NOT_FIRST:
        return _NEVER
    return _BEFORE_JOINER if len(word) == 1 else _ALWAYS


def _single_word(word: str, share: float, lexicon: Lexicon) -> bool:
    """Whether one jieba word may be a theme on its own."""
    if len(word) < 2 or word in GENERIC_WORDS or share > _MAX_SHARE:
        return False
    if lexicon.tags.get(word) in NOT_ALONE:
        return False
    value = lexicon.idf.get(word)
    return len(word) >= _NEW_WORD_CHARS if value is None else value >= _MIN_WORD_IDF
