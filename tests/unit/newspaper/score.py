"""Score what the reader made of a generated page against the articles it was typeset from.

Articles are compared by their Han characters (whitespace and punctuation forms aside), so a
score says whether the structure came back, not whether a comma turned full-width.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .articles import SourceArticle
from .typeset import Truth


def is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or ch == "〇"
    )


def han(text: str) -> str:
    """The Han characters of `text`, in order."""
    return "".join(c for c in text if is_han(c))


class _Paragraph(Protocol):
    text: str


class ReadArticle(Protocol):
    """What the scorer reads from the reader's articles (`reader.model.Article` has it all)."""

    title: str
    author: str | None
    role: str | None
    region: str | None
    byline: str | None
    kicker: str | None

    @property
    def paragraphs(self) -> Sequence[Any]: ...


@dataclass
class Scores:
    """Counts over one or more pages (add them up with `+`)."""

    articles: int = 0
    found: int = 0
    split_exact: int = 0
    """Truth articles read back as one article holding exactly their characters."""
    titles_exact: int = 0
    """Title (with its subtitle) and kicker exact."""
    bylines: int = 0
    bylines_right: int = 0
    """Bylines read with the right author, role and region."""
    paragraphs: int = 0
    paragraphs_whole: int = 0
    """Truth paragraphs read back as exactly one paragraph."""
    breaks: int = 0
    breaks_kept: int = 0
    """Paragraph breaks of the truth found at the same place."""
    ordered: int = 0
    """Articles whose body characters came back in the truth's order."""
    han_lost: int = 0
    han_added: int = 0
    header_leaks: int = 0
    """Articles holding the page's header text."""

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in dataclasses.fields(self)
            }
        )

    def ratios(self) -> dict[str, float]:
        """Each success count over what it counts out of."""

        def ratio(part: int, whole: int) -> float:
            return part / whole if whole else 1.0

        return {
            "split_exact": ratio(self.split_exact, self.articles),
            "titles_exact": ratio(self.titles_exact, self.articles),
            "bylines_right": ratio(self.bylines_right, self.bylines),
            "paragraphs_whole": ratio(self.paragraphs_whole, self.paragraphs),
            "breaks_kept": ratio(self.breaks_kept, self.breaks),
            "ordered": ratio(self.ordered, self.articles),
        }

    def report(self) -> str:
        """A few lines of percentages with the counts behind them."""
        r = self.ratios()
        return "\n".join(
            [
                f"  articles split exactly {r['split_exact']:7.1%}  "
                f"({self.split_exact}/{self.articles}; {self.found} found)",
                f"  titles exact           {r['titles_exact']:7.1%}  "
                f"({self.titles_exact}/{self.articles})",
                f"  bylines right          {r['bylines_right']:7.1%}  "
                f"({self.bylines_right}/{self.bylines})",
                f"  paragraphs whole       {r['paragraphs_whole']:7.1%}  "
                f"({self.paragraphs_whole}/{self.paragraphs})",
                f"  paragraph breaks kept  {r['breaks_kept']:7.1%}  "
                f"({self.breaks_kept}/{self.breaks})",
                f"  column order right     {r['ordered']:7.1%}  ({self.ordered}/{self.articles})",
                f"  Han lost / added       {self.han_lost} / {self.han_added}",
                f"  header inside articles {self.header_leaks}",
            ]
        )


def _merged_paragraphs(article: ReadArticle) -> list[str]:
    """The article's paragraphs, a section heading split off by the reader joined back."""
    out: list[str] = []
    glue = False
    for paragraph in article.paragraphs:
        text = han(paragraph.text)
        if glue and out:
            out[-1] += text
        else:
            out.append(text)
        glue = getattr(paragraph, "kind", "body") == "heading"
    return [p for p in out if p]


def _breaks(paragraphs: Iterable[str]) -> set[int]:
    """Character offsets where a paragraph starts, the first excepted."""
    offsets, position = set(), 0
    for text in paragraphs:
        if position:
            offsets.add(position)
        position += len(text)
    return offsets


def _heading(source: SourceArticle) -> str:
    """Kicker, title and subtitle: the text above an article's byline."""
    return (source.kicker or "") + source.headline


def score_page(
    truth: Truth, articles: Sequence[ReadArticle], page_lines: Iterable[str] = ()
) -> Scores:
    """Compare the articles read from a page (and its header lines kept aside) with the truth."""
    scores = Scores(articles=len(truth.articles), found=len(articles))
    read = [
        (
            a,
            Counter(
                han(
                    a.title
                    + (a.kicker or "")
                    + (a.byline or "")
                    + "".join(p.text for p in a.paragraphs)
                )
            ),
        )
        for a in articles
    ]
    for source in truth.articles:
        whole = han(_heading(source) + (source.byline or "") + "".join(source.paragraphs))
        wanted = Counter(whole)
        best = max(read, key=lambda r: sum((r[1] & wanted).values()), default=None)
        scores.bylines += source.byline is not None
        scores.paragraphs += len(source.paragraphs)
        scores.breaks += len(source.paragraphs) - 1
        if best is None or sum((best[1] & wanted).values()) * 2 < len(whole):
            continue
        article, counts = best
        scores.split_exact += counts == wanted
        scores.titles_exact += (" ".join(article.title.split()), article.kicker) == (
            source.headline,
            source.kicker,
        )
        if source.byline is not None:
            scores.bylines_right += (article.author, article.role, article.region) == (
                source.author,
                source.role,
                source.region,
            )
        paragraphs = _merged_paragraphs(article)
        scores.paragraphs_whole += len({han(p) for p in source.paragraphs} & set(paragraphs))
        truth_body = [han(p) for p in source.paragraphs]
        if "".join(paragraphs) == "".join(truth_body):
            scores.ordered += 1
            scores.breaks_kept += len(_breaks(truth_body) & _breaks(paragraphs))
    expected = Counter(han(truth.header + (truth.footer or "")))
    for source in truth.articles:
        expected += Counter(
            han(_heading(source) + (source.byline or "") + "".join(source.paragraphs))
        )
    got: Counter[str] = Counter(han("".join(page_lines)))
    for _, counts in read:
        got += counts
    scores.han_lost = sum((expected - got).values())
    scores.han_added = sum((got - expected).values())
    date_text = truth.header.split(" ")[0]
    for article, _ in read:
        text = article.title + "".join(p.text for p in article.paragraphs)
        scores.header_leaks += date_text in text or truth.edition in text
    return scores
