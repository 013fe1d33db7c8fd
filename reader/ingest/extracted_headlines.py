"""Headlines and bylines of extracted page text grouped, and each given to its body.

Extractors print a headline's lines and its byline together when they stand together, but not
always: titles of articles side by side come one after the other and then their bylines (in
the same order), a byline can come before its title, or far from it, alone in a block. So:

1. a *cluster* is a run of headline lines and bylines printed one after another (page lines
   aside); in a cluster each title gathers the subtitle (`——…`) printed after it (printed
   apart right after the last of two titles, the one before: two headings side by side
   printed row by row, the subtitle under the title printed last but one); a byline
   boxed with the title right above it (pdfminer.six's boxes hold aligned lines) is that
   title's; the other titles and bylines are paired in the order printed, as many as both
   have; where a page's titles and bylines are printed apart, in one cluster of titles alone
   and one of bylines alone, those are paired the same way;
2. bylines and subtitles left over are groups of their own, without a title;
3. groups are given to bodies (`assign`): a group printed right before a body's first line
   heads it; the groups of a cluster go, in order, to the first bodies printed after it that
   have none; a group without a title goes to a body that has none of what it brings.

Positions are indices into the source's units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.ingest.extracted_lines import Unit

_DASH = re.compile(r"^(?:——|—|--|－－)")


@dataclass
class Group:
    """A title with the lines that go with it: kicker lines above, subtitle, byline."""

    titles: list[int] = field(default_factory=list)
    """The title lines; all but the last are the kicker (see `extracted.py`)."""
    subtitles: list[int] = field(default_factory=list)
    byline: int | None = None

    @property
    def members(self) -> list[int]:
        """Every line of the group."""
        byline = [] if self.byline is None else [self.byline]
        return sorted([*self.titles, *self.subtitles, *byline])

    def take(self, other: Group) -> None:
        """Add `other`'s lines to this group (its titles go above, as kicker lines)."""
        self.titles = [*other.titles, *self.titles]
        self.subtitles = sorted([*self.subtitles, *other.subtitles])
        if self.byline is None:
            self.byline = other.byline


def is_subtitle(unit: Unit) -> bool:
    """Whether a headline line is a subtitle (`——记…`)."""
    return _DASH.match(unit.text.strip()) is not None


