"""What an exported article consists of, whatever the format: the parts in order, made safe.

Every format writes the same parts: the kicker (when the source has one), the title, the byline,
a line with where the article was printed (date, 版, paper, page name, when the page told us)
and which file it came from, then the paragraphs (body, headings, and fragments the repair step
set aside, shown in 〔 〕 as `reader cat` shows them).

Text is data: Rich markup (`[bold]`), HTML (`<script>`) and Markdown (`# `, `*`) in a source are
kept as the characters they are, and each format escapes them. Control characters (a terminal
escape sequence that reached a source) are replaced by their visible Unicode pictures (ESC
becomes ␛), so an export printed to a terminal or opened in an editor cannot act on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.layout import ORPHAN_CLOSE, ORPHAN_OPEN
from reader.model import Article, ParagraphKind
from reader.text.script import Script, convert, convert_article

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text with its control characters replaced by visible pictures (␛ for ESC, ␀ for NUL).

    Args:
        text: Any text.

    Returns:
        The text, one character for each character.
    """

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        return "\u2421" if code == 0x7F else "\ufffd"

    return _CONTROLS.sub(picture, text)


@dataclass(frozen=True)
class Meta:
    """Where an article was printed and which file it came from.

    Attributes:
        date: The printed page's date as `YYYY-MM-DD`, when known.
        printed: The other facts of the page in reading order (版次, paper, page name).
        source: The source file, relative to the corpus.
    """

    date: str | None
    printed: tuple[str, ...]
    source: str

    @property
    def shown_date(self) -> str | None:
        """The date as Chinese readers write it (`2021年10月5日`), or None."""
        if self.date is None:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", self.date)
        if match is None:
            return self.date
        year, month, day = match.groups()
        return f"{year}年{int(month)}月{int(day)}日"

    @property
    def source_label(self) -> str:
        """The source file with its label."""
        return f"来源：{self.source}"

    @property
    def parts(self) -> list[str]:
        """Everything the line shows, in order."""
        date = self.shown_date
        return [*([date] if date else []), *self.printed, self.source_label]

    @property
    def text(self) -> str:
        """The line as plain text."""
        return " · ".join(self.parts)


@dataclass(frozen=True)
class Block:
    """One paragraph of an exported article.

    Attributes:
        kind: `body`, `heading` or `orphan` (a set-aside fragment).
        text: Its text, made visible; an orphan's is wrapped in 〔 〕.
    """

    kind: ParagraphKind
    text: str


@dataclass(frozen=True)
class Document:
    """An article as exported: every part, converted to the script and made visible.

    Attributes:
        id: The article's id.
        title: The title.
        kicker: The heading printed above the title, when the source has one.
        byline: The byline as printed, when the source has one.
        meta: Where it was printed and which file it came from.
        blocks: The paragraphs.
        script: The script it is shown in.
    """

    id: str
    title: str
    kicker: str | None
    byline: str | None
    meta: Meta
    blocks: tuple[Block, ...]
    script: Script = Script.SOURCE


def document(article: Article, script: Script = Script.SOURCE) -> Document:
    """An article ready to export.

    Args:
        article: The stored article.
        script: Export it in its own characters, or converted to simplified or traditional.

    Returns:
        The document.
    """
    shown = convert_article(article, script)
    page = article.page
    printed: tuple[str, ...] = ()
    if page is not None:
        printed = tuple(
            visible(convert(part, script))
            for part in (page.edition, page.paper, page.section)
            if part
        )
    blocks = tuple(
        Block(
            paragraph.kind,
            visible(
                ORPHAN_OPEN + paragraph.text + ORPHAN_CLOSE
                if paragraph.kind == "orphan"
                else paragraph.text
            ),
        )
        for paragraph in shown.paragraphs
    )
    return Document(
        id=article.id,
        title=visible(shown.title),
        kicker=visible(shown.kicker) if shown.kicker else None,
        byline=visible(shown.byline) if shown.byline else None,
        meta=Meta(page.date if page else None, printed, visible(article.source)),
        blocks=blocks,
        script=script,
    )
