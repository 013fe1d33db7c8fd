"""Seam scores: how well text reads across the join of two column-line fragments.

A seam joins the end of one fragment to the start of another. Its score (in nats, higher is
better, about 0 when the two pieces are unrelated) adds two pieces of evidence:

* a character n-gram model (Witten-Bell interpolation) trained on the corpus itself: the
  pointwise mutual information of the first characters of the right piece with the end of the
  left piece. Training counts n-grams only inside runs of non-space characters, so the column
  seams of raw page text — the very joins being judged — never teach the model anything;
* jieba's dictionary: how much better the best segmentation of a window around the seam is
  when a word may span the seam than when the seam is forced to be a word boundary.

Offsets and lengths are in characters (not cells); nothing here measures display width.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reader.text.segment import tokenizer

BOUNDARY = "\n"
"""The context character standing for a paragraph start in the n-gram model."""

_RUN = re.compile(r"\S+")
_DICT_WINDOW = 4
_DICT_CAP = 9.0
_LEFT_CONTEXT = 6


@dataclass(frozen=True)
class NgramModel:
    """An interpolated (Witten-Bell) character n-gram model.

    Counts live in one table keyed by the n-gram string (orders 1 to `order`); `following`
    holds, for each context, the total count of its continuations and how many distinct
    characters follow it.
    """

    order: int
    counts: dict[str, int]
    following: dict[str, tuple[int, int]]
    total: int
    vocabulary: int

    @classmethod
    def train(cls, texts: Iterable[str], *, order: int = 4) -> NgramModel:
        """Count the character n-grams of `texts`, inside runs of non-space characters.

        Args:
            texts: Paragraphs or whole articles. Whitespace separates runs: no n-gram crosses
                it. Each line's first run is preceded by the paragraph-start marker.
            order: The longest n-gram counted (context of `order - 1` characters).

        Returns:
            The trained model.
        """
        counts: Counter[str] = Counter()
        for text in texts:
            for line in text.splitlines():
                for number, match in enumerate(_RUN.finditer(line)):
                    run = match.group()
                    if number == 0:
                        run = BOUNDARY + run
                    size = len(run)
                    for n in range(1, order + 1):
                        for i in range(size - n + 1):
                            counts[run[i : i + n]] += 1
        # The marker is a context only, never a character to predict.
        counts.pop(BOUNDARY, None)
        totals: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for gram, count in counts.items():
            if len(gram) > 1:
                totals[gram[:-1]] += count
                types[gram[:-1]] += 1
        following = {ctx: (totals[ctx], types[ctx]) for ctx in totals}
        unigrams = [g for g in counts if len(g) == 1]
        total = sum(counts[g] for g in unigrams)
        return cls(order, dict(counts), following, total, len(unigrams) + 1)

    def logprob(self, char: str, context: str, *, held_out: int | None = None) -> float:
        """Natural log of P(char | context), backing off through shorter contexts.

        Args:
            char: One character.
            context: Preceding text (only the last `order - 1` characters are used).
            held_out: When the text being scored was itself counted in training (a join
                inside one fragment), the number of trailing context characters on this side
                of the join: n-grams reaching further back cross the join and are counted
                one less, so the judged text does not vouch for itself.

        Returns:
            The log-probability (always finite).
        """
        context = context[-(self.order - 1) :] if self.order > 1 else ""
        prob = (self.counts.get(char, 0) + 0.5) / (self.total + 0.5 * self.vocabulary)
        for start in range(len(context) - 1, -1, -1):
            ctx = context[start:]
            seen = self.following.get(ctx)
            if seen is None:
                # Longer contexts containing an unseen one are unseen too.
                break
            total, types = seen
            count = self.counts.get(ctx + char, 0)
            if held_out is not None and len(ctx) > held_out and count:
                count -= 1
                total -= 1
                types -= 0 if count else 1
                if total <= 0:
                    break
            prob = (count + types * prob) / (total + types)
        return math.log(prob)


@dataclass(frozen=True)
class Dictionary:
    """jieba's word frequencies, used to find words that span a seam."""

    freq: dict[str, int]
    logtotal: float
    cache: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Dictionary:
        """Use the process's jieba tokenizer (loads the dictionary on first use)."""
        tok: Any = tokenizer()
        return cls(tok.FREQ, math.log(tok.total))

    def best(self, text: str) -> float:
        """Log-probability of the best segmentation of `text` (jieba's unigram model).

        Args:
            text: A short string (a few characters around a seam).

        Returns:
            The log-probability; characters not in the dictionary count as frequency 1.
        """
        known = self.cache.get(text)
        if known is not None:
            return known
        freq = self.freq
        size = len(text)
        route = [0.0] * (size + 1)
        for i in range(size - 1, -1, -1):
            best = (math.log(freq.get(text[i]) or 1) - self.logtotal) + route[i + 1]
            j = i + 2
            piece = text[i:j]
            while j <= size and piece in freq:
                count = freq[piece]
                if count:
                    score = math.log(count) - self.logtotal + route[j]
                    best = max(best, score)
                j += 1
                piece = text[i:j]
            route[i] = best
        self.cache[text] = route[0]
        return route[0]

    def spanning(self, left: str, right: str) -> float:
        """How much better `left + right` segments when a word may cross the join (>= 0).

        Args:
            left: Text before the seam.
            right: Text after the seam.

        Returns:
            The gain in log-probability, capped so one long word cannot dominate.
        """
        left = left[-_DICT_WINDOW:]
        right = right[:_DICT_WINDOW]
        if not left or not right:
            return 0.0
        gain = self.best(left + right) - self.best(left) - self.best(right)
        return min(gain, _DICT_CAP)


