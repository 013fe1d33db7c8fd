"""Fragments arranged in blocks, scored seam by seam with what the page layout says.

The score of an arrangement adds, for every seam where reading crosses from one fragment to the
next, the seam model's score (`reader.ingest.ngram`), and the layout rules of a newspaper
column: a block without sentence-final punctuation continues in the next block; a paragraph ends
with sentence-final punctuation; its first line is indented (two characters shorter than a full
line); a numbered heading starts a paragraph. Lengths are in characters, not cells.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.ngram import SeamModel

_FINAL = frozenset("。！？!?…")
_CLOSERS = frozenset("\"”’'）)」』】》〕")
_HEADING_NUMERALS = frozenset("一二三四五六七八九十")


@dataclass(frozen=True)
class RepairSettings:
    """Thresholds of the repair search (nats of seam score; chosen from `docs/repair.md`)."""

    threshold: float = 14.0
    """Least total gain for a move."""
    margin: float = 1.0
    """Least gain at each end of a move: where the fragment leaves and where it lands."""
    evidence: float = 3.0
    """Least score of one seam the fragment makes at its new place: a move needs a reason."""
    distinct: float = 0.0
    """Least lead of the best new place over the next best (elsewhere in reading order)."""
    orphan_threshold: float = 12.0
    """Least gain from taking a fragment out of its place, for setting it aside."""
    end_penalty: float = 4.0
    """Cost of a paragraph that ends without sentence-final punctuation."""
    indent_penalty: float = 2.0
    """Cost of a paragraph whose first line is a full line (its indented first line is missing)."""
    heading_penalty: float = 3.0
    """Cost of a heading-like start (`一、`, `二是`) in the middle of a paragraph."""
    glue_penalty: float = 2.0
    """Cost of the join inside a fragment that holds two lines (its space was lost)."""
    max_moves: int = 40


def is_final(text: str) -> bool:
    """Whether `text` ends a sentence (。！？… possibly followed by closing quotes/brackets)."""
    stripped = text.rstrip("".join(_CLOSERS))
    return bool(stripped) and stripped[-1] in _FINAL


def looks_like_heading(text: str) -> bool:
    """Whether `text` opens like a numbered section or point: `一、`, `二是`, `（三）`, `1.`."""
    head = text.lstrip("(（")
    if len(head) < 2:
        return False
    if head[0] in _HEADING_NUMERALS:
        return head[1] in "、是要" or (text[0] in "(（" and head[1] in ")）")
    return head[0].isdigit() and head[1] in ".、．"


def line_width(blocks: Sequence[Sequence[str]]) -> int:
    """Estimate the column width (characters per line) from fragments that are not block ends.

    Args:
        blocks: Fragment texts, block by block.

    Returns:
        The median length of inner fragments, or 0 when there are too few to say.
    """
    lengths = sorted(len(t) for block in blocks for t in block[:-1] if len(t) >= 6)
    if len(lengths) < 3:
        return 0
    return lengths[len(lengths) // 2]


class Layout:
    """Fragment texts and their arrangement in blocks, with cached seam scores.

    `blocks` holds fragment ids (indices into `texts`); the repair search rearranges it.
    Orphans take no part in reading: they are skipped when seams are scored.
    """

    def __init__(
        self, texts: list[str], blocks: list[list[int]], model: SeamModel, settings: RepairSettings
    ) -> None:
        self.texts = texts
        self.blocks = blocks
        self.model = model
        self.settings = settings
        self.width = line_width([[texts[i] for i in b] for b in blocks])
        self.orphans: set[int] = set()
        self.block_starts = {block[0] for block in blocks if block}
        """Fragments that opened a block of the input (the model saw them open a line)."""
        self.joined: set[tuple[int, int]] = set()
        """Pairs that were one fragment in the input (the model saw that join in training)."""
        self._pairs: dict[tuple[int, int], float] = {}
        self._starts: dict[int, float] = {}
        self._blocks: dict[tuple[tuple[int, ...], int | None, bool], float] = {}

    def pair(self, left: int, right: int) -> float:
        """Score of reading fragment `right` straight after fragment `left`."""
        key = (left, right)
        score = self._pairs.get(key)
        if score is None:
            a, b = self.texts[left], self.texts[right]
            if key in self.joined:
                # Two lines glued together (a lost space) are a trace of extraction trouble.
                score = self.model.seam(a, b, seen=True) - self.settings.glue_penalty
            else:
                score = self.model.seam(a, b)
            if looks_like_heading(b):
                score -= self.settings.heading_penalty
            elif self.width and len(b) == self.width - 2 and is_final(a):
                # An indented first line after a sentence end: a paragraph start that should
                # open a block, not run on inside one.
                score -= self.settings.indent_penalty
            self._pairs[key] = score
        return score

    def start(self, right: int) -> float:
        """Score of fragment `right` opening a paragraph."""
        score = self._starts.get(right)
        if score is None:
            text = self.texts[right]
            score = self.model.start(text, seen=right in self.block_starts)
            if self.width and len(text) >= self.width and not looks_like_heading(text):
                score -= self.settings.indent_penalty
            self._starts[right] = score
        return score

    def end(self, left: int) -> float:
        """Score of fragment `left` closing the article (it should end a sentence)."""
        return 0.0 if is_final(self.texts[left]) else -self.settings.end_penalty

    def live(self, block: list[int]) -> list[int]:
        """The block's fragments that take part in reading (orphans are shown apart)."""
        return [i for i in block if i not in self.orphans] if self.orphans else block

    def contribution(self, blocks: list[list[int]], k: int) -> float:
        """Seams inside block `k`, the seam into it from the previous block, the article end."""
        own = self.live(blocks[k])
        if not own:
            return 0.0
        previous = None
        for j in range(k - 1, -1, -1):
            before = self.live(blocks[j])
            if before:
                previous = before[-1]
                break
        last = not any(self.live(blocks[j]) for j in range(k + 1, len(blocks)))
        key = (tuple(own), previous, last)
        known = self._blocks.get(key)
        if known is not None:
            return known
        score = 0.0
        for a, b in itertools.pairwise(own):
            score += self.pair(a, b)
        if previous is None or is_final(self.texts[previous]):
            score += self.start(own[0])
        else:
            score += self.pair(previous, own[0])
        if last:
            score += self.end(own[-1])
        self._blocks[key] = score
        return score

    def affected(self, blocks: list[list[int]], ks: set[int]) -> set[int]:
        """Blocks whose contribution may change when blocks `ks` change: them and successors."""
        out = set(ks)
        for k in ks:
            for j in range(k + 1, len(blocks)):
                out.add(j)
                if self.live(blocks[j]):
                    break
            # The article-end term moves to an earlier block when later ones empty out.
            for j in range(k - 1, -1, -1):
                out.add(j)
                if self.live(blocks[j]):
                    break
        return out

    def seams_of(self, blocks: list[list[int]], item: int) -> list[float]:
        """The pair scores of the seams `item` makes with its reading neighbours."""
        k = next(n for n, block in enumerate(blocks) if item in block)
        own = self.live(blocks[k])
        i = own.index(item)
        scores = []
        if i > 0:
            scores.append(self.pair(own[i - 1], item))
        else:
            previous = next((self.live(b) for b in reversed(blocks[:k]) if self.live(b)), None)
            if previous and not is_final(self.texts[previous[-1]]):
                scores.append(self.pair(previous[-1], item))
        if i + 1 < len(own):
            scores.append(self.pair(item, own[i + 1]))
        elif not is_final(self.texts[item]):
            following = next((self.live(b) for b in blocks[k + 1 :] if self.live(b)), None)
            if following:
                scores.append(self.pair(item, following[0]))
        return scores

    def delta(self, before: list[list[int]], after: list[list[int]], ks: set[int]) -> float:
        """Change in total score from `before` to `after`, which differ only in blocks `ks`."""
        touched = self.affected(before, ks) | self.affected(after, ks)
        return sum(self.contribution(after, k) - self.contribution(before, k) for k in touched)
