"""Nothing lost: every Han character of a source is in the articles, the same number of times."""

from __future__ import annotations

import random
from collections import Counter

from conftest import BUNDLED, FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from pagegen import article, page

from reader.ingest.formats import parse_decoded as parse_source
from reader.ingest.pipeline import _article
from reader.model import Article
from reader.text.chars import han_count


def article_han(articles: list[Article]) -> Counter[str]:
    """Han characters over everything an article shows: kicker, title, byline, paragraphs."""
    total: Counter[str] = Counter()
    for a in articles:
        parts = [a.kicker or "", a.title, a.byline or "", *(p.text for p in a.paragraphs)]
        total.update(han_count("\n".join(parts)))
    return total


def articles_of(text: str, name: str) -> list[Article]:
    return [_article(raw, str(i), None) for i, raw in enumerate(parse_source(text, name))]


def test_bundled_corpus_keeps_every_han_character() -> None:
    for path in BUNDLED.iterdir():
        text = path.read_text(encoding="utf-8")
        assert article_han(articles_of(text, path.name)) == Counter(han_count(text))


def test_fixture_page_keeps_every_han_character() -> None:
    text = (FIXTURES / "county-page.txt").read_text(encoding="utf-8")
    assert article_han(articles_of(text, "county-page.txt")) == Counter(han_count(text))


_PIECES = st.sampled_from(
    [
        "人大",
        "代表",
        "联络站",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n",
        "，",
        "。",
        ",",
        ":",
        '"',
        "(",
        ")",
        "□ ",
        "编者按:",
        "一、",
        "二是",
        "100%",
        "3,000",
        "ABC",
        "——",
        "……",
        "㐀",
        "😀",
        "[bold]",
        "# ",
        "## ",
        "### ",
        "的",
        "县人大常委会主任 ",
        "王五",
        "\u3000",
        "**",
        "[",
        "]",
        "](",
        "](x ",
        "](<x ",
        '"题"',
        "'",
        "<",
        ">",
        "!",
        "[题]",
        '(x "题")',
        "(x 题)",
        "(<x y> ",
        "```",
        "~~~",
        "===",
        "---",
        "\\",
        "\\*",
        "`",
        "_",
        "__",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=80), st.sampled_from(["a.txt", "b.md"]))
def test_random_inputs_keep_every_han_character(pieces: list[str], name: str) -> None:
    text = "".join(pieces)
    assert article_han(articles_of(text, name)) == Counter(han_count(text))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_generated_pages_keep_every_han_character(seed: int) -> None:
    rng = random.Random(seed)
    text = page([article(rng, byline=rng.random() < 0.5) for _ in range(3)], rng)
    assert article_han(articles_of(text, "gen.txt")) == Counter(han_count(text))


def test_bundled_corpus_after_repair_keeps_every_han_character() -> None:
    from reader.build import open_library

    library = open_library(BUNDLED)
    articles = [library.article(ident) for ident in library.ids()]
    assert any(a.moves for a in articles), "the bundled page has displaced lines to repair"
    source: Counter[str] = Counter()
    for path in BUNDLED.iterdir():
        source.update(han_count(path.read_text(encoding="utf-8")))
    assert article_han(articles) == source
    for repaired_article in (a for a in articles if a.moves):
        original = Counter(han_count("".join(p.text for p in repaired_article.original)))
        repaired = Counter(han_count("".join(p.text for p in repaired_article.paragraphs)))
        assert original == repaired


def test_generated_pages_with_repair_keep_every_han_character() -> None:
    from reader.ingest.ngram import SeamModel
    from reader.ingest.reflow import fragments_of
    from reader.ingest.repair import repair_blocks, training_text

    rng = random.Random(11)
    for _ in range(5):
        text = page([article(rng) for _ in range(4)], rng)
        raws = parse_source(text, "gen.txt")
        model = SeamModel.train(training_text([fragments_of(b) for b in r.blocks]) for r in raws)

        def repairer(blocks: object, model: SeamModel = model) -> tuple[object, object]:
            result = repair_blocks(blocks, model=model)  # type: ignore[arg-type]
            return result.blocks, result.moves

        articles = [_article(raw, str(i), repairer) for i, raw in enumerate(raws)]  # type: ignore[arg-type]
        assert article_han(articles) == Counter(han_count(text))
