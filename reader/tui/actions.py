"""Every key of the app as data: one table makes the bindings, the help, the palette, the id list.

Each row is one action: its binding id (what `[keymap]` in `config.toml` remaps), its default
keys, the Textual action it runs, where it applies (whose `BINDINGS` it is in), the help section
it is listed under, and whether the footer or the command palette offers it. From the table come

- `bindings(place)`: the `BINDINGS` of the app, the main screen and each widget (with stable
  `id=` for `App.set_keymap`);
- `help_sections()`: the help screen, section by section, keys as the user has mapped them;
- `PALETTE`: the command palette's entries (`palette_entry` adds the keys the user has);
- `id_list()`: the README's sentence listing the binding ids (a test compares the two);
- `keymap_problems(keymap)`: unknown ids and keys given to two actions at once, as notices.

Rows without an id are keys that a Textual widget handles itself (Enter in a list, Tab between
panes): they are listed in the help, never bound here. Keys are Textual key names
(`left_square_bracket`, `question_mark`), comma separated; in rows without an id they are the
text the help shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from textual.binding import Binding, BindingType
from textual.keys import key_to_character


class Place(Enum):
    """Where an action applies: the node whose bindings hold it."""

    APP = "app"
    SCREEN = "screen"
    LIST = "list"
    PANE = "pane"
    SEARCH = "search"
    SIDEBAR = "sidebar"
    HELP = "help"
    EXPORT = "export"


PARENT: Mapping[Place, Place | None] = {
    Place.APP: None,
    Place.SCREEN: Place.APP,
    Place.HELP: Place.APP,
    Place.EXPORT: Place.APP,
    Place.LIST: Place.SCREEN,
    Place.PANE: Place.SCREEN,
    Place.SEARCH: Place.SCREEN,
    Place.SIDEBAR: Place.SCREEN,
}
"""The chain Textual looks a key up in: a widget, then its screen, then the app."""

NAMESPACE = {Place.APP: "app", Place.SCREEN: "screen"}
"""How a binding elsewhere names the node of an action that applies here (`screen.hit(1)`)."""


@dataclass(frozen=True)
class Action:
    """One action of the app and its keys.

    Attributes:
        id: The binding id users remap; None for a key a Textual widget handles itself.
        keys: Default keys, comma separated (Textual key names; the shown text when `id` is
            None).
        action: The Textual action run in `place`, such as `step_article(1)`.
        place: Where the action applies.
        group: The help section that lists it (None: not listed).
        help: What it does, in the help screen, the palette and as the footer's tooltip.
        footer: The footer's short label, when the footer offers it.
        footer_place: Where the footer offers it, when that is not `place`: a copy bound there
            (same id, same keys) runs the action in `place`.
        palette: The command palette's title for it and the line under the title (the keys
            are added to it), when the palette offers it.
    """

    id: str | None
    keys: str
    action: str
    place: Place
    group: str | None
    help: str
    footer: str | None = None
    footer_place: Place | None = None
    palette: tuple[str, str] | None = None


ANYWHERE, LIST, PANE, SEARCH, SIDEBAR, EVERYWHERE = (
    "Anywhere",
    "Article list",
    "Reading pane",
    "Search",
    "Theme sidebar",
    "Everywhere",
)
"""The help's sections, in the order it shows them."""
GROUPS = (ANYWHERE, LIST, PANE, SEARCH, SIDEBAR, EVERYWHERE)

S, A = Place.SCREEN, Place.APP

