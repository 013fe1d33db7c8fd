"""简/繁: text converted to traditional or simplified characters by OpenCC, as a view.

Why OpenCC: its tables convert phrase by phrase (头发 → 頭髮 but 发展 → 發展, 乾隆 stays 乾隆),
where a character map gets one-to-many characters wrong. The stored text is never converted;
what is shown or exported is.

The two directions:

- `to_traditional` gives what OpenCC's `s2tw` gives: traditional characters in the forms most
  readers of traditional Chinese know (為, 裡, 著, as in Taiwan), converting characters, never
  vocabulary (软件 stays 軟件; `s2twp` would make it 軟體, which rewrites the author's words).
  It runs `s2t` and then `t2tw`: the same text (identical on jieba's 349,046 words and on 2.1 M
  characters of the news archive) for 28 MB instead of 45, since `s2tw`'s configuration loads
  the 0.9 MB phrase table twice (once to segment, once to convert).
- `to_simplified` uses `t2s`, which leaves simplified text as it is (`tw2s` would turn 显著 into
  显着).

Offsets: a conversion can in principle change a text's length (OpenCC's tables map phrases to
phrases), and everything that points into a paragraph (search hits, the reading position) is an
offset in the stored text. `convert_mapped` returns the converted text with an `OffsetMap`
between the two. The `s2tw` and `t2s` tables keep lengths on every word of jieba's dictionary
(349,046 words, both ways), so the map is almost always the identity (`None`, and free). When a
conversion does change a length, the text is converted piece by piece between punctuation and
spaces (which no table entry spans), and a piece whose length changed is split again into the
shortest runs that convert on their own to the matching part of its conversion (the words the
tables replaced, such as 内存条 → 記憶體模組). The map is exact at every boundary of those runs
and proportional inside a run whose length changed.

The converters are loaded on first use, never at import time (the traditional tables take
60–100 ms on an idle machine, and 28 MB; the simplified one 5 ms and 2 MB). Offsets here are
characters (`str` indices).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.model import Article, Paragraph


class Script(StrEnum):
    """Which characters to show: the source's own, or converted."""

    SOURCE = "source"
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"

    @property
    def label(self) -> str:
        """A short name for the pane's border and notices (empty for the source's own)."""
        return _LABELS[self]


_LABELS = {Script.SOURCE: "", Script.SIMPLIFIED: "简体", Script.TRADITIONAL: "繁體"}
_CONFIGS = {Script.SIMPLIFIED: ("t2s.json",), Script.TRADITIONAL: ("s2t.json", "t2tw.json")}
"""The OpenCC configurations each script's text goes through, in order (see the module
docstring for why these)."""


class ScriptError(ReaderError):
    """OpenCC is missing or broken (a damaged install, not bad input)."""


class Converter(Protocol):
    """Anything that converts a text (an `opencc.OpenCC`)."""

    def convert(self, text: str) -> str:
        """The text converted."""
        ...


_loaded: dict[str, Converter] = {}
"""Converters by OpenCC configuration, each loaded once per process."""


def _converter(config: str) -> Converter:
    """OpenCC's converter for a configuration, loaded on first use."""
    converter = _loaded.get(config)
    if converter is not None:
        return converter
    try:
        import opencc

        converter = opencc.OpenCC(config)
    except (ImportError, RuntimeError, OSError) as error:
        raise ScriptError(
            f"简/繁 conversion needs OpenCC (pip install opencc), which failed to load: {error}"
        ) from error
    # Two threads may both load it; the second simply replaces the first, which is harmless.
    _loaded[config] = converter
    return converter


def _opencc(text: str, configs: tuple[str, ...]) -> str:
    if not text:
        return text
    if "\0" in text:
        # OpenCC's multi-step chains stop at a NUL (they pass C strings between steps).
        return "\0".join(_opencc(part, configs) for part in text.split("\0"))
    for config in configs:
        text = _converter(config).convert(text)
    return text


def preload(script: Script) -> None:
    """Load the converter for a script now (it loads on first use otherwise), so that a caller
    can pay for it in a thread of its choice.

    Args:
        script: The script (nothing is loaded for `Script.SOURCE`).

    Raises:
        ScriptError: When OpenCC cannot be loaded.
    """
    if script is not Script.SOURCE:
        for config in _CONFIGS[script]:
            _converter(config)


def is_loaded(script: Script) -> bool:
    """Whether converting to a script can start at once (its converter is loaded, or none is
    needed)."""
    return script is Script.SOURCE or all(config in _loaded for config in _CONFIGS[script])


