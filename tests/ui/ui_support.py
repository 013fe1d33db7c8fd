"""Helpers for the UI tests: the fixture corpus, waiting for a state, running async tests."""

from __future__ import annotations

import asyncio
import functools
import io
import os
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.search import SearchPanel

NEWS = Path(__file__).resolve().parent / "fixtures" / "news"
"""Hand-written Markdown articles with curated themes (交通, 农业, 教育)."""

BUNDLED = Path(__file__).resolve().parents[2] / "corpus"


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test function in its own event loop (no asyncio plugin is installed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def main_screen(app: ReaderApp) -> MainScreen:
    """The app's main screen."""
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


async def until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str, timeout: float = 30.0
) -> None:
    """Let the app run until `condition()` holds: workers (the library, a search) answer in
    their own time, so a test waits for the state it needs, never for a fixed delay.

    Raises:
        AssertionError: naming `what`, when it does not hold within `timeout` seconds.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.01)
    await pilot.pause()


async def ready(pilot: Pilot[Any]) -> MainScreen:
    """Wait until the library is open and the list filled (the build runs in a thread)."""
    assert isinstance(pilot.app, ReaderApp)
    screen = main_screen(pilot.app)
    await until(pilot, lambda: screen.library is not None, "the library to open")
    return screen


async def search_for(pilot: Pilot[Any], query: str) -> SearchPanel:
    """Type a query in the search box, press Enter, and wait for its results (focused, when
    there are any)."""
    await pilot.press("slash", *query, "enter")
    panel = pilot.app.screen.query_one("#search", SearchPanel)
    results = panel.query_one("#results", OptionList)
    await until(
        pilot,
        lambda: panel.results_query == query and (not panel.hits or pilot.app.focused is results),
        f"the results for {query!r}",
    )
    return panel


def record_notifications(app: ReaderApp) -> list[str]:
    """Make `app` record the messages of its notifications (in addition to showing them)."""
    messages: list[str] = []
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        messages.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    return messages


def help_text(app: ReaderApp, width: int = 120) -> str:
    """The help screen's table as the plain text it shows at `width` cells (lines stripped)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(app.screen.query_one("#help-table", Static).content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def fresh_process_lines(code: str) -> list[str]:
    """What a Python program prints, line by line, run in a fresh interpreter (which must
    succeed): for what a start path imports, which this process has imported already."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()