ACTIONS: tuple[Action, ...] = (
    Action(
        "reader.search",
        "slash",
        "search",
        S,
        ANYWHERE,
        "Search",
        "Search",
        palette=("Search", "Search the articles"),
    ),
    Action(
        "reader.themes",
        "t",
        "themes",
        S,
        ANYWHERE,
        "Themes",
        "Themes",
        palette=("Themes", "Show or hide the theme sidebar"),
    ),
    Action(
        "reader.prev_article",
        "left_square_bracket",
        "step_article(-1)",
        S,
        ANYWHERE,
        "Previous article",
        "Prev",
        Place.PANE,
        palette=("Previous article", "Open the previous article"),
    ),
    Action(
        "reader.next_article",
        "right_square_bracket",
        "step_article(1)",
        S,
        ANYWHERE,
        "Next article",
        "Next",
        Place.PANE,
        palette=("Next article", "Open the next article"),
    ),
    Action("reader.next_hit", "n", "hit(1)", S, ANYWHERE, "Next search hit", "Hit", Place.PANE),
    Action("reader.prev_hit", "N", "hit(-1)", S, ANYWHERE, "Previous search hit"),
    Action(
        "reader.original",
        "o",
        "original",
        S,
        ANYWHERE,
        "Original / repaired text",
        "Orig",
        Place.PANE,
        palette=("Original text", "Toggle the text before reading-order repair"),
    ),
    Action(
        "reader.script",
        "f",
        "script",
        S,
        ANYWHERE,
        "简/繁: traditional or simplified",
        palette=("简/繁 script", "Show the article in traditional or simplified characters"),
    ),
    Action(
        "reader.export",
        "e",
        "export",
        S,
        ANYWHERE,
        "Export the article (md, txt, html)",
        palette=("Export", "Write the open article as Markdown, plain text or an HTML page"),
    ),
    Action(
        "reader.back",
        "escape",
        "back",
        S,
        ANYWHERE,
        "Close search or sidebar; back to the list",
        "Back",
    ),
    Action("reader.quit", "q", "quit", A, ANYWHERE, "Quit", "Quit"),
    Action(
        "reader.help",
        "question_mark",
        "help",
        A,
        ANYWHERE,
        "Help",
        "Help",
        palette=("Keys", "Show every key"),
    ),
    Action(
        None,
        "",
        "toggle_dark",
        A,
        None,
        "Switch between dark and light",
        palette=("Dark / light", "Switch between dark and light"),
    ),
    Action("list.down", "down,j", "cursor_down", Place.LIST, LIST, "Down"),
    Action("list.up", "up,k", "cursor_up", Place.LIST, LIST, "Up"),
    Action("list.open", "enter", "choose", Place.LIST, LIST, "Open", "Open"),
    Action("list.page_down", "pagedown,space", "page_down", Place.LIST, LIST, "Page"),
    Action("list.page_up", "pageup,b", "page_up", Place.LIST, LIST, "Page up"),
    Action("list.first", "home,g", "first", Place.LIST, LIST, "First"),
    Action("list.last", "end,G", "last", Place.LIST, LIST, "Last"),
    Action("pane.down", "down,j", "scroll_lines(1)", Place.PANE, PANE, "Down"),
    Action("pane.up", "up,k", "scroll_lines(-1)", Place.PANE, PANE, "Up"),
    Action("pane.page_down", "space", "page(1)", Place.PANE, PANE, "Page down", "Page"),
    Action("pane.page_up", "b", "page(-1)", Place.PANE, PANE, "Page up"),
    Action("pane.page_down_key", "pagedown", "page(1)", Place.PANE, PANE, "Page down"),
    Action("pane.page_up_key", "pageup", "page(-1)", Place.PANE, PANE, "Page up"),
    Action("pane.top", "g,home", "top", Place.PANE, PANE, "Top"),
    Action("pane.bottom", "G,end", "bottom", Place.PANE, PANE, "Bottom"),
    Action(None, "type", "", Place.SEARCH, SEARCH, "Results and word suggestions as you type"),
    Action(None, "renda rmdb", "", Place.SEARCH, SEARCH, "Pinyin finds Han text (人大, 人民代表…)"),
    Action(None, "选举 選舉", "", Place.SEARCH, SEARCH, "Either script finds both"),
    Action(
        "search.suggestions",
        "down",
        "suggestions",
        Place.SEARCH,
        SEARCH,
        "From the query into the suggestions",
    ),
    Action(None, "⏎", "", Place.SEARCH, SEARCH, "Ranked results (⏎ again: open at the hit)"),
    Action("themes.clear", "c", "clear", Place.SIDEBAR, SIDEBAR, "Clear filter", "Clear filter"),
    Action(None, "space", "", Place.SIDEBAR, SIDEBAR, "Pick a theme (articles in all picked)"),
    Action(None, "⏎", "", Place.SIDEBAR, SIDEBAR, "Pick one (a region, an author …)"),
    Action("help.close", "escape,q,question_mark", "dismiss", Place.HELP, None, "Close", "Close"),
    Action("export.cancel", "escape", "dismiss", Place.EXPORT, None, "Cancel", "Cancel"),
    Action(None, "Tab / Shift+Tab", "", A, EVERYWHERE, "Move between panes"),
    Action(None, "Ctrl+P", "", A, EVERYWHERE, "Command palette"),
    Action(None, "mouse", "", A, EVERYWHERE, "Click to open, wheel to scroll"),
)
"""The table. Its order is the order of the help, the palette, and the footer within a place."""

PALETTE = tuple(row for row in ACTIONS if row.palette)
"""The actions the command palette offers."""


def _binding(row: Action, action: str, shown: bool) -> Binding:
    assert row.id is not None
    label = row.footer if shown and row.footer else row.help
    tooltip = row.help if label != row.help else ""
    return Binding(row.keys, action, label, show=shown, tooltip=tooltip, id=row.id)


def bindings(place: Place) -> list[BindingType]:
    """The `BINDINGS` of the node at `place`, from the table.

    Args:
        place: The app, the main screen, or one of its widgets.

    Returns:
        Its bindings: its own actions, then those of other places that its footer offers.
    """
    own = [
        _binding(row, row.action, row.footer is not None and row.footer_place is None)
        for row in ACTIONS
        if row.id is not None and row.place is place
    ]
    offered = [
        _binding(row, f"{NAMESPACE[row.place]}.{row.action}", True)
        for row in ACTIONS
        if row.id is not None and row.footer_place is place
    ]
    return [*own, *offered]