def group_headlines(
    units: Sequence[Unit], kinds: Sequence[str], *, boxes: bool = False
) -> list[Group]:
    """Group the headline lines (`head`) and bylines (`byline`) of a source (see above).

    Args:
        units: The source's lines.
        kinds: Each line's kind.
        boxes: Whether the text is printed as boxes of aligned lines (pdfminer.six: then a
            byline boxed with the title right above it is that title's; pdftotext's blocks
            may join a title with the byline of the article beside it).

    Returns:
        The groups in the order printed (by their first line).
    """
    groups: list[Group] = []
    # Clusters of titles alone and of bylines alone (see `_pair_apart`).
    titles_alone: list[list[Group]] = []
    bylines_alone: list[list[Group]] = []
    for cluster in clusters(kinds):
        titles = [i for i in cluster if kinds[i] == "head" and not is_subtitle(units[i])]
        bylines = [i for i in cluster if kinds[i] == "byline"]
        made = [Group(titles=[t]) for t in titles]
        subtitles = [i for i in cluster if kinds[i] == "head" and is_subtitle(units[i])]
        if len(subtitles) == len(titles) > 1 and min(subtitles) > max(titles):
            # Titles side by side, then their subtitles: both in the band's order.
            for group, index in zip(made, subtitles, strict=True):
                group.subtitles.append(index)
            subtitles = []
        # Titles side by side, then fewer subtitles than titles, and a byline for each: the
        # band's second row holds each title's subtitle, or its byline where it has none, in
        # the titles' order; so a subtitle printed k-th after the titles is the k-th title's
        # (unless the extractor printed it in one block with the title right before it).
        second = sorted(i for i in cluster if titles and i > max(titles))[: len(titles)]
        by_row = len(titles) > 1 and len(bylines) >= len(titles)
        for index in subtitles:
            before = [n for n, t in enumerate(titles) if t < index]
            under = bool(before) and titles[before[-1]] == index - 1
            if under and units[index].block == units[index - 1].block:
                made[before[-1]].subtitles.append(index)
            elif by_row and index in second:
                made[second.index(index)].subtitles.append(index)
            elif under and len(before) > 1:
                # Right after the last of two titles or more, not in one block with it: two
                # headings side by side printed row by row (the left one's title, or its kicker,
                # beside the right one's title; then the left one's subtitle, or its title beside
                # the right one's subtitle). Either way the subtitle's title is the row above it,
                # printed last but one (a heading printed as one block has its subtitle in it).
                made[before[-2]].subtitles.append(index)
            elif before:
                made[before[-1]].subtitles.append(index)
            else:
                made.append(Group(subtitles=[index]))
        # A byline printed in one block with the title right before it (the extractor boxed
        # them together: it stands under that title) is that title's.
        for byline in [b for b in bylines if boxes and b - 1 in titles]:
            if _under(units[byline - 1], units[byline]):
                group = made.pop(titles.index(byline - 1))
                group.byline = byline
                groups.append(group)
                titles.remove(byline - 1)
                bylines.remove(byline)
        # Titles side by side, then their bylines. With fewer bylines than titles, the first
        # titles are kickers: bylines go to the last ones.
        count = min(len(titles), len(bylines))
        kickers = len(titles) - count
        heads = made[kickers : len(titles)]
        if len(bylines) == 1 < len(titles) and bylines[0] < titles[0] and made[0].subtitles:
            # One byline printed before the titles, the first with its subtitle (pdfminer.six
            # prints a byline boxed apart before the band's titles): it is that title's, not
            # a kicker's line (a kicker printed right over its title has no subtitle between).
            heads = made[:1]
        if count > 1 and min(bylines) > max(titles):
            # The extractor prints a band of headlines from the top down: a heading of more
            # lines (a kicker above its title, a subtitle under it) has its byline lower, so
            # printed later; bylines at one height go in the band's order. A kicker stands over
            # the first title after it, or the second (see `over_second`).
            over = 1 if kickers == 1 and over_second(units, kinds, titles[0]) else 0
            depth = [
                len(g.subtitles) + (1 if n == over and kickers else 0) for n, g in enumerate(heads)
            ]
            heads = [heads[n] for n in sorted(range(count), key=lambda n: (depth[n], n))]
        for group, byline in zip(heads, bylines, strict=False):
            group.byline = byline
        made.extend(Group(byline=b) for b in bylines[count:])
        if not bylines and titles:
            titles_alone.append(made[: len(titles)])
        elif not titles and not subtitles:
            bylines_alone.append(made)
        groups.extend(made)
    groups = _pair_apart(groups, titles_alone, bylines_alone)
    groups.sort(key=lambda g: g.members[0])
    return _subtitle_with_byline(groups)


def _pair_apart(
    groups: list[Group], titles_alone: list[list[Group]], bylines_alone: list[list[Group]]
) -> list[Group]:
    """Titles side by side printed apart from their bylines, all in one cluster each: the
    extractor prints a band of headlines row by row, so both come in the band's order (with
    more titles than bylines, the first titles are kickers). Only where the page has one
    cluster of each."""
    if len(titles_alone) != 1 or len(bylines_alone) != 1:
        return groups
    heads, lone = titles_alone[0], bylines_alone[0]
    if len(lone) > len(heads):
        return groups
    for group, byline in zip(heads[len(heads) - len(lone) :], lone, strict=True):
        group.byline = byline.byline
    return [g for g in groups if all(g is not b for b in lone)]


def _under(title: Unit, byline: Unit) -> bool:
    """Whether a byline was printed in one block right under a title, each alone on its line
    (lines holding several columns' pieces are rows across the page, not one block's)."""
    return (
        title.block == byline.block
        and title.line + 1 == byline.line
        and title.pieces == byline.pieces == 1
    )


