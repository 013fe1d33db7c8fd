"""Ranking: how specific a phrase is in general Chinese, and how prominent a theme is."""

from __future__ import annotations

import math

from reader.themes.discover import Gram
from reader.themes.lexicon import PERSON, Lexicon
from reader.themes.wordlists import FUNCTION_WORDS, GENERIC_WORDS, JOINERS

_IDF_CAP = 12.0
"""IDF values above this (the rarest words of jieba's table) all count as fully specific."""

_SINGLE_WORD = 0.8
"""Score factor for a theme that is one jieba word: compounds (人大代表联络站) read better."""


def specificity(gram: Gram, lexicon: Lexicon) -> float:
    """How specific a phrase is in general Chinese, 0 (generic) to 1.

    A compound is rarer than its rarest word: half the IDF of the next rarest is added.
    """
    values = sorted(
        (
            lexicon.idf.get(w, lexicon.median) * (0.5 if lexicon.tags.get(w) in PERSON else 1.0)
            for w in gram
            if w not in GENERIC_WORDS and w not in JOINERS and w not in FUNCTION_WORDS
        ),
        reverse=True,
    )
    if not values:
        return 0.0
    value = values[0] + (values[1] / 2 if len(values) > 1 else 0.0)
    return (min(value, _IDF_CAP) / _IDF_CAP) ** 2


def prominence(
    specific: float, gram: Gram, salience: float, covered: int, mentioned: int, n_docs: int
) -> float:
    """A theme's prominence.

    Args:
        specific: Its specificity in general Chinese (0–1).
        gram: Its words (compounds and longer names read better than single short words).
        salience: How strongly the covered articles develop it (summed over them).
        covered: How many articles develop it.
        mentioned: How many articles mention it at all.
        n_docs: How many articles there are.

    Returns:
        The score: higher is more prominent.
    """
    chars = sum(map(len, gram))
    shape = (1.0 + 0.15 * min(max(chars - 2, 0), 3)) * (_SINGLE_WORD if len(gram) == 1 else 1.0)
    focus = covered / mentioned
    rarity = math.log((n_docs + 1) / (mentioned + 0.5))
    return specific * shape * focus * (salience / math.sqrt(covered)) * rarity