def keys_of(row: Action, keymap: Mapping[str, str]) -> list[str]:
    """The keys that run an action once the user's keymap is applied (Textual key names)."""
    keys = keymap.get(row.id, row.keys) if row.id is not None else row.keys
    return [key.strip() for key in keys.split(",") if key.strip()]


def shown_keys(row: Action, keymap: Mapping[str, str], display: Callable[[str], str]) -> str:
    """The keys of an action as the help and the palette show them (`[ ]`, `⏎`, `esc`).

    Args:
        row: The action.
        keymap: The user's keymap (binding id → keys).
        display: How the app shows a key name (`App.get_key_display` of a binding of it).

    Returns:
        The keys, separated by spaces, each once.
    """
    if row.id is None:
        return row.keys
    shown: list[str] = []
    for key in keys_of(row, keymap):
        text = display(key)
        if text not in shown:
            shown.append(text)
    return " ".join(shown)


def help_sections() -> Iterator[tuple[str, list[Action]]]:
    """The help screen's sections: each heading and its actions, in the table's order."""
    for group in GROUPS:
        rows = [row for row in ACTIONS if row.group == group]
        if rows:
            yield group, rows


def palette_entry(row: Action, keys: str) -> tuple[str, str]:
    """A palette entry's title, and the line under it with the keys the user has (if any).

    Args:
        row: An action of `PALETTE`.
        keys: Its keys as `shown_keys` gives them.

    Returns:
        `(title, help)`.
    """
    assert row.palette is not None
    title, line = row.palette
    return title, f"{line} ({keys})" if keys else line


def id_list() -> str:
    """The README's sentence naming every binding id, in the table's order and by place."""
    where = {
        Place.LIST: "in the list",
        Place.PANE: "in the article",
        Place.SEARCH: "in the search box",
        Place.SIDEBAR: "in the sidebar",
        Place.HELP: "in the help",
        Place.EXPORT: "in the export dialog",
    }

    def listed(*places: Place) -> str:
        return ", ".join(f"`{row.id}`" for row in ACTIONS if row.id and row.place in places)

    parts = [f"The binding ids are {listed(Place.SCREEN, Place.APP)}"]
    parts += [f"{lead} {listed(place)}" for place, lead in where.items()]
    return "; ".join(parts) + "."


def _canonical(key: str) -> str:
    """One spelling per key, so that `?` and `question_mark` are seen as the same key."""
    return key_to_character(key) or key


def _places(row: Action) -> set[Place]:
    return {row.place} | ({row.footer_place} if row.footer_place else set())


def _overlap(first: set[Place], second: set[Place]) -> bool:
    """Whether a key in one set of places and a key in the other can be pressed at once: they
    are in the same place, or one's place is in the chain above the other's."""

    def chain(place: Place | None) -> Iterator[Place]:
        while place is not None:
            yield place
            place = PARENT[place]

    return any(a in chain(b) or b in chain(a) for a in first for b in second)


def clashes(keymap: Mapping[str, str]) -> list[tuple[Action, Action, set[str]]]:
    """Pairs of actions that have a key in common where both can be pressed at once.

    Args:
        keymap: Binding id → keys (the user's; empty for the defaults).

    Returns:
        `(first, second, keys)` for each such pair, in the table's order; the keys are spelled
        as `textual.keys.key_to_character` spells them (`?`, not `question_mark`).
    """
    rows = [row for row in ACTIONS if row.id is not None]
    keys = {row.id: {_canonical(key) for key in keys_of(row, keymap)} for row in rows}
    found = []
    for n, first in enumerate(rows):
        for second in rows[n + 1 :]:
            shared = keys[first.id] & keys[second.id]
            if shared and _overlap(_places(first), _places(second)):
                found.append((first, second, shared))
    return found


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """What is wrong with the user's `[keymap]`, as notices: ids no binding has, and keys the
    keymap gives to an action where another one already has them.

    Args:
        keymap: Binding id → keys, from `config.toml`.

    Returns:
        One message per problem (none when the keymap is sound).
    """
    known = {row.id for row in ACTIONS if row.id is not None}
    problems = [
        f"[keymap] {ident!r} is not a binding id (the README lists them)"
        for ident in keymap
        if ident not in known
    ]

    def added(row: Action) -> set[str]:
        """The keys the keymap gives an action that it does not have by default."""
        if row.id not in keymap:
            return set()
        return {_canonical(k) for k in keys_of(row, keymap)} - {
            _canonical(k) for k in keys_of(row, {})
        }

    for first, second, shared in clashes(keymap):
        # The defaults' own overlaps (the help screen's q and ? close it) are meant.
        new = shared & (added(first) | added(second))
        if new:
            problems.append(
                f"[keymap] {', '.join(sorted(new))} is given to both {first.id!r} and"
                f" {second.id!r}; only one of them can have it"
            )
    return problems
