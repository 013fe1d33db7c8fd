"""SVG snapshots of the key screens at fixed sizes (pytest-textual-snapshot).

Update them after an intended visual change with `pytest tests/ui --snapshot-update`, and look
at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.tui.app import ReaderApp

from .ui_support import NEWS, ready, search_for

SnapCompare = Callable[..., bool]


def steady(pilot: Pilot[int]) -> None:
    """No blinking caret in a snapshot."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


async def open_second(pilot: Pilot[int]) -> None:
    await ready(pilot)
    await pilot.press("j", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_main_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(ReaderApp(NEWS), terminal_size=size, run_before=open_second)


def test_search_results(snap_compare: SnapCompare) -> None:
    async def search(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await search_for(pilot, "公路")
        steady(pilot)
        await pilot.pause()

    assert snap_compare(ReaderApp(NEWS), terminal_size=(100, 30), run_before=search)


def test_open_hit(snap_compare: SnapCompare) -> None:
    async def open_hit(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await search_for(pilot, "公路")
        await pilot.press("enter", "n")
        steady(pilot)
        await pilot.pause()

    assert snap_compare(ReaderApp(NEWS), terminal_size=(100, 30), run_before=open_hit)


def test_help_screen(snap_compare: SnapCompare) -> None:
    async def help_(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(ReaderApp(NEWS), terminal_size=(100, 30), run_before=help_)


def test_theme_sidebar(snap_compare: SnapCompare) -> None:
    async def themes(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await pilot.press("t", "space")
        await pilot.pause()

    assert snap_compare(ReaderApp(NEWS), terminal_size=(100, 30), run_before=themes)


@pytest.mark.parametrize("reading", [False, True])
def test_narrow_layout(snap_compare: SnapCompare, reading: bool) -> None:
    async def narrow(pilot: Pilot[int]) -> None:
        await ready(pilot)
        if reading:
            await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(ReaderApp(NEWS), terminal_size=(40, 15), run_before=narrow)


def test_light_theme(snap_compare: SnapCompare) -> None:
    from reader.config import Settings

    app = ReaderApp(NEWS, settings=Settings(theme="light"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_second)


@pytest.mark.parametrize("size", [(100, 30), (40, 15)])
def test_traditional_view(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def traditional(pilot: Pilot[int]) -> None:
        await open_second(pilot)
        await pilot.press("f")
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for toast in pilot.app.screen.query("Toast"):
            toast.remove()  # the notice fades on a timer: not part of the picture
        await pilot.pause()

    assert snap_compare(ReaderApp(NEWS), terminal_size=size, run_before=traditional)


@pytest.mark.parametrize("size", [(100, 30), (40, 15)])
def test_export_dialog(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    from reader.config import Settings

    async def export(pilot: Pilot[int]) -> None:
        await open_second(pilot)
        await pilot.press("e")
        await pilot.pause()

    app = ReaderApp(NEWS, settings=Settings(export_dir="/home/reader/Downloads"))
    assert snap_compare(app, terminal_size=size, run_before=export)
