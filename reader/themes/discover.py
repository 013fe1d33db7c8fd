"""Discovery: runs of jieba words that articles repeat, found on a sample of the corpus."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from reader.themes.corpus import TITLE_BONUS
from reader.themes.lexicon import NOT_ALONE, NOT_FIRST, Lexicon
from reader.themes.wordlists import FUNCTION_WORDS, GENERIC_WORDS, HAN, JOINERS

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
    vocabulary: Counter[str] = Counter()
    for index in sample:
        vocabulary.update(set(words[index]))
    # Classify each distinct word once: None breaks phrases, anything else may be in one.
    kept = {w: (w if HAN.match(w) and w not in FUNCTION_WORDS else None) for w in vocabulary}
    single = {w for w, df in vocabulary.items() if _single_word(w, df / len(sample), lexicon)}
    # Words that may begin a phrase: not generic, not a verb, adverb, preposition …
    tags = lexicon.tags
    starts = {
        w
        for w in vocabulary
        if w not in GENERIC_WORDS and w not in JOINERS and tags.get(w) not in NOT_FIRST
    }
    # A single character starts a phrase only before a joiner (党/的/领导, not 委/通报/最新/疫情,
    # a word's tail); generic verbs (全方位/推进) and joiners never end one.
    generic_verbs = {w for w in GENERIC_WORDS if tags.get(w) in NOT_FIRST}
    postings: dict[Gram, list[int]] = defaultdict(list)
    salience: dict[Gram, float] = defaultdict(float)
    log = math.log
    for index in sample:
        doc_words = words[index]
        # Discovery needs a repeated phrase, even where one mention would cover a short article:
        # it keeps the token stream sparse, and the exact count later finds the short articles.
        need = max(2.0, needs[index])
        seq = [kept[w] for w in doc_words]
        cut = doc_words.index("\n") if "\n" in doc_words else 0
        seq = [*seq[:cut], None] * (TITLE_BONUS - 1) + seq
        # A phrase said k times is made of words said k times: blank the others out first.
        often = {w for w, c in Counter(seq).items() if c >= need and w is not None}
        if not often:
            continue
        seq = [w if w in often else None for w in seq]
        for n in range(1, MAX_NGRAM + 1):
            found = False
            for gram, count in Counter(zip(*(seq[k:] for k in range(n)), strict=False)).items():
                if count < need or None in gram:
                    continue
                found = True
                if n == 1:
                    if gram[0] not in single:
                        continue
                elif (
                    gram[0] not in starts
                    or (len(gram[0]) == 1 and gram[1] not in JOINERS)
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
    }
    # Drop fragments: 全过程/人民 when it is (almost) always part of 全过程/人民/民主.
    longest: dict[Gram, float] = defaultdict(float)
    for gram, cand in candidates.items():
        if len(gram) > 1:
            for part in (gram[:-1], gram[1:]):
                longest[part] = max(longest[part], cand.salience)
    return [c for g, c in candidates.items() if longest.get(g, 0.0) < _FRAGMENT * c.salience]


def _single_word(word: str, share: float, lexicon: Lexicon) -> bool:
    """Whether one jieba word may be a theme on its own."""
    if len(word) < 2 or word in GENERIC_WORDS or share > _MAX_SHARE:
        return False
    if lexicon.tags.get(word) in NOT_ALONE:
        return False
    value = lexicon.idf.get(word)
    return len(word) >= _NEW_WORD_CHARS if value is None else value >= _MIN_WORD_IDF
