"""UI test fixtures: per-test XDG state and config directories, the fixture corpus's library."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.build import open_library
from reader.cli import make_app
from reader.store import Library
from reader.tui.app import ReaderApp

from .ui_support import NEWS


@pytest.fixture(autouse=True)
def _ui_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # State and config per test, so one test's remembered article never leaks into another;
    # platformdirs reads these variables at call time through `reader.paths`. The cache (built
    # databases) stays the session's, set by the top-level conftest.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def news() -> Library:
    """The fixture corpus's library (built once per session cache)."""
    return open_library(NEWS)


@pytest.fixture
def app() -> ReaderApp:
    """The app on the fixture corpus, as the CLI makes it."""
    return make_app(NEWS, None)