@dataclass(frozen=True)
class SeamModel:
    """Scores seams between fragments from an n-gram model and jieba's dictionary.

    Build it with `SeamModel.train(texts)`; the repair step calls `seam(left, right)` and
    `start(right)`.
    """

    ngrams: NgramModel
    dictionary: Dictionary
    ngram_weight: float = 1.0
    dictionary_weight: float = 1.0
    reach: int = 3
    """How many characters of the right piece the n-gram term looks at."""
    cache: dict[tuple[str, str, bool], float] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    floor: float = -3.0
    """Least n-gram score of a seam: unseen continuations are weak evidence in a small corpus
    (`train` sets it from the corpus size: -3 up to about 50,000 characters, -8 from 1 M)."""

    @classmethod
    def train(
        cls, texts: Iterable[str], *, order: int = 4, dictionary: Dictionary | None = None
    ) -> SeamModel:
        """Train the n-gram part on `texts` and attach jieba's dictionary.

        Args:
            texts: Article texts. Keep the stray spaces of raw page text (they mark column
                seams, which are then left out of the counts); separate paragraphs or blocks
                by newlines.
            order: The n-gram order.
            dictionary: A loaded dictionary to share between models (default: load jieba's).

        Returns:
            The model.
        """
        ngrams = NgramModel.train(texts, order=order)
        floor = -min(8.0, max(3.0, 2.5 * math.log10(max(ngrams.total, 1)) - 7.0))
        return cls(ngrams, dictionary or Dictionary.load(), floor=floor)

    def continuation(self, left: str, right: str, *, seen: bool = False) -> float:
        """PMI (nats) of the start of `right` with the end of `left`, from the n-gram model.

        Args:
            left: Text before the seam.
            right: Text after the seam.
            seen: The join itself was in the training text (a lost space): leave it out.

        Returns:
            The score; positive when the corpus says the two pieces go together.
        """
        model = self.ngrams
        width = model.order - 1
        joined = left[-_LEFT_CONTEXT:] + right
        offset = len(joined) - len(right)
        score = 0.0
        for i in range(min(self.reach, len(right), width)):
            char = right[i]
            with_seam = model.logprob(
                char, joined[: offset + i][-width:], held_out=i if seen else None
            )
            without = model.logprob(char, right[:i])
            score += with_seam - without
        return score

    def seam(self, left: str, right: str, *, seen: bool = False) -> float:
        """Score of reading `right` straight after `left` (higher is better, ~0 neutral).

        Args:
            left: Text before the seam.
            right: Text after the seam.
            seen: The join was in the training text (see `continuation`).

        Returns:
            The score in nats.
        """
        # Only a few characters on each side matter: cache on those.
        span = max(_DICT_WINDOW, self.ngrams.order - 1)
        key = (left[-span:], right[:span], seen)
        known = self.cache.get(key)
        if known is not None:
            return known
        ngram = max(self.floor, self.continuation(left, right, seen=seen))
        score = self.ngram_weight * ngram + self.dictionary_weight * self.dictionary.spanning(
            left, right
        )
        self.cache[key] = score
        return score

    def start(self, right: str, *, seen: bool = False) -> float:
        """Score of `right` opening a paragraph, from the n-gram model (PMI with the marker).

        Args:
            right: The paragraph's first fragment.
            seen: `right` opened a line of the training text (leave that instance out, or a
                displaced line at a block start would vouch for itself).

        Returns:
            The score in nats.
        """
        ngram = self.continuation(BOUNDARY, right, seen=seen)
        return self.ngram_weight * max(self.floor, ngram)
