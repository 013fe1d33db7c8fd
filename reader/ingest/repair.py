"""Reading-order repair: put displaced column lines back, set aside what fits nowhere.

PDF extraction of multi-column pages sometimes drops a column line in the wrong place. A block
of raw page text (between blank lines) is a sequence of fragments, one per column line, split on
the stray spaces that mark line ends. This module scores every seam between consecutive
fragments (see `reader.ingest.ngram`), adds what the page layout says (a block without
sentence-final punctuation continues in the next block; a paragraph ends with sentence-final
punctuation; its first line is indented, so shorter than a full line), and moves whole fragments
when the text then reads clearly better both where the fragment was and where it goes.

Nothing is ever dropped or duplicated: the result holds every input fragment exactly once. A
fragment that clearly does not belong where it is but fits nowhere else is moved to the end of
its block and marked `orphan=True`. Offsets and lengths are in characters, not cells.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.arrangement import (
    Layout,
    RepairSettings,
    is_final,
    line_width,
    looks_like_heading,
)
from reader.ingest.ngram import SeamModel
from reader.model import Fragment, Move

__all__ = [
    "DEFAULT_SETTINGS",
    "RepairResult",
    "RepairSettings",
    "cut_candidates",
    "is_final",
    "line_width",
    "looks_like_heading",
    "repair_blocks",
    "training_text",
]


DEFAULT_SETTINGS = RepairSettings()


@dataclass(frozen=True)
class RepairResult:
    """The repaired blocks and the record of every change.

    `moves` lists, in the order they were made, each fragment that changed place:
    `source_index` is its index in the flattened input (all blocks' fragments in order) and
    `target_index` its index in the flattened `blocks` of this result, or None when it was set
    aside as an orphan (it then sits at the end of its own block with `orphan=True`). `score`
    is the gain in total seam score the move brought (for an orphan, the gain of taking it out).
    """

    blocks: tuple[tuple[Fragment, ...], ...]
    moves: tuple[Move, ...]


def _removed(blocks: list[list[int]], k: int, i: int) -> list[list[int]]:
    out = list(blocks)
    out[k] = blocks[k][:i] + blocks[k][i + 1 :]
    return out


def _inserted(blocks: list[list[int]], k: int, j: int, item: int) -> list[list[int]]:
    out = list(blocks)
    out[k] = [*blocks[k][:j], item, *blocks[k][j:]]
    return out


def _best_move(
    layout: Layout, frozen: set[int], only: set[int] | None = None
) -> tuple[float, int, int, int, int] | None:
    """The best admissible move: (gain, from block, from index, to block, to index).

    Args:
        layout: The current arrangement.
        frozen: Fragments that may not move (already moved once).
        only: When given, only these fragments may move.

    Returns:
        The move, or None when no move clears the thresholds.
    """
    settings = layout.settings
    blocks = layout.blocks
    best: tuple[float, int, int, int, int] | None = None
    for k, block in enumerate(blocks):
        for i, item in enumerate(block):
            if item in frozen or item in layout.orphans or (only is not None and item not in only):
                continue
            removed = _removed(blocks, k, i)
            leave = layout.delta(blocks, removed, {k})
            if leave < settings.margin:
                continue
            here = sum(len(b) for b in blocks[:k]) + i
            # The best landing of this fragment, and the best elsewhere in reading order.
            first: tuple[float, int, int, int] | None = None
            runner_up = float("-inf")
            flat = 0
            for k2, target in enumerate(removed):
                for j in range(len(target) + 1):
                    # Staying put, or trading places with a neighbour in reading order: a
                    # swap says nothing about which of the two lines was displaced.
                    if abs(flat + j - here) <= 1:
                        continue
                    if 0 < j < len(target) and not layout.orphans:
                        # Inside a block only three seams change; no need to rescore blocks.
                        left = layout.pair(target[j - 1], item)
                        right = layout.pair(item, target[j])
                        land = left + right - layout.pair(target[j - 1], target[j])
                        evidence = max(left, right)
                    else:
                        placed = _inserted(removed, k2, j, item)
                        land = layout.delta(removed, placed, {k2})
                        evidence = max(layout.seams_of(placed, item), default=0.0)
                    if evidence < settings.evidence:
                        continue
                    if first is None or land > first[0]:
                        if first is not None and first[1] != flat + j:
                            runner_up = max(runner_up, first[0])
                        first = (land, flat + j, k2, j)
                    elif flat + j != first[1]:
                        runner_up = max(runner_up, land)
                flat += len(target)
            if first is None:
                continue
            land, _, k2, j = first
            if land < settings.margin or leave + land < settings.threshold:
                continue
            if land - runner_up < settings.distinct:
                continue
            if best is None or leave + land > best[0]:
                best = (leave + land, k, i, k2, j)
    return best


def _orphans(layout: Layout, frozen: set[int]) -> list[tuple[float, int]]:
    """Fragments whose removal gains at least the orphan threshold, best first."""
    found: list[tuple[float, int]] = []
    for k, block in enumerate(layout.blocks):
        for i, item in enumerate(block):
            if item in frozen or item in layout.orphans:
                continue
            gain = layout.delta(layout.blocks, _removed(layout.blocks, k, i), {k})
            if gain >= layout.settings.orphan_threshold:
                found.append((gain, item))
    return sorted(found, reverse=True)


def training_text(blocks: Sequence[Sequence[Fragment]]) -> str:
    """An article's blocks as `SeamModel.train` wants them: one block a line, spaces kept.

    The spaces between fragments keep the column seams — the joins repair judges — out of the
    model; with them removed, a displaced line would vouch for its own wrong place.

    Args:
        blocks: The article's raw blocks.

    Returns:
        The text to train on.
    """
    return "\n".join(" ".join(f.text for f in block) for block in blocks)


def cut_candidates(blocks: Sequence[Sequence[Fragment]], width: int) -> dict[int, list[int]]:
    """Fragments that hold two column lines (a lost space), with the places they may be cut.

    A fragment longer than a line and a half, in a block whose other lines have the article's
    width, may be cut where a line of about that width ends (counting from either end).

    Args:
        blocks: The input blocks.
        width: The article's line width (0: unknown, nothing is cut).

    Returns:
        Flat fragment index -> candidate cut positions (characters from the fragment start).
    """
    out: dict[int, list[int]] = {}
    index = 0
    near = range(width - 2, width + 3)
    for block in blocks:
        if not block:
            continue
        lengths = sorted(len(f.text) for f in block)
        typical = lengths[len(lengths) // 2]
        for fragment in block:
            size = len(fragment.text)
            if width and size > width * 3 // 2 and abs(typical - width) <= 2:
                spots = {n for n in near} | {size - n for n in near}
                cuts = sorted(n for n in spots if 3 <= n <= size - 3)
                if cuts:
                    out[index] = cuts
            index += 1
    return out


def _units(
    blocks: Sequence[Sequence[Fragment]], cuts: dict[int, int]
) -> tuple[list[Fragment], list[int], list[list[int]]]:
    """The fragments with the chosen cuts made: pieces, their input index, and the blocks."""
    units: list[Fragment] = []
    owner: list[int] = []
    arrangement: list[list[int]] = []
    index = 0
    for block in blocks:
        ids: list[int] = []
        for fragment in block:
            cut = cuts.get(index, 0)
            pieces = (
                [
                    Fragment(fragment.text[:cut], fragment.start, fragment.start + cut),
                    Fragment(fragment.text[cut:], fragment.start + cut, fragment.end),
                ]
                if cut
                else [fragment]
            )
            for piece in pieces:
                ids.append(len(units))
                units.append(piece)
                owner.append(index)
            index += 1
        arrangement.append(ids)
    return units, owner, arrangement


def _layout(
    blocks: Sequence[Sequence[Fragment]],
    cuts: dict[int, int],
    model: SeamModel,
    settings: RepairSettings,
    width: int,
) -> tuple[Layout, list[Fragment], list[int]]:
    units, owner, arrangement = _units(blocks, cuts)
    layout = Layout([u.text for u in units], arrangement, model, settings)
    layout.width = width
    layout.joined = {(n, n + 1) for n in range(len(owner) - 1) if owner[n] == owner[n + 1]}
    return layout, units, owner


def _choose_cuts(
    blocks: Sequence[Sequence[Fragment]],
    model: SeamModel,
    settings: RepairSettings,
    width: int,
) -> dict[int, int]:
    """For each two-line fragment, the cut that lets one of its lines move with most gain."""
    chosen: dict[int, int] = {}
    for index, cuts in cut_candidates(blocks, width).items():
        best: tuple[float, int] | None = None
        for cut in cuts:
            layout, units_, owner = _layout(blocks, {index: cut}, model, settings, width)
            pieces = {n for n, source in enumerate(owner) if source == index}
            found = _best_move(layout, set(), only=pieces)
            if found is None:
                continue
            # Prefer cuts that leave a piece of exactly one line.
            size = len(units_[min(pieces)].text) + len(units_[max(pieces)].text)
            score = found[0] - 2.0 * min(abs(cut - width), abs(size - cut - width))
            if best is None or score > best[0]:
                best = (score, cut)
        if best is not None:
            chosen[index] = best[1]
    return chosen


def repair_blocks(
    blocks: Sequence[Sequence[Fragment]],
    *,
    model: SeamModel | None = None,
    settings: RepairSettings = DEFAULT_SETTINGS,
) -> RepairResult:
    """Restore the reading order of one article's body.

    A fragment holding two column lines (the space between them lost) may be cut in two so that
    one line can move; when neither piece moves, the fragment comes back whole.

    Args:
        blocks: The article's raw blocks, each a sequence of fragments (column lines).
        model: A seam model trained on the corpus; default: one trained on these blocks only.
        settings: Search thresholds.

    Returns:
        The blocks with fragments re-ordered (blocks emptied by a move are dropped) and the
        moves made. Every input fragment appears exactly once, whole or as two pieces whose
        texts and offsets add up to it.
    """
    if model is None:
        model = SeamModel.train([training_text(blocks)])
    width = line_width([[f.text for f in block] for block in blocks])
    cuts = _choose_cuts(blocks, model, settings, width)
    layout, units, owner = _layout(blocks, cuts, model, settings, width)
    texts = layout.texts

    moved: list[tuple[int, float]] = []
    frozen: set[int] = set()
    for _ in range(settings.max_moves):
        found = _best_move(layout, frozen)
        if found is None:
            break
        gain, k, i, k2, j = found
        item = layout.blocks[k][i]
        layout.blocks = _inserted(_removed(layout.blocks, k, i), k2, j, item)
        frozen.add(item)
        moved.append((item, gain))

    orphaned: list[tuple[int, float]] = []
    for gain, item in _orphans(layout, frozen):
        # Taking one fragment out can make its neighbour read well again: re-check.
        k = next(n for n, b in enumerate(layout.blocks) if item in b)
        i = layout.blocks[k].index(item)
        recheck = layout.delta(layout.blocks, _removed(layout.blocks, k, i), {k})
        if recheck < settings.orphan_threshold:
            continue
        layout.orphans.add(item)
        orphaned.append((item, gain))
    for item, _gain in orphaned:
        k = next(n for n, b in enumerate(layout.blocks) if item in b)
        layout.blocks[k] = [i for i in layout.blocks[k] if i != item] + [item]

    # Pieces of a cut fragment that still sit together, in order, become the fragment again.
    flat_input = [f for block in blocks for f in block]
    orphan_set = {item for item, _ in orphaned}
    changed = orphan_set | {item for item, _ in moved}
    final: list[list[Fragment]] = []
    where: dict[int, int] = {}
    count = 0
    for block in layout.blocks:
        out: list[Fragment] = []
        for item in block:
            piece = units[item]
            if item in orphan_set:
                piece = dataclasses.replace(piece, orphan=True)
            previous = block[block.index(item) - 1] if block.index(item) > 0 else None
            if (
                previous is not None
                and out
                and owner[previous] == owner[item]
                and previous == item - 1
                and not changed & {previous, item}
            ):
                out[-1] = flat_input[owner[item]]
                where[item] = count - 1
                continue
            if piece.text == flat_input[owner[item]].text:
                piece = dataclasses.replace(flat_input[owner[item]], orphan=piece.orphan)
            out.append(piece)
            where[item] = count
            count += 1
        if out:
            final.append(out)
    moves = [Move(texts[item], owner[item], where[item], gain) for item, gain in moved]
    moves += [Move(texts[item], owner[item], None, gain) for item, gain in orphaned]
    return RepairResult(tuple(tuple(b) for b in final), tuple(moves))
