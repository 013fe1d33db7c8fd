"""Headlines and bylines of extracted page text grouped, and each group given to its body.

Extractors print a headline's lines and its byline together when they stand together, but not
always: titles of articles side by side come one after the other and then their bylines (in
the same order), a byline can come before its title, or far from it. So:

1. runs of headline lines and bylines printed one after another (page lines aside) are read
   left to right: a title opens a group, a subtitle (`——…`) and then a byline join it;
2. groups without a title and groups without a byline are paired in the order printed (the
   extractor keeps the order of the band's articles for both);
3. each group goes to a body (see `assign`).

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


def group_headlines(units: Sequence[Unit], kinds: Sequence[str]) -> list[Group]:
    """Group the headline lines (`head`) and bylines (`byline`) of a source (see above)."""
    groups: list[Group] = []
    orphans: list[Group] = []
    for cluster in _clusters(kinds):
        titles = [i for i in cluster if kinds[i] == "head" and not is_subtitle(units[i])]
        bylines = [i for i in cluster if kinds[i] == "byline"]
        made = [Group(titles=[t]) for t in titles]
        for index in cluster:
            if kinds[index] == "head" and is_subtitle(units[index]):
                owner = _preceding(made, titles, index)
                if owner is None:
                    orphans.append(Group(subtitles=[index]))
                else:
                    owner.subtitles.append(index)
        if len(bylines) == len(titles):
            # Titles side by side, then their bylines: both in the band's order.
            for group, byline in zip(made, bylines, strict=True):
                group.byline = byline
        else:
            for byline in bylines:
                owner = _preceding(made, titles, byline) or _following(made, titles, byline)
                if owner is None or owner.byline is not None:
                    orphans.append(Group(byline=byline))
                else:
                    owner.byline = byline
        groups.extend(made)
    groups.extend(_merge_orphans(orphans))
    groups.sort(key=lambda g: g.members[0])
    return _pair_orphans(groups)


def is_subtitle(unit: Unit) -> bool:
    """Whether a headline line is a subtitle (`——记…`)."""
    return _DASH.match(unit.text.strip()) is not None


def _clusters(kinds: Sequence[str], units: Sequence[Unit] | None = None) -> list[list[int]]:
    """Runs of headline lines and bylines printed one after another (page lines aside); given
    the units, runs end at blank lines too (the extractor's blocks)."""
    clusters: list[list[int]] = []
    current: list[int] = []
    for index, kind in enumerate(kinds):
        if kind in ("head", "byline"):
            if current and units is not None and units[index].block != units[current[-1]].block:
                clusters.append(current)
                current = []
            current.append(index)
        elif kind != "page" and current:
            clusters.append(current)
            current = []
    if current:
        clusters.append(current)
    return clusters


def _preceding(made: list[Group], titles: list[int], index: int) -> Group | None:
    before = [n for n, t in enumerate(titles) if t < index]
    return made[before[-1]] if before else None


def _following(made: list[Group], titles: list[int], index: int) -> Group | None:
    after = [n for n, t in enumerate(titles) if t > index]
    return made[after[0]] if after else None


def _merge_orphans(orphans: list[Group]) -> list[Group]:
    """A subtitle printed right before a byline, both without a title, are one group."""
    merged: list[Group] = []
    for orphan in sorted(orphans, key=lambda g: g.members[0]):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.byline is None
            and orphan.byline is not None
            and not orphan.subtitles
        ):
            last.byline = orphan.byline
        else:
            merged.append(orphan)
    return merged


def _pair_orphans(groups: list[Group]) -> list[Group]:
    """Join groups without a title to groups without a byline, in the order printed."""
    untitled = [g for g in groups if not g.titles]
    unsigned = [g for g in groups if g.titles and g.byline is None]
    for lost, found in zip(untitled, unsigned, strict=False):
        found.subtitles = sorted([*found.subtitles, *lost.subtitles])
        if lost.byline is not None:
            found.byline = lost.byline
        groups.remove(lost)
    return groups


def merge_kicker(groups: list[Group], index: int) -> None:
    """Make group `index` (title lines only) the kicker of the group printed after it."""
    kicker = groups.pop(index)
    following = groups[index]
    following.titles = [*kicker.titles, *following.titles]


def kicker_candidates(groups: Sequence[Group], kinds: Sequence[str]) -> list[int]:
    """Groups that may be a kicker: title lines alone, printed right before another title."""
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
) -> dict[int, int]:
    """Give each body (by the position of its first line) a group.

    A cluster of headline lines printed together (within one block where blocks mean
    something) holding one group, printed right before a body's first line, heads that body.
    The other clusters give their groups, in order, to the first bodies printed after them
    that have none: titles side by side are printed before their bodies, in the same order.

    Returns:
        Body index → group index.
    """
    given: dict[int, int] = {}
    taken: set[int] = set()
    owner = {member: g for g, group in enumerate(groups) for member in group.members}
    clusters = [
        [owner[i] for i in cluster if i in owner]
        for cluster in _clusters(kinds, units if blocks else None)
    ]
    body_at = {start: b for b, start in enumerate(starts)}
    ends = [max(i for i in cluster) for cluster in _clusters(kinds, units if blocks else None)]
    # Right before a body.
    for cluster, end in zip(clusters, ends, strict=True):
        members = sorted(set(cluster), key=cluster.index)
        following = _next_body(end, kinds)
        if len(members) == 1 and following in body_at and body_at[following] not in given:
            given[body_at[following]] = members[0]
            taken.add(members[0])
    # In order, after the cluster.
    order = sorted(range(len(starts)), key=lambda b: starts[b])
    for cluster, end in zip(clusters, ends, strict=True):
        members = [g for g in sorted(set(cluster), key=cluster.index) if g not in taken]
        free = [b for b in order if b not in given and starts[b] > end]
        for g, b in zip(members, free, strict=False):
            given[b] = g
            taken.add(g)
    # Anything left: nearest first.
    left = [b for b in order if b not in given]
    for g in range(len(groups)):
        if g in taken or not left:
            continue
        anchor = min(_anchor(groups[g]))
        b = min(left, key=lambda b: abs(starts[b] - anchor))
        given[b] = g
        taken.add(g)
        left.remove(b)
    return given


def _anchor(group: Group) -> list[int]:
    """The lines that place a group: its title, or else its other lines."""
    return group.titles or group.members


def _next_body(index: int, kinds: Sequence[str]) -> int | None:
    """The first column line printed after `index`, page lines aside (None if another kind)."""
    index += 1
    while index < len(kinds) and kinds[index] == "page":
        index += 1
    return index if index < len(kinds) and kinds[index] == "body" else None
