"""The action table: the bindings, help, palette and README id list it makes, and keymap notices."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from reader.config import config_path
from reader.tui.actions import (
    ACTIONS,
    PALETTE,
    Place,
    clashes,
    help_sections,
    id_list,
    keymap_problems,
)
from reader.tui.app import ReaderApp
from reader.tui.screens.export import ExportDialog
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.theme_bar import ThemeBar

from .ui_support import NEWS, help_text, ready, record_notifications, sync

ROOT = Path(__file__).resolve().parents[2]

OWNERS = {
    Place.APP: ReaderApp,
    Place.SCREEN: MainScreen,
    Place.LIST: ArticleList,
    Place.PANE: ReadingPane,
    Place.SEARCH: SearchInput,
    Place.SIDEBAR: ThemeBar,
    Place.HELP: HelpScreen,
    Place.EXPORT: ExportDialog,
}


def ids(place: Place) -> list[str | None]:
    return [b.id for b in OWNERS[place].BINDINGS if isinstance(b, Binding)]


def test_ids_are_unique_and_every_binding_comes_from_the_table() -> None:
    table = [row.id for row in ACTIONS if row.id is not None]
    assert len(table) == len(set(table))
    for place in Place:
        own = [row.id for row in ACTIONS if row.id and row.place is place]
        offered = [row.id for row in ACTIONS if row.id and row.footer_place is place]
        assert ids(place) == own + offered


def test_the_footer_copy_runs_the_action_where_it_applies() -> None:
    pane = {b.id: b for b in ReadingPane.BINDINGS if isinstance(b, Binding)}
    screen = {b.id: b for b in MainScreen.BINDINGS if isinstance(b, Binding)}
    for ident in ("reader.prev_article", "reader.next_article", "reader.next_hit"):
        assert pane[ident].action == f"screen.{screen[ident].action}"
        assert pane[ident].key == screen[ident].key
        assert pane[ident].show and not screen[ident].show


def test_readme_lists_every_binding_id() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert id_list() in readme, f"README's Settings should say: {id_list()}"


def test_defaults_clash_only_where_the_help_screen_takes_q_and_question_mark() -> None:
    found = {(a.id, b.id, frozenset(keys)) for a, b, keys in clashes({})}
    assert found == {
        ("reader.quit", "help.close", frozenset({"q"})),
        ("reader.help", "help.close", frozenset({"?"})),
    }
    assert keymap_problems({}) == []
    assert keymap_problems({"reader.quit": "q,ctrl+q"}) == [], "keeping a default is no clash"


def test_keymap_problems_name_unknown_ids_and_clashes() -> None:
    problems = keymap_problems({"reader.serch": "s"})
    assert len(problems) == 1 and "'reader.serch'" in problems[0]
    # j moves the list and scrolls the pane, which are inside the screen that would search.
    problems = keymap_problems({"reader.search": "j"})
    assert len(problems) == 2
    assert all("'reader.search'" in p for p in problems)
    assert any("'list.down'" in p for p in problems) and any("'pane.down'" in p for p in problems)
    # The pane offers n (next hit) itself; `?` and question_mark are one key.
    assert len(keymap_problems({"pane.down": "n"})) == 1
    assert len(keymap_problems({"themes.clear": "question_mark"})) == 1
    # The list and the sidebar are never focused at once: c in both is fine.
    assert keymap_problems({"list.first": "c"}) == []


def test_help_sections_cover_every_listed_action_once() -> None:
    listed = [row for _, rows in help_sections() for row in rows]
    assert listed == [row for row in ACTIONS if row.group is not None]
    assert "Search" in [heading for heading, _ in help_sections()]


@sync
async def test_remapped_keys_show_in_help_and_palette_and_problems_are_notices() -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(
        '[keymap]\n"reader.search" = "s"\n"reader.themes" = "j"\n"no.such" = "x"\n',
        encoding="utf-8",
    )
    app = ReaderApp(NEWS)
    messages = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert any("'no.such'" in m for m in messages)
        assert any("'reader.themes'" in m and "'list.down'" in m for m in messages)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Search"] == "Search the articles (s)"
        assert commands["Next article"] == "Open the next article (])"
        assert set(commands) >= {row.palette[0] for row in PALETTE if row.palette}
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = help_text(app)
        lines = table.splitlines()
        assert any(line.split() == ["s", "Search"] for line in lines)
        assert not any(line.split() == ["/", "Search"] for line in lines)
        for heading in ("Anywhere", "Article list", "Reading pane", "Search", "Theme sidebar"):
            assert heading in lines


@sync
async def test_a_palette_entry_runs_its_action() -> None:
    app = ReaderApp(NEWS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        await commands["Themes"]()
        await pilot.pause()
        assert screen.has_class("-themes")
        await commands["Next article"]()
        await pilot.pause()
        assert screen.open_id == screen.all_rows[0].id
