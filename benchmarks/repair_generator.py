"""Synthetic column layouts with displaced lines, for measuring the reading-order repair.

Clean paragraphs are cut into column lines of a fixed width (12–18 characters; a paragraph's
first line is two characters shorter, for its indent; a line never starts with closing
punctuation), joined by spaces into blocks (a paragraph may be split over two blocks, as at a
column break), sometimes with an extra space inside a line after punctuation, as extraction
does. Then k whole lines are displaced the way extraction displaces them: to the start of a
following block, to the end of a neighbouring block, into the middle of a neighbouring block,
or anywhere in the article. The case keeps the true order so that a repair can be checked.

Lengths and offsets are in characters.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.model import Fragment

_NO_LINE_START = frozenset("，。、；：？！”’）》」』,.;:?!)")
_BREAKABLE = frozenset("，。、；：？！,;:")
KINDS = ("next-start", "neighbour-end", "neighbour-mid", "anywhere")


@dataclass(frozen=True)
class Case:
    """One generated article body.

    `blocks` is what the repair sees. `truth` is the correct arrangement: blocks of indices
    into the flattened `blocks`. `displaced` holds the flat indices of the displaced lines.
    """

    blocks: tuple[tuple[Fragment, ...], ...]
    truth: tuple[tuple[int, ...], ...]
    displaced: frozenset[int]
    width: int


def column_lines(paragraph: str, width: int) -> list[str]:
    """Cut a paragraph into column lines: first line `width - 2` (indent), then `width`.

    Args:
        paragraph: Text without whitespace.
        width: Characters per full line.

    Returns:
        The lines; a line never starts with closing punctuation (it stays on the line before).
    """
    lines: list[str] = []
    position = 0
    size = width - 2
    while position < len(paragraph):
        end = min(len(paragraph), position + size)
        while end < len(paragraph) and paragraph[end] in _NO_LINE_START:
            end += 1
        lines.append(paragraph[position:end])
        position = end
        size = width
    return lines


def _inline_split(line: str, rng: random.Random, probability: float) -> list[str]:
    """Maybe split a line after an inner punctuation mark (a stray space inside a line)."""
    spots = [i + 1 for i, c in enumerate(line[:-1]) if c in _BREAKABLE]
    if spots and rng.random() < probability:
        cut = rng.choice(spots)
        return [line[:cut], line[cut:]]
    return [line]


def make_case(
    paragraphs: Sequence[str],
    rng: random.Random,
    *,
    k: int,
    width: int | None = None,
    column_break: float = 0.3,
    inline_split: float = 0.05,
    kinds: Sequence[str] = KINDS,
) -> Case:
    """Lay out `paragraphs` as raw page blocks and displace `k` lines.

    Args:
        paragraphs: Clean paragraphs (whitespace is removed).
        rng: The random source (seeded by the caller for reproducible cases).
        k: How many lines to displace (fewer when the article has too few movable lines).
        width: Characters per line; default a random width from 12 to 18.
        column_break: Chance that a paragraph of four lines or more is split over two blocks.
        inline_split: Chance that a line gets an extra space after an inner punctuation mark.
        kinds: The displacement kinds to draw from (see `KINDS`).

    Returns:
        The case.
    """
    width = width or rng.randint(12, 18)
    blocks: list[list[str]] = []
    for paragraph in paragraphs:
        text = "".join(paragraph.split())
        if not text:
            continue
        lines = column_lines(text, width)
        pieces = [[p for line in lines for p in _inline_split(line, rng, inline_split)]]
        if len(lines) >= 4 and rng.random() < column_break:
            cut = rng.randint(2, len(pieces[0]) - 2)
            pieces = [pieces[0][:cut], pieces[0][cut:]]
        blocks.extend(pieces)

    # Fragments are numbered in reading order; displacement shuffles the numbers.
    numbered: list[list[int]] = []
    texts: list[str] = []
    for block in blocks:
        numbered.append(list(range(len(texts), len(texts) + len(block))))
        texts.extend(block)
    truth = [list(b) for b in numbered]
    arrangement = [list(b) for b in numbered]
    moved: set[int] = set()
    for _ in range(k):
        candidates = [
            (bi, i)
            for bi, block in enumerate(arrangement)
            for i, item in enumerate(block)
            if len(block) > 1 and item not in moved and len(texts[item]) >= 4
        ]
        if not candidates or len(arrangement) < 2:
            break
        bi, i = rng.choice(candidates)
        item = arrangement[bi].pop(i)
        kind = rng.choice(list(kinds))
        if kind == "next-start":
            target = min(len(arrangement) - 1, bi + rng.randint(1, 3))
            if target == bi:
                target = max(0, bi - 1)
            position = 0
        elif kind == "neighbour-end":
            target = _neighbour(bi, len(arrangement), rng)
            position = len(arrangement[target])
        elif kind == "neighbour-mid":
            target = _neighbour(bi, len(arrangement), rng)
            position = rng.randint(0, len(arrangement[target]))
        else:
            target = rng.randrange(len(arrangement))
            position = rng.randint(0, len(arrangement[target]))
        arrangement[target].insert(position, item)
        if neighbours(arrangement)[item] != neighbours(truth)[item]:
            moved.add(item)

    # Rebuild as raw text so that fragments carry real offsets, in the displaced order.
    order = [item for block in arrangement for item in block]
    flat_index = {item: n for n, item in enumerate(order)}
    out_blocks: list[tuple[Fragment, ...]] = []
    offset = 0
    for block in arrangement:
        fragments = []
        for item in block:
            text = texts[item]
            fragments.append(Fragment(text, offset, offset + len(text)))
            offset += len(text) + 1
        offset += 1
        out_blocks.append(tuple(fragments))
    true_blocks = tuple(tuple(flat_index[item] for item in block) for block in truth)
    return Case(
        tuple(out_blocks),
        true_blocks,
        frozenset(flat_index[item] for item in moved),
        width,
    )


def _neighbour(block: int, count: int, rng: random.Random) -> int:
    choices = [b for b in (block - 2, block - 1, block + 1, block + 2) if 0 <= b < count]
    return rng.choice(choices) if choices else block


def neighbours(blocks: Sequence[Sequence[int]]) -> dict[int, tuple[int | None, int | None]]:
    """For each fragment, its left and right neighbour inside its block (None at the edges)."""
    out: dict[int, tuple[int | None, int | None]] = {}
    for block in blocks:
        for i, item in enumerate(block):
            left = block[i - 1] if i > 0 else None
            right = block[i + 1] if i + 1 < len(block) else None
            out[item] = (left, right)
    return out


def block_of(blocks: Sequence[Sequence[int]]) -> dict[int, tuple[int, ...]]:
    """For each fragment, the block it sits in (as a tuple, to compare block identity)."""
    return {item: tuple(block) for block in blocks for item in block}


_SKIP = re.compile(r"^(#|<!--|\[|（《新闻联播》|!\[)")


def bench_articles(
    directory: Path, *, min_chars: int = 300, max_chars: int = 2500
) -> Iterator[list[str]]:
    """Articles of the benchmark corpus (`### ` sections of its Markdown files) as paragraphs.

    Args:
        directory: The folder of `.md` files.
        min_chars: Skip shorter articles.
        max_chars: Keep only the first paragraphs up to about this many characters.

    Yields:
        Each article's paragraphs, Markdown emphasis removed.
    """
    for path in sorted(directory.glob("*.md")):
        current: list[str] | None = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### "):
                if current:
                    yield from _trimmed(current, min_chars, max_chars)
                current = []
                continue
            if line.startswith("## "):
                if current:
                    yield from _trimmed(current, min_chars, max_chars)
                current = None
                continue
            text = line.strip().replace("**", "")
            if current is None or not text or _SKIP.match(text):
                continue
            current.append(text)
        if current:
            yield from _trimmed(current, min_chars, max_chars)


def _trimmed(paragraphs: list[str], min_chars: int, max_chars: int) -> Iterator[list[str]]:
    kept: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if size >= max_chars:
            break
        kept.append(paragraph)
        size += len(paragraph)
    if size >= min_chars:
        yield kept
