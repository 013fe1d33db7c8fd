"""User settings: `config.toml` in the user config directory (theme, text layout, key remapping).

A missing file gives the defaults. A file that cannot be read or parsed, or a setting of the wrong
type, is ignored (the default is used) and described in `Settings.problems`, so the app can show a
notice instead of crashing.

Example `config.toml`::

    theme = "light"            # "dark", "light" or any Textual theme name
    measure = 40               # line length of the reading pane, in Han characters
    ambiguous_wide = false     # draw “ ” … — as two cells (some CJK terminals do)
    corner_quotes = false      # show 「」『』 instead of curly quotes
    strict = false             # clreq strict line breaking
    script = "source"          # "simplified" or "traditional": show articles converted (OpenCC)
    export_dir = "~/Downloads" # where the export key writes (default: the downloads directory)

    [keymap]                   # binding id = keys (comma separated)
    "reader.quit" = "q,ctrl+q"
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from reader.paths import config_dir

THEMES = {"dark": "textual-dark", "light": "textual-light"}
"""Short theme names accepted in the config file, and the Textual themes they stand for."""

MIN_MEASURE, MAX_MEASURE = 10, 120
SCRIPTS = ("source", "simplified", "traditional")
"""Values of `script`: the article's own characters, or converted (see `reader.text.script`)."""


@dataclass(frozen=True)
class Settings:
    """The user's settings, with defaults for everything."""

    theme: str = "dark"
    measure: int = 40
    ambiguous_wide: bool = False
    corner_quotes: bool = False
    strict: bool = False
    script: str = "source"
    export_dir: str = ""
    """Where the app's export key writes files; empty for the user's downloads directory."""
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    """Human-readable reasons why parts of the file were ignored."""

    @property
    def export_path(self) -> Path:
        """The directory the export key writes to (`export_dir`, else the downloads directory)."""
        if self.export_dir:
            return Path(self.export_dir).expanduser()
        from platformdirs import user_downloads_path

        return user_downloads_path()

    @property
    def textual_theme(self) -> str:
        """The Textual theme name for `theme`."""
        return THEMES.get(self.theme, self.theme)


def config_path() -> Path:
    """Where `config.toml` lives (read at call time, so tests can point XDG dirs elsewhere)."""
    return config_dir() / "config.toml"


_TYPES: dict[str, type] = {
    "theme": str,
    "measure": int,
    "ambiguous_wide": bool,
    "corner_quotes": bool,
    "strict": bool,
    "script": str,
    "export_dir": str,
}


def parse_settings(data: dict[str, Any]) -> Settings:
    """Settings from a parsed TOML table; wrong or unknown entries become `problems`.

    Args:
        data: The TOML document as a dict.

    Returns:
        The settings, defaults where the document says nothing usable.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    known = {f.name for f in fields(Settings)} - {"problems"}
    for key, value in data.items():
        if key not in known:
            problems.append(f"unknown setting {key!r}")
        elif key == "keymap":
            if isinstance(value, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                values["keymap"] = dict(value)
            else:
                problems.append("keymap must map binding ids to key strings")
        elif type(value) is not _TYPES[key]:
            # `type() is` because bool is a subclass of int: `measure = true` is a mistake.
            problems.append(f"{key} must be a {_TYPES[key].__name__}, not {value!r}")
        else:
            values[key] = value
    if values.get("script", "source") not in SCRIPTS:
        problems.append(f"script must be one of {', '.join(SCRIPTS)}, not {values['script']!r}")
        del values["script"]
    measure = values.get("measure")
    if measure is not None and not MIN_MEASURE <= measure <= MAX_MEASURE:
        problems.append(f"measure must be between {MIN_MEASURE} and {MAX_MEASURE}")
        values["measure"] = min(max(measure, MIN_MEASURE), MAX_MEASURE)
    return replace(Settings(**values), problems=tuple(problems))


def load_settings(path: Path | None = None) -> Settings:
    """Read the user's settings; never raises for a bad file.

    Args:
        path: The file to read (default: `config_path()`).

    Returns:
        The settings; `problems` says what was ignored and why.
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        return Settings(problems=(f"{path}: cannot read ({error})",))
    import tomllib  # here, not at the top: most users have no config file to parse

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(problems=(f"{path}: not valid TOML ({error})",))
    settings = parse_settings(data)
    if settings.problems:
        problems = tuple(f"{path.name}: {p}" for p in settings.problems)
        settings = replace(settings, problems=problems)
    return settings
