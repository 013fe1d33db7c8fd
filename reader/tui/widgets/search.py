"""The search panel: a query input with word suggestions, and ranked results with snippets.

The panel does not search: it posts `QueryEdited` (debounced) and `QuerySubmitted`, and the screen
answers with `show_suggestions` and `show_results`. Choosing a result posts `ResultChosen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.tui.actions import Place, bindings

if TYPE_CHECKING:
    from reader.model import Hit


LEAD = 3
"""Characters of a snippet shown before its first hit."""

DEBOUNCE = 0.12
"""Seconds of typing pause before the query is looked up."""

WAYS = {"text": "text", "pinyin": "pinyin", "both": "text + pinyin"}
"""How the results list says a result matched (`Hit.matched`)."""


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str) -> Content:
    """`text` as Content with `spans` styled.

    Args:
        text: The text.
        spans: `(start, end)` character spans, any order, may overlap.
        style: The style for the spans.

    Returns:
        The content.
    """
    content = Content(text)
    for start, end in sorted(spans):
        content = content.stylize(style, start, end)
    return content


def squeeze(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse each run of whitespace to one space and strip the ends, moving the spans along.

    A results list shows one line per snippet: line breaks and wide spaces would waste it.

    Args:
        text: A snippet's text.
        spans: Hits in it, `(start, end)` characters.

    Returns:
        The squeezed text and the hits' spans in it.
    """
    out: list[str] = []
    at = [0] * (len(text) + 1)
    """`at[i]`: where character `i` of `text` lands in the output (or would)."""
    pending = False
    for index, char in enumerate(text):
        if char.isspace():
            pending = bool(out)
            at[index] = len(out)
        else:
            if pending:
                out.append(" ")
                pending = False
            at[index] = len(out)
            out.append(char)
    at[len(text)] = len(out)
    return "".join(out), [(at[start], at[end]) for start, end in spans if at[start] < at[end]]


def lead_to_hit(
    text: str, spans: list[tuple[int, int]], before: int = LEAD
) -> tuple[str, list[tuple[int, int]]]:
    """Cut a snippet so that its first hit comes after at most `before` characters.

    A results list is narrow: the hit must be visible, not lost past the right edge.

    Args:
        text: The snippet text.
        spans: Hits in it, ascending.
        before: Characters of context to keep before the first hit.

    Returns:
        The shortened text (starting with an ellipsis when cut) and the shifted spans.
    """
    if not spans or spans[0][0] <= before + 1:
        return text, spans
    cut = spans[0][0] - before
    shift = cut - 1
    return "…" + text[cut:], [(a - shift, b - shift) for a, b in spans]


