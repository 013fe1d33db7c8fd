"""Pilot tests of pinyin and 简/繁 search in the app: results say how they matched, and an
opened result's hits are highlighted on the characters the pinyin covers."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.widgets.reading_pane import ReadingPane

from .ui_support import ready, search_for, sync

SIZE = (100, 30)


def option_text(results: OptionList, index: int) -> str:
    return str(results.get_option_at_index(index).prompt)


@sync
async def test_pinyin_query_labels_results_and_highlights_the_characters(
    app: ReaderApp, news: Library
) -> None:
    query = "changcheng"
    expected = news.search(query)
    assert expected and all(hit.matched == "pinyin" for hit in expected)
    find = news.highlighter(query)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await search_for(pilot, query)
        results = app.screen.query_one("#results", OptionList)
        assert [results.get_option_at_index(i).id for i in range(results.option_count)] == [
            h.id for h in expected
        ]
        assert all("· pinyin" in option_text(results, i) for i in range(results.option_count))
        await pilot.press("enter")
        reader = app.screen.query_one("#reader", ReadingPane)
        article = reader.article
        assert article is not None and article.id == expected[0].id
        shown = [
            article.paragraphs[h.para].text[h.start : h.end] for h in reader.hits if h.para >= 0
        ]
        assert "长城" in shown, "the pinyin hit is highlighted on 长城"
        assert shown == [p.text[a:b] for p in article.paragraphs for a, b in find(p.text)], (
            "every hit the search counts, in order"
        )


@sync
async def test_han_query_results_carry_no_way_label(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await search_for(pilot, "長城")  # traditional: finds the simplified text
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count > 0
        assert all("·" not in option_text(results, i) for i in range(results.option_count))
