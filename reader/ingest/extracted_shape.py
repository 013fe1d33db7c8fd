"""How well one column line reads after another: the column's shape and jieba's words.

A justified column has a grammar. A paragraph's first line is indented (about two characters,
four cells, short of the measure); its middle lines fill the measure; its last line ends a
sentence and may be any width. So a line that ends a paragraph must be followed by a first
line, and a line that does not by a middle or last line. From a line's width and its last
character this module gives the probability that it ends a paragraph and that it starts one;
a seam between two lines is scored by how well the two agree, plus the evidence of a
dictionary word spanning the seam (`reader.ingest.ngram.Dictionary`: general knowledge of
Chinese, not a model of the corpus).

Two more pieces of evidence come from the text on both sides of a seam: quotation marks (a line
that leaves a quotation open is followed by one that closes it before opening another), and,
where the dictionary says nothing, a character n-gram model trained on the page's own lines
(a word the page uses elsewhere, a name, a place, spanning the seam).

Scores are natural logs of likelihood ratios: positive when the seam looks like reading order,
about 0 when nothing is known. Widths are cells, relative to the measure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reader.ingest.extracted_lines import CLOSERS, HANG, SHORTEST, Unit
from reader.ingest.ngram import Dictionary, NgramModel, SeamModel

HANGING = "，。、；：？！）”’」』》"
"""Closing marks that hang past a full line's edge rather than start a line."""
INDENT = 4
"""Cells of a first line's indent (two Han characters)."""


@dataclass(frozen=True)
class Shape:
    """What a line's width and ending say about its place in a paragraph."""

    end: float
    """Probability that the line ends its paragraph."""
    start: float
    """Probability that the line starts a paragraph."""
    body: bool
    """Whether the line can be a column line at all (a title can be any width)."""


def shape_of(unit: Unit, measure: int) -> Shape:
    """The line's shape relative to the column measure (see the module's docstring)."""
    short = unit.width - measure
    final = unit.ends_sentence
    if short > HANG:
        return Shape(0.5, 0.5, False)
    if short >= -2:
        # Fills the measure: a middle line, or a last line that ended at the edge. A first line
        # reaches this far only with a comma hanging past the edge (-2); a middle line falls
        # two cells short when a number did not fit (and seldom ends on a mark), a last line
        # when it ends a sentence there.
        hangs = unit.bare[-1:] in HANGING and not final
        start = (0.9 if hangs else 0.3) if short == -2 else 0.03
        return Shape(0.35 if final else 0.005, start, True)
    if short >= -INDENT - 2:
        # A first line's width; with a sentence end it can as well be a last line.
        return Shape(0.7 if final else 0.005, 0.6 if final else 0.99, True)
    if final:
        # A short line ending a sentence: a paragraph's last line, rarely one of its own.
        return Shape(0.98, 0.15, True)
    # Short without ending a sentence: a first line cut early by a long number or word, or a
    # last line ending on a colon; as a column line, rare.
    return Shape(0.2, 0.7, short >= -SHORTEST)


def body_odds(unit: Unit, measure: int) -> float:
    """Log-odds that a title-like line is a column line rather than a headline, by its shape.

    Column lines mostly fill the measure; headlines are any width, and often short.
    """
    short = unit.width - measure
    if short > HANG:
        return -8.0
    if "——" in unit.bare[1:]:
        return -2.5  # a dash inside: a title's two parts (`传承——从…说起`), seldom prose
    if short >= -2:
        return 1.4
    if short >= -INDENT - 2:
        return 0.0
    if unit.ends_sentence:
        # A column's short last line ends with a full stop far more often than a title does;
        # a title that ends a sentence asks or exclaims.
        return -1.5 if unit.bare.rstrip(CLOSERS)[-1:] in "？！?!" else 0.0
    return -4.0


def agreement(left: Shape, right: Shape) -> float:
    """Log-likelihood ratio that `right` follows `left` in a column, from their shapes alone."""
    same = left.end * right.start + (1 - left.end) * (1 - right.start)
    return math.log(max(same, 1e-4) / 0.5)


