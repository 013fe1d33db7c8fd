"""The repair step as the build uses it: trained on the corpus's page text, bounded in time."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import BUNDLED

from reader.build.repairer import MAX_FRAGMENTS, corpus_repairer
from reader.ingest import formats, repair
from reader.ingest.pipeline import SourceFile, parse_file
from reader.model import RawArticle
from reader.text.chars import han_count


def test_bundled_page_gets_a_repairer_that_moves_lines() -> None:
    files = [SourceFile(path, path.name) for path in BUNDLED.iterdir()]
    repairer = corpus_repairer(files)
    assert repairer is not None
    articles = [a for f in files for a in parse_file(f, repairer)]
    assert any(a.moves for a in articles)


def test_pages_read_for_training_are_parsed_from_what_was_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = [SourceFile(path, path.name) for path in BUNDLED.iterdir()]
    expected = [a for f in files for a in parse_file(f, corpus_repairer(files))]
    read: dict[str, list[RawArticle]] = {}
    repairer = corpus_repairer(files, read)
    assert sorted(read) == sorted(f.name for f in files)

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} was read again")

    monkeypatch.setattr(formats, "format_of", refuse)
    articles = [a for f in files for a in parse_file(f, repairer, read.pop(f.name))]
    assert articles == expected
    assert any(a.moves for a in articles)


def test_markdown_only_corpus_has_no_repairer(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    assert corpus_repairer([SourceFile(tmp_path / "a.md", "a.md")]) is None


def test_a_huge_page_article_is_left_unrepaired_and_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(3)
    han = [chr(0x4E00 + rng.randrange(3000)) for _ in range(30 * (MAX_FRAGMENTS + 100))]
    lines = ["".join(han[i : i + 15]) for i in range(0, len(han), 15)]
    text = "长文标题\n\n□ 兴县人大常委会主任 王五\n\n" + " ".join(lines) + "。\n"
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    files = [SourceFile(path, "big.txt")]
    repairer = corpus_repairer(files)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the move search ran on an article over the cap")

    monkeypatch.setattr(repair, "repair_blocks", refuse)
    (article,) = parse_file(files[0], repairer)
    assert article.moves == ()
    shown = article.title + (article.byline or "") + "".join(p.text for p in article.paragraphs)
    assert han_count(shown) == han_count(text)
