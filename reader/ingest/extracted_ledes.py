"""Titles told by their ledes: a news article's opening lines say what its title says.

A title shares most of its words with the first sentence of its article (`小杂粮做成大产业` …
`当地把小杂粮做成了带动群众增收的大产业。`); a column line shares few of its words with any
other two lines of the page. So a line's *coverage* — the share of its character bigrams found
in some two column lines printed near each other (the second at most `WINDOW` lines after the
first) — tells a title from a column line. The lede's own first line is covered by the title
it repeats: a line is not covered by a title-like line that is covered better than itself.

This is evidence from the page itself, and from how news is written; a title that its lede does
not repeat is only a little less likely a title. Offsets are indices into the units given.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.ingest.extracted_heads import may_be_headline
from reader.ingest.extracted_lines import Unit
from reader.text.chars import is_han

WINDOW = 16
"""How many lines after a lede's line its next line may be printed (an extractor reading
across a band prints a column's next line one period later)."""
ODDS = ((0.7, 4.0), (0.5, 1.5), (0.3, -1.0))
"""Log-odds that a title-like line is a headline, by its coverage (at least the first value);
measured on generated pages (a title is covered 0.7 or more nine times in ten, a column line
once in three hundred times), the odds against a title kept small: real titles are not
always repeated."""
UNCOVERED = -1.5
"""Log-odds for a coverage under the last threshold."""


def bigrams(text: str) -> frozenset[str]:
    """The Han character bigrams of `text` (spaces and marks left out)."""
    han = _han(text)
    return frozenset(han[i : i + 2] for i in range(len(han) - 1))


def _han(text: str) -> str:
    """The Han characters of `text`, in order."""
    return "".join(c for c in text if is_han(c))


def coverages(
    units: Sequence[Unit], candidates: Sequence[int], text: Sequence[int]
) -> dict[int, float]:
    """How well each candidate line is covered by two lines of the text near each other.

    Args:
        units: The page's units.
        candidates: Indices of the title-like lines.
        text: Indices of the lines that may be column lines, in printed order (candidates among
            them).

    Returns:
        Candidate index → its coverage, from 0 to 1.
    """
    grams = {i: bigrams(units[i].text) for i in text}
    for i in candidates:
        grams.setdefault(i, bigrams(units[i].text))
    first = {i: _coverage(i, grams, text, frozenset()) for i in candidates}
    looks = {i: may_be_headline(units[i]) for i in candidates}
    out = {}
    for i in candidates:
        # A line repeating a title is not covered by that title: of two lines repeating each
        # other (a title and its lede's first line), the one printed first is the title (every
        # extractor prints a title before its body, but rarely); otherwise the one covered
        # better.
        better = frozenset(
            j
            for j in candidates
            if j != i
            and grams[j] & grams[i]
            and (
                _first_title(units, j, i, looks)
                if repeats(grams[i], grams[j])
                else first[j] > first[i]
            )
        )
        out[i] = _coverage(i, grams, text, better) if better else first[i]
    return out


def _first_title(units: Sequence[Unit], one: int, other: int, looks: dict[int, bool]) -> bool:
    """Of two lines repeating each other, whether `one` is the title: the one printed first,
    unless only one looks like a title (no pause) and the other opens with its words, as a
    lede restating its title does (pdftotext may print a corner article's title after its
    body; a column line with no pause repeating words from the middle of an earlier one is
    no title)."""
    if looks[one] != looks[other]:
        title, lede = (one, other) if looks[one] else (other, one)
        if _opens_with(units[lede].text, units[title].text):
            return title == one
    return one < other


def _opens_with(text: str, title: str) -> bool:
    """Whether `text` begins with the first two Han characters of `title`."""
    opening = _han(title)[:2]
    return len(opening) == 2 and _han(text).startswith(opening)


def repeats(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two lines repeat each other: they share half the bigrams of the shorter."""
    return 2 * len(one & other) >= min(len(one), len(other))


def _coverage(
    index: int, grams: dict[int, frozenset[str]], text: Sequence[int], banned: frozenset[int]
) -> float:
    own = grams[index]
    if not own:
        return 0.0
    best = 0
    for at, i in enumerate(text):
        if i == index or i in banned:
            continue
        shared = own & grams[i]
        if not shared:
            continue
        best = max(best, len(shared))
        for j in text[at + 1 : at + 1 + WINDOW]:
            if j != index and j not in banned:
                best = max(best, len(shared | (own & grams[j])))
    return best / len(own)


def lede_odds(coverage: float) -> float:
    """Log-odds that a title-like line is a headline, from its coverage (see `ODDS`)."""
    for threshold, odds in ODDS:
        if coverage >= threshold:
            return odds
    return UNCOVERED