def _subtitle_with_byline(groups: list[Group]) -> list[Group]:
    """A subtitle printed right before a byline, both without a title, are one group."""
    merged: list[Group] = []
    for group in groups:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not last.titles
            and last.byline is None
            and not group.titles
            and not group.subtitles
            and group.byline is not None
        ):
            last.byline = group.byline
        else:
            merged.append(group)
    return merged


def clusters(kinds: Sequence[str], units: Sequence[Unit] | None = None) -> list[list[int]]:
    """Runs of headline lines and bylines printed one after another (page lines aside); given
    the units, runs end at blank lines too (the extractor's blocks)."""
    found: list[list[int]] = []
    current: list[int] = []
    for index, kind in enumerate(kinds):
        if kind in ("head", "byline"):
            if current and units is not None and units[index].block != units[current[-1]].block:
                found.append(current)
                current = []
            current.append(index)
        elif kind != "page" and current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def merge_kicker(
    groups: list[Group], index: int, units: Sequence[Unit], kinds: Sequence[str]
) -> None:
    """Make group `index` (a title alone) the kicker of the group printed after it, or of the
    one after that where the kicker stands over the second of two titles (`over_second`)."""
    kicker = groups.pop(index)
    line = kicker.titles[-1]
    second = (
        index + 1 < len(groups)
        and groups[index].titles == [line + 1]
        and groups[index + 1].titles == [line + 2]
        and over_second(units, kinds, line)
    )
    groups[index + 1 if second else index].take(kicker)


def over_second(units: Sequence[Unit], kinds: Sequence[str], kicker: int) -> bool:
    """Whether a kicker line followed by two title lines stands over the second: the two lines
    after it are titles, and each of the three is alone in a block of its own (the second may
    share its block with its byline if the first has none printed after them). Headlines side
    by side stand level at the top, so a kicker over one pushes its title below the other's,
    and an extractor printing from the top down prints the other title between them; where it
    boxes a kicker with its title (pdfminer.six), they come together."""

    def title_opening_block(i: int) -> bool:
        first = i == 0 or units[i - 1].block != units[i].block
        return first and kinds[i] == "head" and not is_subtitle(units[i])

    def shares_block(i: int) -> bool:
        """Whether the line after `i` is printed in `i`'s block."""
        return i + 1 < len(units) and units[i + 1].block == units[i].block

    def alone_title(i: int) -> bool:
        return title_opening_block(i) and not shares_block(i)

    def with_byline_only(i: int) -> bool:
        # The second title printed in one block with its byline, and no byline after them
        # for the first title (which has none). Where one follows (the first title's), the
        # kicker was seen over the first title.
        after = _past_pages(i + 1, kinds)
        return (
            title_opening_block(i)
            and shares_block(i)
            and kinds[i + 1] == "byline"
            and (after == len(units) or kinds[after] != "byline")
        )

    return (
        kicker + 2 < len(units)
        and alone_title(kicker)
        and alone_title(kicker + 1)
        and (alone_title(kicker + 2) or with_byline_only(kicker + 2))
    )


def kicker_candidates(groups: Sequence[Group], kinds: Sequence[str]) -> list[int]:
    """Groups that may be a kicker: a title alone, printed right before another title."""
    out = []
    for n, group in enumerate(groups[:-1]):
        following = groups[n + 1]
        if group.subtitles or group.byline is not None or not following.titles:
            continue
        between = range(group.members[-1] + 1, following.titles[0])
        if all(kinds[i] == "page" for i in between):
            out.append(n)
    return out


