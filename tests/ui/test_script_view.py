"""The 简/繁 key and setting: the reading pane shows converted text, and hits, the reading
position and `n`/`N` keep to the same characters."""

from __future__ import annotations

import json

from textual.strip import Strip

from reader.config import config_path
from reader.state import state_path
from reader.store import Library
from reader.text.script import to_simplified, to_traditional
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane

from .ui_support import NEWS, fresh_process_lines, ready, record_notifications, sync

SIZE = (100, 30)


def pane(app: ReaderApp) -> ReadingPane:
    return app.screen.query_one("#reader", ReadingPane)


def longest(news: Library) -> str:
    return max(news.summaries(), key=lambda s: s.chars).id


def drawn(reader: ReadingPane) -> list[Strip]:
    return [reader.render_line(y) for y in range(reader.scrollable_content_region.height)]


def drawn_text(reader: ReadingPane) -> str:
    return "\n".join(strip.text for strip in drawn(reader))


def hit_texts(reader: ReadingPane) -> list[str]:
    """The texts drawn in a hit style, in screen order."""
    found = []
    hit_bg = {
        reader.get_component_rich_style(name).bgcolor
        for name in ("reading-pane--hit", "reading-pane--current-hit")
    }
    for strip in drawn(reader):
        for segment in strip:
            if segment.style is not None and segment.style.bgcolor in hit_bg:
                found.append(segment.text)
    return found


@sync
async def test_f_cycles_traditional_simplified_and_source(app: ReaderApp, news: Library) -> None:
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.screen.query_one("#articles", ArticleList).select(longest(news))
        await pilot.press("enter")
        reader = pane(app)
        assert reader.article is not None
        source = drawn_text(reader)
        assert "县城" in source
        await pilot.press("f")
        await pilot.pause(0.2)
        traditional = drawn_text(reader)
        assert "縣城" in traditional and "县城" not in traditional
        assert traditional == to_traditional(source)
        assert "繁體" in str(reader.border_subtitle)
        assert str(reader.border_title) == to_traditional(reader.article.title)
        assert any("繁體" in message for message in messages)
        await pilot.press("f")
        await pilot.pause(0.2)
        # The stored text converted (not the traditional view converted back: 著 stays 著).
        assert drawn_text(reader) == to_simplified(source)
        assert "简体" in str(reader.border_subtitle)
        await pilot.press("f")
        await pilot.pause(0.2)
        assert drawn_text(reader) == source
        assert "繁體" not in str(reader.border_subtitle)
        assert str(reader.border_title) == reader.article.title


@sync
async def test_switching_script_keeps_the_reading_position(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=(60, 16)) as pilot:
        await ready(pilot)
        app.screen.query_one("#articles", ArticleList).select(longest(news))
        await pilot.press("enter", "space", "j", "j")
        reader = pane(app)
        before, top = reader.position(), reader.scroll_y
        assert before.para > 0
        await pilot.press("f")
        await pilot.pause(0.2)
        assert reader.position() == before
        assert reader.scroll_y == top


@sync
async def test_hits_and_n_land_on_the_converted_characters(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"铁路", "enter")
        await pilot.pause(0.4)
        await pilot.press("enter")
        reader = pane(app)
        assert len(reader.hits) > 1
        assert set(hit_texts(reader)) == {"铁路"}
        await pilot.press("f")
        await pilot.pause(0.2)
        assert set(hit_texts(reader)) == {"鐵路"}
        assert f"1/{len(reader.hits)}" in str(reader.border_subtitle)
        for _ in range(len(reader.hits)):
            await pilot.press("n")
            await pilot.pause()
            hit = reader.hits[reader.current_hit]
            layout = reader.article_layout
            assert layout is not None
            line, _ = layout.locate(hit.para, hit.start)
            top = round(reader.scroll_y)
            assert top <= line < top + reader.scrollable_content_region.height
            current = reader.get_component_rich_style("reading-pane--current-hit").bgcolor
            strip = reader.render_line(line - top)
            assert [s.text for s in strip if s.style and s.style.bgcolor == current] == ["鐵路"]


@sync
async def test_the_config_opens_articles_converted_and_positions_stay_stored_offsets(
    news: Library,
) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('script = "traditional"\n', encoding="utf-8")
    ident = longest(news)
    app = ReaderApp(NEWS)
    async with app.run_test(size=(60, 16)) as pilot:
        await ready(pilot)
        app.screen.query_one("#articles", ArticleList).select(ident)
        await pilot.press("enter", "space", "space")
        reader = pane(app)
        assert "繁體" in str(reader.border_subtitle)
        assert "縣" in drawn_text(reader)
        position = reader.position()
        await pilot.press("q")
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved["positions"][ident] == [position.para, position.offset]
    # The same place in the source's own script: offsets are the stored text's.
    again = ReaderApp(NEWS)
    again.settings = again.settings.__class__()
    async with again.run_test(size=(60, 16)) as pilot:
        await ready(pilot)
        reader = pane(again)
        assert reader.position() == position
        assert "县" in drawn_text(reader)


@sync
async def test_an_unknown_script_in_the_config_is_a_notice() -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('script = "klingon"\n', encoding="utf-8")
    app = ReaderApp(NEWS)
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert app.settings.script == "source"
        assert any("script must be one of" in message for message in messages)


def test_opencc_loads_after_the_library_and_export_code_when_used(news: Library) -> None:
    """The first frame pays nothing for 简/繁 or export; OpenCC's traditional tables load in the
    loading thread once the list is shown (so the first `f` answers at once); the export code
    loads only when used."""
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from reader.tui.app import ReaderApp\n"
        "import reader.tui.app\n"
        "first = sorted(m for m in sys.modules if m.startswith(('opencc', 'reader.export',"
        " 'reader.text.script', 'reader.tui.screens.export')))\n"
        "async def main():\n"
        f"    app = ReaderApp(Path({str(NEWS)!r}))\n"
        "    async with app.run_test() as pilot:\n"
        "        while app.screen.library is None:\n"
        "            await pilot.pause(0.05)\n"
        "        await app.workers.wait_for_complete()\n"
        "        from reader.text.script import Script, is_loaded\n"
        "        print(first, is_loaded(Script.TRADITIONAL), 'reader.export' in sys.modules)\n"
        "        await pilot.press('enter')\n"
        "        await pilot.press('e')\n"
        "        await pilot.pause()\n"
        "        print('reader.tui.screens.export' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    assert fresh_process_lines(code)[-2:] == ["[] True False", "True"]