class SearchInput(Input):
    """The query box; Down moves into the suggestions."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Place.SEARCH)

    class SuggestionsWanted(Message):
        """The user pressed Down to pick a suggestion."""

    def action_suggestions(self) -> None:
        self.post_message(self.SuggestionsWanted())


class SearchPanel(Vertical):
    """Query input, suggestions and ranked results."""

    class _QueryMessage(Message):
        """A message about the query text, from this panel."""

        def __init__(self, panel: SearchPanel, query: str) -> None:
            super().__init__()
            self.panel = panel
            self.query = query

        @property
        def control(self) -> SearchPanel:
            """The panel that posted the message."""
            return self.panel

    class QueryEdited(_QueryMessage):
        """The query text changed and typing paused."""

    class QuerySubmitted(_QueryMessage):
        """The user pressed Enter in the query box."""

    class ResultChosen(Message):
        """The user opened a result."""

        def __init__(self, panel: SearchPanel, article_id: str, query: str) -> None:
            super().__init__()
            self.panel = panel
            self.article_id = article_id
            self.query = query

        @property
        def control(self) -> SearchPanel:
            """The panel that posted the message."""
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._timer: Timer | None = None
        self.results_query = ""
        """The query the shown results answer."""
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield SearchInput(
            placeholder="Search: 词语, pinyin (renda, rmdb), several terms", id="query"
        )
        yield OptionList(id="suggestions")
        yield OptionList(id="results")

    @property
    def query_text(self) -> str:
        """The text in the query box."""
        return self.query_one("#query", Input).value

    def focus_input(self) -> None:
        """Put the caret in the query box, its text selected for replacing."""
        box = self.query_one("#query", Input)
        box.focus()
        box.select_all()

    def set_query(self, text: str) -> None:
        """Replace the query text (without posting `QueryEdited`)."""
        box = self.query_one("#query", Input)
        with box.prevent(Input.Changed):
            box.value = text
        box.cursor_position = len(text)

    @on(Input.Changed, "#query")
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(
            DEBOUNCE, lambda: self.post_message(self.QueryEdited(self, query))
        )

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self.show_suggestions([])
        self.post_message(self.QuerySubmitted(self, event.value))

    @on(SearchInput.SuggestionsWanted)
    def _to_suggestions(self) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        if suggestions.option_count:
            suggestions.focus()
            suggestions.highlighted = 0
        else:
            self.focus_results()

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        word = event.option.id or ""
        terms = self.query_text.split()
        query = " ".join([*terms[:-1], word]) if terms else word
        self.set_query(query)
        self.show_suggestions([])
        self.post_message(self.QuerySubmitted(self, query))

    @on(OptionList.OptionSelected, "#results")
    def _result_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ResultChosen(self, event.option.id, self.results_query))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Suggestions only make sense next to the caret; hide them when focus leaves both.
        if self.app.focused not in (
            self.query_one("#query"),
            self.query_one("#suggestions"),
        ):
            self.show_suggestions([])

    def show_suggestions(self, words: Sequence[tuple[str, int]]) -> None:
        """Offer words for the last term of the query.

        Args:
            words: `(word, number of articles)` pairs, best first.
        """
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.set_options(
            Option(Content.assemble(word, (f"  {count}篇", "dim")), id=word)
            for word, count in words
        )
        suggestions.set_class(bool(words), "-shown")

    def show_results(
        self,
        query: str,
        hits: Sequence[Hit],
        *,
        focus: bool = False,
        limit: int | None = None,
    ) -> None:
        """Show ranked results for `query`.

        Args:
            query: The query they answer.
            hits: The results, best first.
            focus: Focus the results with the best one highlighted.
            limit: The most results asked for (the label says "best N" when reached).
        """
        self.results_query = query
        self.hits = list(hits)
        results = self.query_one("#results", OptionList)
        options = []
        # Say how each result matched only when some matched by pinyin: otherwise all did as
        # the query is written, and the label would be noise.
        ways = any(hit.matched != "text" for hit in hits)
        for hit in hits:
            count = f"{hit.hits} hit{'s' if hit.hits != 1 else ''}"
            if ways:
                count += f" · {WAYS[hit.matched]}"
            first = hit.snippets[0] if hit.snippets else None
            snippet, marked = lead_to_hit(
                *squeeze(first.text, first.spans) if first is not None else ("", [])
            )
            lines = [
                highlighted(hit.title or "—", hit.title_spans, "reverse").stylize("bold"),
                Content.assemble(
                    (f"  {count}  ", "bold $accent"),
                    highlighted(snippet, marked, "reverse").stylize("dim"),
                ),
            ]
            options.append(Option(Content("\n").join(lines), id=hit.id))
        results.set_options(options)
        if hits:
            results.highlighted = 0
        label = f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if query.strip() else ""
        if limit is not None and len(hits) >= limit:
            label = f"Best {len(hits)} results"
        # Content, not a str: a border title string is console markup, and the query is data.
        results.border_title = Content(f"{label} for {query}") if label else None
        if not hits and query.strip():
            results.border_title = Content(f"No article contains {query}")
        if focus and hits:
            results.focus()

    def show_status(self, text: str) -> None:
        """Say something about the search (such as "still loading") where results go."""
        self.query_one("#results", OptionList).border_title = Content(text)

    def focus_results(self) -> bool:
        """Focus the results list (False when it is empty)."""
        results = self.query_one("#results", OptionList)
        if not results.option_count:
            return False
        results.focus()
        if results.highlighted is None:
            results.highlighted = 0
        return True
