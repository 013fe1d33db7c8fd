"""Helpers for the UI tests: the fixture corpus, waiting for the library, running async tests."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen

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


async def ready(pilot: Pilot[Any]) -> MainScreen:
    """Wait until the library is open and the list filled (the build runs in a thread)."""
    assert isinstance(pilot.app, ReaderApp)
    screen = main_screen(pilot.app)
    for _ in range(600):
        if screen.library is not None:
            break
        await pilot.pause(0.05)
    assert screen.library is not None, "the library did not open"
    await pilot.pause()
    return screen


def record_notifications(app: ReaderApp) -> list[str]:
    """Make `app` record the messages of its notifications (in addition to showing them)."""
    messages: list[str] = []
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        messages.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    return messages
