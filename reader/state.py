"""Remembered state between sessions: the last article and the reading position in each article.

Stored as JSON in the user state directory. Positions are `(paragraph, character offset)` pairs,
not screen lines, so they survive a change of terminal width. A corrupt or unreadable file is
ignored (with a notice for the user), never a crash; writes go to a temporary file renamed into
place so a killed process leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.paths import state_dir

MAX_POSITIONS = 500
"""Positions remembered at most (the most recently read articles win)."""


@dataclass(frozen=True)
class Position:
    """A reading position: the first visible paragraph and the character offset in it."""

    para: int
    offset: int = 0


@dataclass(frozen=True)
class State:
    """What the app remembers."""

    last_article: str | None = None
    positions: dict[str, Position] = field(default_factory=dict)
    notice: str | None = None
    """Set when the file on disk could not be used (shown to the user once)."""

    def with_position(self, article: str, position: Position) -> State:
        """A copy with `article` as the last article and its position recorded (most recent last).

        Args:
            article: The article id.
            position: Where the reader is in it.

        Returns:
            The new state.
        """
        positions = {k: v for k, v in self.positions.items() if k != article}
        positions[article] = position
        if len(positions) > MAX_POSITIONS:
            positions = dict(list(positions.items())[-MAX_POSITIONS:])
        return replace(self, last_article=article, positions=positions, notice=None)


def state_path() -> Path:
    """The state file (read at call time, so tests can point XDG dirs elsewhere)."""
    return state_dir() / "state.json"


def _parse(data: object) -> State:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    last = data.get("last_article")
    if last is not None and not isinstance(last, str):
        raise ValueError("last_article is not a string")
    raw = data.get("positions", {})
    if not isinstance(raw, dict):
        raise ValueError("positions is not an object")
    positions = {}
    for key, value in raw.items():
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(type(v) is int and v >= 0 for v in value)
        ):
            positions[str(key)] = Position(value[0], value[1])
    return State(last_article=last, positions=positions)


def load_state(path: Path | None = None) -> State:
    """Read the remembered state; a missing file is an empty state, a bad one a notice.

    Args:
        path: The file to read (default: `state_path()`).

    Returns:
        The state (`notice` set when the file was ignored).
    """
    path = path or state_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError) as error:
        return State(notice=f"Ignored the saved reading state: {error}")
    try:
        return _parse(json.loads(text))
    except (json.JSONDecodeError, ValueError) as error:
        return State(notice=f"Ignored a damaged reading state file ({path.name}: {error})")


def save_state(state: State, path: Path | None = None) -> str | None:
    """Write the state atomically.

    Args:
        state: What to remember.
        path: The file to write (default: `state_path()`).

    Returns:
        None on success, else why it could not be written (the app shows it; losing the
        position is not worth a crash).
    """
    path = path or state_path()
    data = {
        "last_article": state.last_article,
        "positions": {k: [p.para, p.offset] for k, p in state.positions.items()},
    }
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):  # the directory itself may be what failed
            temporary.unlink(missing_ok=True)
        return f"Could not save the reading state: {error}"
    return None
