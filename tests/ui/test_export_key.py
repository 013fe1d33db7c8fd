"""The export key: a dialog asks the format, the open article is written where the config says,
in the script it is shown in, and a notice says where."""

from __future__ import annotations

from pathlib import Path

from reader.config import Settings
from reader.export import render
from reader.store import Library
from reader.text.script import Script
from reader.tui.app import ReaderApp
from reader.tui.screens.export import ExportDialog
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane

from .ui_support import NEWS, ready, record_notifications, sync

SIZE = (100, 30)


async def wait_for_file(pilot: object, path: Path) -> None:
    for _ in range(100):
        if path.exists():
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError(f"{path} was not written")


@sync
async def test_e_asks_the_format_and_writes_the_article(tmp_path: Path, news: Library) -> None:
    target = tmp_path / "exports"
    app = ReaderApp(NEWS, settings=Settings(export_dir=str(target)))
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        assert not isinstance(app.screen, ExportDialog), "nothing is open: nothing to export"
        await pilot.press("j", "enter", "e")
        assert isinstance(app.screen, ExportDialog)
        ident = app.screen_stack[0].query_one("#reader", ReadingPane).article.id  # type: ignore[union-attr]
        await pilot.press("down", "down", "enter")  # the third choice: HTML
        assert not isinstance(app.screen, ExportDialog)
        written = target / f"{ident}.html"
        await wait_for_file(pilot, written)
        await pilot.pause(0.2)
        assert written.read_text(encoding="utf-8") == render([news.article(ident)], "html")
        assert any(str(written) in message for message in messages)


@sync
async def test_escape_cancels_and_markdown_is_the_first_choice(tmp_path: Path) -> None:
    target = tmp_path / "exports"
    app = ReaderApp(NEWS, settings=Settings(export_dir=str(target)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "e", "escape")
        assert not isinstance(app.screen, ExportDialog)
        await pilot.pause(0.2)
        assert not target.exists()
        await pilot.press("e", "enter")
        ident = app.screen.query_one("#reader", ReadingPane).article.id  # type: ignore[union-attr]
        await wait_for_file(pilot, target / f"{ident}.md")


@sync
async def test_the_export_is_in_the_script_shown(tmp_path: Path, news: Library) -> None:
    target = tmp_path / "exports"
    app = ReaderApp(NEWS, settings=Settings(export_dir=str(target), script="traditional"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "e", "down", "enter")
        ident = app.screen.query_one("#reader", ReadingPane).article.id  # type: ignore[union-attr]
        written = target / f"{ident}.txt"
        await wait_for_file(pilot, written)
        await pilot.pause(0.2)
        expected = render([news.article(ident)], "txt", Script.TRADITIONAL)
        assert written.read_text(encoding="utf-8") == expected


@sync
async def test_an_unwritable_export_directory_is_a_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    app = ReaderApp(NEWS, settings=Settings(export_dir=str(blocker / "sub")))
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "e", "enter")
        await pilot.pause(0.2)
        assert any("Cannot export" in message for message in messages)


@sync
async def test_the_palette_offers_export(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.screen.query_one("#articles", ArticleList).focus()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Export" in titles and "简/繁 script" in titles