def to_traditional(text: str) -> str:
    """Text in traditional characters, Taiwan's forms (OpenCC `s2t`, then `t2tw`; phrase-aware).

    Args:
        text: Any text.

    Returns:
        The converted text; characters that are not simplified Chinese are kept.
    """
    return _opencc(text, _CONFIGS[Script.TRADITIONAL])


def to_simplified(text: str) -> str:
    """Text in simplified characters (OpenCC `t2s`, phrase-aware).

    Args:
        text: Any text.

    Returns:
        The converted text; characters that are not traditional Chinese are kept.
    """
    return _opencc(text, _CONFIGS[Script.SIMPLIFIED])


def traditional_forms(text: str) -> tuple[str, str]:
    """Text in OpenCC's standard traditional characters (`s2t`) and in Taiwan's (`s2t`, then
    `t2tw`: what `to_traditional` gives), for finding text written either way.

    Args:
        text: Any text.

    Returns:
        The two converted texts (often the same).
    """
    standard = _opencc(text, ("s2t.json",))
    return standard, _opencc(standard, ("t2tw.json",))


def convert(text: str, script: Script) -> str:
    """Text shown in a script (unchanged for `Script.SOURCE`).

    Args:
        text: Any text.
        script: The script to show it in.

    Returns:
        The converted text.
    """
    if script is Script.SOURCE:
        return text
    return _opencc(text, _CONFIGS[script])


@dataclass(frozen=True)
class OffsetMap:
    """Offsets of a stored text and of its converted view, mapped both ways.

    Attributes:
        pieces: `(source start, source end, view start, view end)` of each piece whose length
            the conversion changed, in order; offsets outside them shift by the changes before.
        source_length: Characters of the stored text.
        view_length: Characters of the converted text.
    """

    pieces: tuple[tuple[int, int, int, int], ...]
    source_length: int
    view_length: int

    def to_view(self, offset: int, *, end: bool = False) -> int:
        """The view offset of a stored-text offset.

        Args:
            offset: An offset in the stored text (clamped to it).
            end: The offset ends a span: inside a changed piece, round up, so that a span that
                covers part of the piece is shown covering at least one character of it.

        Returns:
            The offset in the converted text.
        """
        offset = min(max(offset, 0), self.source_length)
        return _through(self.pieces, offset, forward=True, end=end)

    def to_source(self, offset: int) -> int:
        """The stored-text offset of a view offset (rounded down inside a changed piece).

        Args:
            offset: An offset in the converted text (clamped to it).

        Returns:
            The offset in the stored text.
        """
        offset = min(max(offset, 0), self.view_length)
        return _through(self.pieces, offset, forward=False, end=False)