def assign(
    groups: Sequence[Group],
    starts: Sequence[int],
    kinds: Sequence[str],
    units: Sequence[Unit],
    *,
    blocks: bool,
) -> dict[int, list[int]]:
    """Give bodies (by the positions of their first lines) the groups that head them.

    Where blocks mean something, a block ends a cluster here. Titled groups first: one printed
    right before a body's first line (alone in its cluster, or the cluster's last) heads that
    body; the rest go, cluster by cluster in order, to the first bodies printed after the
    cluster that have none. Then the groups without a title (a byline, a subtitle): right
    before a body's first line, else in order to the bodies that lack what they bring.

    Returns:
        Body index → indices of its groups (the titled one first).
    """
    runs = clusters(kinds, units if blocks else None)
    run_of = {i: n for n, run in enumerate(runs) for i in run}
    body_at = {start: b for b, start in enumerate(starts)}
    order = sorted(range(len(starts)), key=lambda b: starts[b])
    given: dict[int, list[int]] = {}
    titled = [g for g, group in enumerate(groups) if group.titles]
    untitled = [g for g, group in enumerate(groups) if not group.titles]

    def right_before(g: int) -> int | None:
        """The body whose first line is printed right after group `g`'s cluster."""
        last = runs[run_of[groups[g].members[-1]]][-1]
        following = _next_body(last, kinds)
        return body_at.get(following) if following is not None else None

    placed: set[int] = set()
    for g in titled:
        run = runs[run_of[groups[g].titles[-1]]]
        heads = [h for h in titled if run_of[groups[h].titles[-1]] == run_of[run[0]]]
        b = right_before(g)
        if b is not None and b not in given and heads[-1] == g and len(heads) == 1:
            given[b] = [g]
            placed.add(g)
    for run in runs:
        end = run[-1]
        heads = [
            g for g in titled if g not in placed and run_of[groups[g].titles[-1]] == run_of[end]
        ]
        free = [b for b in order if b not in given and starts[b] > end]
        for g, b in zip(heads, free, strict=False):
            given[b] = [g]
            placed.add(g)
    for g in titled:
        if g not in placed:
            free = [b for b in order if b not in given]
            if free:
                anchor = groups[g].titles[-1]
                b = min(free, key=lambda b: abs(starts[b] - anchor))
                given[b] = [g]
                placed.add(g)
    for g in untitled:
        group = groups[g]

        def lacks(b: int, group: Group = group) -> bool:
            have = [groups[h] for h in given.get(b, [])]
            if group.byline is not None and any(h.byline is not None for h in have):
                return False
            return not (group.subtitles and any(h.subtitles for h in have))

        b = right_before(g)
        if blocks and b is not None and group.byline is not None and not group.subtitles:
            _byline_with_body(groups, given.get(b, []), group, units, starts[b])
        if b is None or not lacks(b):
            after = [b for b in order if lacks(b) and starts[b] > group.members[-1]]
            anywhere = [b for b in order if lacks(b)]
            b = (after or anywhere or [-1])[0]
        if b >= 0:
            given.setdefault(b, []).append(g)
    return given


def _byline_with_body(
    groups: Sequence[Group], heading: Sequence[int], alone: Group, units: Sequence[Unit], first: int
) -> None:
    """A byline printed alone, right before a body's first line and in one block with it, is
    that body's: where the body's titled group holds a byline printed in a block of its own,
    the two change places (pdftotext prints two bylines side by side one after the other, and
    joins the one above a column to the column's block; the other is the other article's)."""
    assert alone.byline is not None
    if units[alone.byline].block != units[first].block:
        return
    for h in heading:
        other = groups[h].byline
        if (
            groups[h].titles
            and other is not None
            and units[other].block not in (units[first].block, units[groups[h].titles[-1]].block)
        ):
            groups[h].byline, alone.byline = alone.byline, other
            return


def _next_body(index: int, kinds: Sequence[str]) -> int | None:
    """The first column line printed after `index`, page lines aside (None if another kind)."""
    index = _past_pages(index, kinds)
    return index if index < len(kinds) and kinds[index] == "body" else None


def _past_pages(index: int, kinds: Sequence[str]) -> int:
    """The first position after `index` that is not a page line (`len(kinds)` if none)."""
    index += 1
    while index < len(kinds) and kinds[index] == "page":
        index += 1
    return index
