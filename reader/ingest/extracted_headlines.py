"""Headlines and bylines of extracted page text grouped, and each group given to its body.

Extractors print a headline's lines and its byline together when they stand together, but not
always: titles of articles side by side come one after the other and then their bylines (in
the same order), a byline can come before its title, or far from it. So:

1. runs of headline lines and bylines printed one after another (page lines aside) are read
   left to right: a title opens a group, a subtitle (`——…`) and then a byline join it;
2. groups without a title and groups without a byline are paired in the order printed (the
   extractor keeps the order of the band's articles for both);
3. each group goes to a body: to the body printed right after it if there is one, else in the
   order printed, best fits first.

Positions are indices into the source's units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.ingest.extracted_lines import Unit

_DASH = re.compile(r"^(?:——|—|--|－－)")
RIGHT_BEFORE = 5.0
"""Score of a group printed right before a body's first line."""
BEFORE = 2.0
"""Of one printed somewhere before it (less a little per line between)."""
AFTER = -2.0
"""Of one printed after it."""
RANK = 0.5
"""Cost per place of difference between a group's and a body's order."""


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


def _clusters(kinds: Sequence[str]) -> list[list[int]]:
    """Runs of headline lines and bylines printed one after another (page lines aside)."""
    clusters: list[list[int]] = []
    current: list[int] = []
    for index, kind in enumerate(kinds):
        if kind in ("head", "byline"):
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


def assign(groups: Sequence[Group], starts: Sequence[int]) -> dict[int, int]:
    """Give each body (by the position of its first line) a group.

    Returns:
        Body index → group index.
    """
    body_rank = {b: r for r, b in enumerate(sorted(range(len(starts)), key=lambda b: starts[b]))}
    scored = []
    for g, group in enumerate(groups):
        last = group.members[-1]
        for b, start in enumerate(starts):
            if last < start:
                near = RIGHT_BEFORE if start - last == 1 else BEFORE - 0.02 * (start - last)
            else:
                near = AFTER
            scored.append((near - RANK * abs(g - body_rank[b]), g, b))
    given: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, b in sorted(scored, reverse=True):
        if b in given or g in taken:
            continue
        given[b] = g
        taken.add(g)
    return given