def _through(
    pieces: tuple[tuple[int, int, int, int], ...], offset: int, *, forward: bool, end: bool
) -> int:
    """Map an offset through the changed pieces, from source to view or back."""
    here, there = (0, 2) if forward else (2, 0)
    index = bisect_right([piece[here] for piece in pieces], offset) - 1
    if index < 0:
        return offset
    piece = pieces[index]
    start, stop, target, target_stop = piece[here], piece[here + 1], piece[there], piece[there + 1]
    if offset >= stop:
        return offset - stop + target_stop
    # Inside a piece whose length changed: proportionally (-(-a // b) is the ceiling).
    scaled = (offset - start) * (target_stop - target)
    size = stop - start
    return target + (-(-scaled // size) if end else scaled // size)


@dataclass(frozen=True)
class Converted:
    """A text converted to a script, and how its offsets map.

    Attributes:
        text: The converted text.
        offsets: How offsets map between the stored and the converted text; None when they are
            the same (the conversion kept the length).
    """

    text: str
    offsets: OffsetMap | None = None

    def to_view(self, offset: int, *, end: bool = False) -> int:
        """A stored-text offset in the converted text (see `OffsetMap.to_view`)."""
        return offset if self.offsets is None else self.offsets.to_view(offset, end=end)

    def to_source(self, offset: int) -> int:
        """A converted-text offset in the stored text (see `OffsetMap.to_source`)."""
        return offset if self.offsets is None else self.offsets.to_source(offset)


def _is_boundary(char: str) -> bool:
    """Punctuation, spaces, symbols and controls: no conversion table entry contains them."""
    return unicodedata.category(char)[0] in "PZSC"


def _pieces(text: str) -> list[str]:
    """The text cut into runs of letters and numbers, each boundary character on its own."""
    pieces: list[str] = []
    run = ""
    for char in text:
        if _is_boundary(char):
            if run:
                pieces.append(run)
                run = ""
            pieces.append(char)
        else:
            run += char
    if run:
        pieces.append(run)
    return pieces


MAX_PHRASE = 16
"""Characters of the longest run `_segments` tries (OpenCC's phrases are shorter)."""


def _segments(piece: str, shown: str, convert_one: Callable[[str], str]) -> list[tuple[str, str]]:
    """A piece and its conversion cut into the shortest runs that convert on their own to the
    matching part of the conversion (what the conversion replaced as a whole)."""
    segments: list[tuple[str, str]] = []
    at = shown_at = 0
    while at < len(piece):
        for stop in range(at + 1, min(at + MAX_PHRASE, len(piece)) + 1):
            head = convert_one(piece[at:stop])
            rest = shown[shown_at + len(head) :]
            if shown.startswith(head, shown_at) and convert_one(piece[stop:]) == rest:
                break
        else:  # no short run fits: the rest of the piece is one run
            stop, head = len(piece), shown[shown_at:]
        segments.append((piece[at:stop], head))
        at, shown_at = stop, shown_at + len(head)
    return segments


def convert_pieces(text: str, script: Script, converter: Converter | None = None) -> Converted:
    """Convert piece by piece and map offsets exactly at every boundary of the converted runs.

    This is the path for conversions that change a text's length; `convert_mapped` takes it
    only then.

    Args:
        text: The stored text.
        script: The script to show it in.
        converter: What converts one piece (default: OpenCC for `script`), so that the mapping
            can be checked with OpenCC's vocabulary-changing tables too.

    Returns:
        The concatenated converted pieces and the offset map.
    """

    def convert_one(piece: str) -> str:
        return convert(piece, script) if converter is None else converter.convert(piece)

    changed: list[tuple[int, int, int, int]] = []
    out: list[str] = []
    source_at = view_at = 0
    for piece in _pieces(text):
        shown = convert_one(piece)
        out.append(shown)
        runs = (
            [(piece, shown)] if len(shown) == len(piece) else _segments(piece, shown, convert_one)
        )
        for run, run_shown in runs:
            if len(run_shown) != len(run):
                changed.append((source_at, source_at + len(run), view_at, view_at + len(run_shown)))
            source_at += len(run)
            view_at += len(run_shown)
    view = "".join(out)
    if not changed:
        return Converted(view)
    return Converted(view, OffsetMap(tuple(changed), len(text), len(view)))


@lru_cache(maxsize=16384)
def convert_mapped(text: str, script: Script) -> Converted:
    """Text converted to a script, with how its offsets map to the stored text's.

    Cached: laying an article out again (a resize, a toggle back) converts nothing twice.

    Args:
        text: The stored text.
        script: The script to show it in.

    Returns:
        The converted text; its `offsets` is None when the conversion kept the length (then every
        offset is the same in both).
    """
    shown = convert(text, script)
    if len(shown) == len(text):
        return Converted(shown)
    return convert_pieces(text, script)


def _paragraphs(paragraphs: tuple[Paragraph, ...], script: Script) -> tuple[Paragraph, ...]:
    return tuple(replace(p, text=convert(p.text, script)) for p in paragraphs)


def convert_article(article: Article, script: Script) -> Article:
    """An article with its text (title, kicker, byline, paragraphs) converted to a script.

    For output that maps no offsets (`reader cat --script`, export). Names kept as analysed
    (author, region) are converted too, so that a byline and its author agree.

    Args:
        article: The stored article.
        script: The script to show it in.

    Returns:
        The converted copy (the article itself for `Script.SOURCE`).
    """
    if script is Script.SOURCE:
        return article

    def optional(text: str | None) -> str | None:
        return None if text is None else convert(text, script)

    return replace(
        article,
        title=convert(article.title, script),
        kicker=optional(article.kicker),
        byline=optional(article.byline),
        author=optional(article.author),
        role=optional(article.role),
        region=optional(article.region),
        paragraphs=_paragraphs(article.paragraphs, script),
        original=_paragraphs(article.original, script),
    )


def parse_script(name: str) -> Script:
    """A script from its name (`source`, `simplified`, `traditional`).

    Args:
        name: The name, as the config file and `--script` give it.

    Returns:
        The script.

    Raises:
        ValueError: When the name is not one of them.
    """
    try:
        return Script(name)
    except ValueError:
        names = ", ".join(script.value for script in Script)
        raise ValueError(f"script must be one of {names}, not {name!r}") from None
