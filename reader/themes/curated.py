"""Curated themes: the `themes.toml` file read and checked, errors naming the file and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError

_THEME_KEYS = frozenset({"name", "keywords", "min_count"})
_TOP_KEYS = frozenset({"mode", "min_count", "theme"})


@dataclass(frozen=True)
class CuratedTheme:
    """A theme written by hand: it covers an article with `min_count` weighted keyword mentions."""

    name: str
    keywords: tuple[str, ...]
    min_count: int = 1


@dataclass(frozen=True)
class CuratedThemes:
    """A `themes.toml`: curated themes added to, or replacing, the automatic ones."""

    mode: Literal["add", "replace"] = "add"
    themes: tuple[CuratedTheme, ...] = field(default=())


class ThemesFileError(ReaderError, ValueError):
    """A `themes.toml` that cannot be used; the message names the file and the line."""


def load_curated(path: Path) -> CuratedThemes:
    """Read a `themes.toml` file.

    Args:
        path: The file (conventionally `themes.toml` beside the corpus).

    Returns:
        The curated themes, in file order.

    Raises:
        ThemesFileError: the file is unreadable, not TOML, or not in the documented format.
    """
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ThemesFileError(f"{path}: cannot read theme file: {error}") from error
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ThemesFileError(f"{path}: {_toml_message(error)}") from error
    return _parse_curated(data, source, path)


def _toml_message(error: tomllib.TOMLDecodeError) -> str:
    # tomllib ends its message with the position ("… (at line 3, column 8)"): lead with it.
    text = str(error)
    found = re.search(r"\(at line (\d+), column (\d+)\)$", text)
    if not found:
        return text
    return f"line {found[1]}: {text[: found.start()].strip()} (column {found[2]})"


def _line_of(source: str, pattern: str, nth: int = 0) -> int:
    matches = list(re.finditer(pattern, source, flags=re.MULTILINE))
    if not matches:
        return 1
    return source.count("\n", 0, matches[min(nth, len(matches) - 1)].start()) + 1


def _parse_curated(data: dict[str, object], source: str, path: Path) -> CuratedThemes:
    def fail(message: str, line: int) -> ThemesFileError:
        return ThemesFileError(f"{path}: line {line}: {message}")

    for key in sorted(set(data) - _TOP_KEYS):
        line = _line_of(source, rf"^[ \t]*{re.escape(key)}\s*=")
        raise fail(f"unknown key {key!r} (expected mode, min_count, [[theme]])", line)
    mode = data.get("mode", "add")
    if mode not in ("add", "replace"):
        raise fail(
            f'mode must be "add" or "replace", not {mode!r}', _line_of(source, r"^[ \t]*mode")
        )
    default_min = _min_count(data.get("min_count", 1))
    if default_min is None:
        raise fail("min_count must be a positive integer", _line_of(source, r"^[ \t]*min_count"))
    entries = data.get("theme", [])
    if not isinstance(entries, list):
        raise fail("theme must be an array of tables: [[theme]]", _line_of(source, r"theme"))
    themes: list[CuratedTheme] = []
    for n, entry in enumerate(entries):
        line = _line_of(source, r"^[ \t]*\[\[\s*theme\s*\]\]", n)
        if not isinstance(entry, dict):
            raise fail("each theme must be a table with a name", line)
        for key in sorted(set(entry) - _THEME_KEYS):
            raise fail(f"unknown key {key!r} in theme (expected name, keywords, min_count)", line)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail("theme needs a non-empty name", line)
        name = name.strip()
        if any(t.name == name for t in themes):
            raise fail(f"theme {name!r} is defined twice", line)
        keywords = entry.get("keywords", [name])
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            raise fail(f"keywords of {name!r} must be a list of non-empty strings", line)
        minimum = _min_count(entry.get("min_count", default_min))
        if minimum is None:
            raise fail(f"min_count of {name!r} must be a positive integer", line)
        unique = tuple(dict.fromkeys(str(k).strip() for k in keywords)) or (name,)
        themes.append(CuratedTheme(name, unique, minimum))
    return CuratedThemes("replace" if mode == "replace" else "add", tuple(themes))


def _min_count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value
