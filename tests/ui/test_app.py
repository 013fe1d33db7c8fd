"""Pilot tests: each pane and key path of the app, on a small fixture corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input, OptionList, SelectionList

from reader.build import open_library
from reader.config import config_path
from reader.facets import Selection, facet, listing
from reader.layout import Header
from reader.state import state_path
from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.search import SearchPanel

from .ui_support import (
    BUNDLED,
    NEWS,
    fresh_process_lines,
    help_text,
    ready,
    record_notifications,
    search_for,
    sync,
    until,
)

SIZE = (100, 30)


def rows(app: ReaderApp) -> ArticleList:
    return app.screen.query_one("#articles", ArticleList)


def pane(app: ReaderApp) -> ReadingPane:
    return app.screen.query_one("#reader", ReadingPane)


def counted(library: Library, name: str) -> list[tuple[str, int]]:
    """A facet's values, as the sidebar lists them, with their article counts."""
    rows = library.summaries()
    found = Counter(value for row in rows for value in facet(name).values(row))
    return [(value, found[value]) for value in listing(facet(name), rows)]


def longest(news: Library) -> str:
    return max(news.summaries(), key=lambda s: s.chars).id


@sync
async def test_list_shows_every_article_with_count_in_border(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        listed = rows(app)
        assert [s.id for s in listed.rows] == [s.id for s in news.summaries()]
        assert str(len(news.summaries())) in str(listed.border_title)
        assert app.focused is listed
        assert pane(app).article is None


@sync
async def test_rows_fit_the_width_and_clip_with_an_ellipsis(app: ReaderApp, news: Library) -> None:
    long_titles = [s.title for s in news.summaries() if cell_len(s.title) > 40]
    assert long_titles, "the fixture has a title longer than the list"
    async with app.run_test(size=(44, 40)) as pilot:
        await ready(pilot)
        listed = rows(app)
        width = listed.scrollable_content_region.width
        lines = [listed.render_line(y).text for y in range(2 * len(listed.rows))]
        assert all(cell_len(line) == width for line in lines)
        titles = lines[::2]
        for title, summary in zip(titles, listed.rows, strict=True):
            shown = title[1:].rstrip()
            if cell_len(summary.title) > width - 2:
                assert shown.endswith("…")
                assert summary.title.startswith(shown[:-1].rstrip())
            else:
                assert shown == summary.title


@sync
async def test_enter_opens_the_highlighted_article(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "enter")
        second = news.summaries()[1]
        assert pane(app).article is not None
        assert pane(app).article.id == second.id  # type: ignore[union-attr]
        assert app.focused is pane(app)
        assert rows(app).open_id == second.id
        shown = "".join(pane(app).render_line(y).text for y in range(6))
        assert second.title in shown.replace(" ", "")


@sync
async def test_scroll_keys_and_position_indicator(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await ready(pilot)
        rows(app).select(longest(news))
        await pilot.press("enter")
        reader = pane(app)
        assert reader.max_scroll_y > 10, "the long article must need scrolling at this size"
        assert reader.scroll_y == 0
        await pilot.press("j")
        assert reader.scroll_y == 1
        await pilot.press("k")
        assert reader.scroll_y == 0
        await pilot.press("space")
        page = reader.scroll_y
        assert page >= reader.scrollable_content_region.height - 1
        await pilot.press("b")
        assert reader.scroll_y == 0
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.pause()
        assert "100%" in str(reader.border_subtitle)
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        assert "100%" not in str(reader.border_subtitle)
        assert screen.open_id == reader.article.id  # type: ignore[union-attr]


@sync
async def test_lines_are_drawn_as_laid_out(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=(70, 30)) as pilot:
        await ready(pilot)
        rows(app).select(longest(news))
        await pilot.press("enter")
        reader = pane(app)
        layout = reader.article_layout
        assert layout is not None
        assert layout.width == reader.scrollable_content_region.width
        for y in range(reader.scrollable_content_region.height):
            drawn = reader.render_line(y).text
            line = layout.lines[y]
            assert drawn.rstrip() == (" " * line.margin + line.text).rstrip()
            assert not drawn.strip().startswith(("，", "。", "、"))


@sync
async def test_resize_lays_out_again_and_keeps_the_paragraph(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        rows(app).select(longest(news))
        await pilot.press("enter")
        reader = pane(app)
        for _ in range(12):
            await pilot.press("j")
        before = reader.position()
        width = reader.article_layout.width  # type: ignore[union-attr]
        await pilot.resize_terminal(84, 30)
        await pilot.pause()
        assert reader.article_layout.width != width  # type: ignore[union-attr]
        assert reader.position().para == before.para


@sync
async def test_next_and_previous_article(app: ReaderApp, news: Library) -> None:
    ids = [s.id for s in news.summaries()]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        assert pane(app).article.id == ids[0]  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        assert pane(app).article.id == ids[1]  # type: ignore[union-attr]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert pane(app).article.id == ids[3]  # type: ignore[union-attr]
        await pilot.press("left_square_bracket")
        assert pane(app).article.id == ids[2]  # type: ignore[union-attr]
        assert rows(app).cursor == 2


@sync
async def test_theme_filter_multi_select_and_clear(app: ReaderApp, news: Library) -> None:
    themes = {t.name: set(t.ids) for t in news.themes()}
    assert {"交通", "教育"} <= set(themes)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("t")
        choices = app.screen.query_one("#theme-choices", SelectionList)
        assert app.focused is choices
        order = [choices.get_option_at_index(i).value for i in range(choices.option_count)]
        assert choices.highlighted == 0, "space works at once on the first theme"
        assert not app.screen.query_one("#date-choices").display, "no printed pages here"
        for _ in range(order.index("交通")):
            await pilot.press("down")
        await pilot.press("space")
        await pilot.pause()
        assert {s.id for s in rows(app).rows} == themes["交通"]
        assert "交通" in str(rows(app).border_title)
        choices.highlighted = order.index("教育")
        await pilot.press("space")
        await pilot.pause()
        both = themes["交通"] & themes["教育"]
        assert both, "the fixture has an article about both"
        assert {s.id for s in rows(app).rows} == both
        assert str(len(both)) in str(rows(app).border_title)
        await pilot.press("c")
        await pilot.pause()
        assert len(rows(app).rows) == len(news.summaries())
        assert not screen.selection
        await pilot.press("escape")
        assert not screen.has_class("-themes")
        assert app.focused is rows(app)


@sync
async def test_region_facet() -> None:
    library = open_library(BUNDLED)
    regions = counted(library, "region")
    assert regions, "the bundled corpus has bylines with regions"
    region, count = regions[0]
    app = ReaderApp(BUNDLED)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        region_list = app.screen.query_one("#region-choices", OptionList)
        region_list.focus()
        region_list.highlighted = region_list.get_option_index(region)
        await pilot.press("enter")
        await pilot.pause()
        assert len(rows(app).rows) == count
        assert all(s.region == region for s in rows(app).rows)
        assert region in str(rows(app).border_title)


@sync
async def test_printed_date_and_page_facets(printed: Path) -> None:
    app = ReaderApp(printed)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        dates = app.screen.query_one("#date-choices", OptionList)
        pages = app.screen.query_one("#edition-choices", OptionList)
        assert dates.display and pages.display
        assert not app.screen.query_one("#author-choices", OptionList).display, "no bylines"
        listed = [pages.get_option_at_index(i).id for i in range(pages.option_count)]
        assert listed[1:] == ["第2版", "第3版", "第10版"], "pages in their printed order"
        dates.focus()
        dates.highlighted = dates.get_option_index("2026-12-06")
        await pilot.press("enter")
        await pilot.pause()
        assert {s.title for s in rows(app).rows} == {"秋收时节话粮食", "县城的新书店"}
        pages.focus()
        pages.highlighted = pages.get_option_index("第10版")
        await pilot.press("enter")
        await pilot.pause()
        assert [s.title for s in rows(app).rows] == ["县城的新书店"]
        assert "2026-12-06 + 第10版 · 1" in str(rows(app).border_title)


@sync
async def test_search_open_hit_and_step_through_hits(app: ReaderApp, news: Library) -> None:
    query = "长城"
    expected = news.search(query)
    assert expected
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await search_for(pilot, query)
        results = app.screen.query_one("#results", OptionList)
        assert app.focused is results
        assert results.highlighted == 0
        assert [results.get_option_at_index(i).id for i in range(results.option_count)] == [
            h.id for h in expected
        ]
        await pilot.press("enter")
        reader = pane(app)
        assert reader.article is not None and reader.article.id == expected[0].id
        assert reader.hits, "the hits are highlighted"
        text = "\n".join(p.text for p in reader.article.paragraphs)
        body_hits = sum(1 for h in reader.hits if h.para >= 0)
        assert body_hits == text.count(query)
        assert reader.current_hit == 0
        first = reader.hits[0]
        line, _ = reader.article_layout.locate(first.para, first.start)  # type: ignore[union-attr]
        top = round(reader.scroll_y)
        assert top <= line < top + reader.scrollable_content_region.height
        assert f"1/{len(reader.hits)}" in str(reader.border_subtitle)
        await pilot.press("n")
        assert reader.current_hit == 1 % len(reader.hits)
        await pilot.pause()
        assert f"{reader.current_hit + 1}/{len(reader.hits)}" in str(reader.border_subtitle)
        await pilot.press("N")
        assert reader.current_hit == 0
        await pilot.press("N")
        assert reader.current_hit == len(reader.hits) - 1, "N wraps round to the last hit"
        # Esc: from the article back to the results, then out of search to the list.
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("escape")
        assert not screen.has_class("-searching")
        assert app.focused is rows(app)


@sync
async def test_hit_in_title_is_highlighted(app: ReaderApp, news: Library) -> None:
    target = news.summaries()[0]
    word = target.title[:2]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, word)
        assert target.id in [h.id for h in panel.hits]
        results = app.screen.query_one("#results", OptionList)
        results.highlighted = [h.id for h in panel.hits].index(target.id)
        await pilot.press("enter")
        assert any(h.para == Header.TITLE for h in pane(app).hits)


@sync
async def test_suggestions_appear_while_typing(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "高")
        suggestions = app.screen.query_one("#suggestions", OptionList)
        await until(pilot, lambda: suggestions.option_count, "suggestions")
        words = [suggestions.get_option_at_index(i).id for i in range(suggestions.option_count)]
        assert words and all("高" in str(w) for w in words)
        await pilot.press("down")
        assert app.focused is suggestions
        await pilot.press("enter")
        results = app.screen.query_one("#results")
        await until(pilot, lambda: app.focused is results, "the results of the suggestion")
        panel = app.screen.query_one("#search", SearchPanel)
        assert panel.query_text == words[0]
        assert panel.results_query == words[0]


@sync
async def test_typing_a_query_updates_results_live(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"粮食")
        panel = app.screen.query_one("#search", SearchPanel)
        await until(pilot, lambda: panel.results_query == "粮食", "results while typing")
        assert [h.id for h in panel.hits] == [h.id for h in news.search("粮食", limit=50)]
        assert isinstance(app.focused, Input), "typing keeps the caret in the box"


@sync
async def test_query_that_matches_nothing(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, '"*AND')
        assert panel.hits == []
        assert isinstance(app.focused, Input)


@sync
async def test_quit_saves_and_reopens_at_the_same_place(app: ReaderApp, news: Library) -> None:
    ident = longest(news)
    async with app.run_test(size=(60, 16)) as pilot:
        await ready(pilot)
        rows(app).select(ident)
        await pilot.press("enter", "space", "space")
        position = pane(app).position()
        assert position.para > 0
        await pilot.press("q")
    assert app.return_code == 0
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved["last_article"] == ident
    assert saved["positions"][ident] == [position.para, position.offset]
    again = ReaderApp(NEWS)
    async with again.run_test(size=(60, 16)) as pilot:
        await ready(pilot)
        reader = pane(again)
        assert reader.article is not None and reader.article.id == ident
        assert reader.position().para == position.para


@sync
async def test_corrupt_state_file_is_a_notice_not_a_crash(app: ReaderApp) -> None:
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text("{not json", encoding="utf-8")
    app = ReaderApp(NEWS)
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert any("state" in message for message in messages)
        assert rows(app).rows


@sync
async def test_keymap_from_config_remaps_a_binding() -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('theme = "light"\n[keymap]\n"reader.search" = "s"\n', encoding="utf-8")
    app = ReaderApp(NEWS)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert app.theme == "textual-light"
        await pilot.press("slash")
        assert not screen.has_class("-searching")
        await pilot.press("s")
        assert screen.has_class("-searching")


@sync
async def test_original_toggle_notifies_when_nothing_was_repaired(
    app: ReaderApp, news: Library
) -> None:
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        assert not pane(app).has_original, "Markdown is never repaired"
        await pilot.press("o")
        await pilot.pause()
        assert not pane(app).show_original
        assert any("Nothing was repaired" in message for message in messages)


@sync
async def test_original_toggle_on_a_repaired_article() -> None:
    library = open_library(BUNDLED)
    repaired = [s.id for s in library.summaries() if library.article(s.id).original]
    if not repaired:
        pytest.skip("no article of the bundled corpus was repaired")
    app = ReaderApp(BUNDLED, repaired[0])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        reader = pane(app)
        assert reader.article is not None and reader.article.id == repaired[0]
        repaired_text = [reader.render_line(y).text for y in range(20)]
        await pilot.press("tab") if app.focused is not reader else None
        reader.focus()
        await pilot.press("o")
        assert reader.show_original
        assert [reader.render_line(y).text for y in range(20)] != repaired_text
        assert "original" in str(reader.border_subtitle)
        await pilot.press("o")
        assert not reader.show_original


@sync
async def test_narrow_terminal_shows_one_pane_at_a_time(app: ReaderApp) -> None:
    async with app.run_test(size=(40, 15)) as pilot:
        screen = await ready(pilot)
        listed, reader = rows(app), pane(app)
        browse = app.screen.query_one("#browse")
        assert screen.has_class("-narrow")
        assert browse.display and not reader.display
        assert listed.size.width > 30
        await pilot.press("enter")
        await pilot.pause()
        assert reader.display and not browse.display
        assert app.focused is reader
        assert reader.article_layout is not None
        assert reader.article_layout.width == reader.scrollable_content_region.width
        await pilot.press("escape")
        await pilot.pause()
        assert browse.display and not reader.display
        assert app.focused is listed


@sync
async def test_help_lists_every_key_and_closes(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for description in ("Search", "Themes", "Next article", "Next search hit", "Quit"):
            assert description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_tab_moves_between_panes(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        assert app.focused is pane(app)
        await pilot.press("shift+tab")
        assert app.focused is rows(app)
        await pilot.press("tab")
        assert app.focused is pane(app)


@sync
async def test_click_opens_an_article(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # Row 2 is the second article's title line (two lines per article, inside the border).
        await pilot.click("#articles", offset=(5, 3))
        assert pane(app).article is not None
        assert pane(app).article.id == news.summaries()[1].id  # type: ignore[union-attr]


@sync
async def test_command_palette_offers_the_main_actions(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Search", "Themes", "Next article", "Previous article", "Original text"):
            assert title in titles


def test_ui_start_path_does_not_load_jieba(news: Library) -> None:
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from reader.tui.app import ReaderApp\n"
        "async def main():\n"
        f"    app = ReaderApp(Path({str(NEWS)!r}))\n"
        "    async with app.run_test() as pilot:\n"
        "        while app.screen.library is None:\n"
        "            await pilot.pause(0.05)\n"
        "        await pilot.pause()\n"
        "    print('jieba' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    assert fresh_process_lines(code)[-1] == "False"


@sync
async def test_reading_pane_toggles_to_the_original_paragraphs() -> None:
    from textual.app import App, ComposeResult

    from reader.model import Article, Paragraph

    article = Article(
        id="x",
        title="标题",
        source="x.txt",
        paragraphs=(Paragraph("修复以后的第一段。"), Paragraph("第二段。")),
        original=(Paragraph("修复以前的第一段，顺序不同。"),),
    )

    class PaneApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ReadingPane(id="reader")

    async with PaneApp().run_test(size=(60, 12)) as pilot:
        reader = pilot.app.query_one(ReadingPane)
        reader.show(article)
        await pilot.pause()
        shown = "".join(reader.render_line(y).text for y in range(8))
        assert "修复以后" in shown and "修复以前" not in shown
        assert reader.toggle_original()
        await pilot.pause()
        shown = "".join(reader.render_line(y).text for y in range(8))
        assert "修复以前" in shown and "修复以后" not in shown
        assert reader.toggle_original()
        assert not reader.show_original


@sync
async def test_terminal_cursor_follows_the_caret_for_input_methods(app: ReaderApp) -> None:
    # An input method draws its candidate window at the terminal cursor: after Chinese text is
    # committed, the cursor must sit just after it (two cells per Han character).
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        box = app.focused
        assert isinstance(box, Input)
        await pilot.pause()
        start = app.cursor_position
        await pilot.press(*"长城")
        await pilot.pause()
        assert box.value == "长城"
        assert app.cursor_position == box.cursor_screen_offset
        assert app.cursor_position.x == start.x + 4


@sync
async def test_hits_are_drawn_in_their_own_style(app: ReaderApp, news: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await search_for(pilot, "公路")
        await pilot.press("enter")
        reader = pane(app)
        styles = {}
        for y in range(reader.scrollable_content_region.height):
            for segment in reader.render_line(y):
                styles.setdefault(segment.text, segment.style)
        hit_styles = {styles[t] for t in styles if t == "公路"}
        assert hit_styles, "a hit is drawn as its own segment"
        plain = {s for t, s in styles.items() if t.strip() and "公路" not in t}
        assert all(style.bgcolor not in {p.bgcolor for p in plain} for style in hit_styles)


@sync
async def test_a_missing_corpus_is_reported_in_the_list(tmp_path: Path) -> None:
    app = ReaderApp(tmp_path / "no-such-corpus")
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: messages, "the user to be told")
        assert "Cannot open" in rows(app).empty_text
        assert rows(app).rows == []


@sync
async def test_unknown_article_id_on_the_command_line(news: Library) -> None:
    app = ReaderApp(NEWS, "nosuchid")
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert pane(app).article is None
        assert any("nosuchid" in message for message in messages)


@sync
async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(NEWS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        # Textual turns NO_COLOR into a monochrome filter; nothing of ours may switch it off.
        assert app.no_color
        assert pane(app).article is not None


@sync
async def test_article_id_on_the_command_line_opens_it(news: Library) -> None:
    wanted = news.summaries()[2].id
    app = ReaderApp(NEWS, wanted)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert pane(app).article is not None and pane(app).article.id == wanted
        assert rows(app).open_id == wanted


@sync
async def test_changing_the_measure_lays_the_article_out_again(
    app: ReaderApp, news: Library
) -> None:
    from reader.config import Settings
    from reader.text.width import cell_len as cells

    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        rows(app).select(longest(news))
        await pilot.press("enter")
        reader = pane(app)
        assert reader.article_layout is not None

        def widest() -> int:
            assert reader.article_layout is not None
            return max(cells(line.text) for line in reader.article_layout.lines)

        before = widest()
        assert before > 40, "the pane is wider than the new measure"
        reader.set_settings(Settings(measure=20))
        assert widest() <= 40


@sync
async def test_markup_in_titles_and_queries_is_shown_as_text(tmp_path: Path) -> None:
    title = "[bold]标题[/bold] [red]红"
    (tmp_path / "m.txt").write_text(f"{title}\n正文[link=x]链接[/link]。\n", encoding="utf-8")
    app = ReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert pane(app).article is not None
        assert app.screen.query_one("#reader")._border_title.plain == title  # type: ignore[union-attr]
        await search_for(pilot, "[red]")
        results = app.screen.query_one("#results", OptionList)
        assert "[red]" in results._border_title.plain  # type: ignore[union-attr]


@sync
async def test_author_facet() -> None:
    library = open_library(BUNDLED)
    author, count = counted(library, "author")[0]
    app = ReaderApp(BUNDLED)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        author_list = app.screen.query_one("#author-choices", OptionList)
        assert author_list.display
        author_list.focus()
        author_list.highlighted = author_list.get_option_index(author)
        await pilot.press("enter")
        await pilot.pause()
        assert len(rows(app).rows) == count
        assert all(s.author == author for s in rows(app).rows)
        await pilot.press("c")
        await pilot.pause()
        assert len(rows(app).rows) == len(library.summaries())


@sync
async def test_search_keeps_to_the_chosen_region() -> None:
    library = open_library(BUNDLED)
    region, _ = counted(library, "region")[0]
    everywhere = library.search("人大", limit=0)
    assert len({hit.id for hit in everywhere}) > 1, "the term is found in several regions"
    app = ReaderApp(BUNDLED)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        region_list = app.screen.query_one("#region-choices", OptionList)
        region_list.focus()
        region_list.highlighted = region_list.get_option_index(region)
        await pilot.press("enter", "escape")
        await search_for(pilot, "人大")
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 1
        allowed = {s.id for s in library.summaries(Selection.of({"region": [region]}))}
        shown = {results.get_option_at_index(i).id for i in range(results.option_count)}
        assert shown and shown <= allowed


@sync
async def test_help_descriptions_wrap_under_themselves(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        lines = [line for line in help_text(app, width=40).splitlines() if line.strip()]
        continued = [line for line in lines if line.startswith(" " * 18)]
        assert continued, "some description should need a second line at 40 cells"
        for line in lines:
            heading = not line.startswith(" ")
            key_row = line.startswith("  ") and not line[2].isspace()
            assert heading or key_row or line in continued, f"wrapped under the keys: {line!r}"