SPAN_WORD = 2.7
"""Score of a seam that a dictionary word spans: about one true seam in three has one, one
random pair of lines in forty (measured on generated pages; the ratio is what counts)."""
NO_WORD = -0.45
"""Score of a seam no dictionary word spans (most true seams are between words too)."""


QUOTES = {
    ("in", "in"): 3.0,
    ("in", "out"): -3.5,
    ("out", "in"): -3.5,
    ("in", None): -0.6,
    (None, "in"): -0.6,
}
"""Score of a seam by where the quotation marks leave the left line (inside a quotation or
out of it, None: no mark) and where the right one starts (its first mark a closing one: inside);
measured on generated pages (a quotation left open is closed on the next line more often than
not, and never opened again first). A line with no mark inside a quotation of three lines
or more pays both of the unmarked scores, so they are kept small: a reading that skips it
(pairing the opening line straight with the closing one, `("in", "in")`) must not gain by it."""
PAGE_NGRAM = ((3.0, 2.5), (2.0, 1.2), (1.0, 0.8))
"""Score of a seam no dictionary word spans, by the page's own n-gram model's evidence (at
least the first value, in nats): one true seam in twenty has such evidence, one random pair
of lines in a hundred."""


def quote_state(text: str, *, end: bool) -> str | None:
    """Whether `text` ends inside a quotation (`end`: its last mark opens one) or starts
    inside one (its first mark closes one): "in", "out", or None when it has no mark."""
    marks = [c for c in text if c in "“”"]
    if not marks:
        return None
    mark = marks[-1] if end else marks[0]
    return "in" if (mark == "“") == end else "out"


@dataclass
class SeamScorer:
    """Seam scores between units, cached; jieba's dictionary is loaded on first use."""

    measure: int
    dictionary: Dictionary | None = None
    page: SeamModel | None = None
    """A character n-gram model of the page's own lines (None: not used)."""
    _shapes: dict[int, Shape] = field(default_factory=dict)
    _words: dict[tuple[str, str], float] = field(default_factory=dict)
    _seams: dict[tuple[int, int], float] = field(default_factory=dict)

    def learn(self, lines: list[str]) -> None:
        """Train the page's n-gram model on its lines (each line on its own: no seam is
        counted)."""
        if self.dictionary is None:
            self.dictionary = Dictionary.load()
        model = NgramModel.train(["\n".join(lines)], order=3)
        self.page = SeamModel(model, self.dictionary)

    def shape(self, unit: Unit) -> Shape:
        """The unit's shape (cached by its offset)."""
        known = self._shapes.get(unit.start)
        if known is None:
            known = self._shapes[unit.start] = shape_of(unit, self.measure)
        return known

    def words(self, left: str, right: str) -> float:
        """The dictionary's evidence for reading `right` after `left`."""
        key = (left[-4:], right[:4])
        known = self._words.get(key)
        if known is None:
            if self.dictionary is None:
                self.dictionary = Dictionary.load()
            gain = self.dictionary.spanning(left, right)
            known = SPAN_WORD if gain >= 2.0 else (SPAN_WORD / 2 if gain >= 0.5 else NO_WORD)
            if known == NO_WORD and self.page is not None:
                evidence = self.page.continuation(left, right)
                known += next((score for least, score in PAGE_NGRAM if evidence >= least), 0.0)
            self._words[key] = known
        return known

    def seam(self, left: Unit, right: Unit) -> float:
        """Score of reading `right` straight after `left` in one column (cached by offsets)."""
        key = (left.start, right.start)
        known = self._seams.get(key)
        if known is None:
            known = agreement(self.shape(left), self.shape(right))
            known += self.words(left.bare, right.bare)
            quotes = (quote_state(left.bare, end=True), quote_state(right.bare, end=False))
            known += QUOTES.get(quotes, 0.0)
            self._seams[key] = known
        return known
