"""Whole generated newspaper pages read back: through the PDF path and through `pdftotext -layout`.

Pages are typeset from clean articles in every layout (side by side, stacked, one across the
top with two below, a lead turning a corner) with 3, 4 and 5 columns, and each score is held
to issue 11's bar. The rules behind the scores are tested one by one in `test_pdf_layout.py`
and `test_grid.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newspaper import EXTRACTORS, LAYOUTS, Scores, Truth, have_pdftotext, make_pages, score_page

from reader.cli import main
from reader.ingest.decode import clean
from reader.ingest.pipeline import SourceFile, parse_file
from reader.model import Article

PAGES = 3 * 3 * len(LAYOUTS)
"""Every layout with 3, 4 and 5 columns, three times over."""
SEED = 11


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Truth]]:
    directory = tmp_path_factory.mktemp("pages")
    out = []
    for number, (data, truth) in enumerate(make_pages(PAGES, SEED)):
        path = directory / f"page-{number:02d}.pdf"
        path.write_bytes(data)
        out.append((path, truth))
    return out


@pytest.fixture(scope="module")
def pdf_read(pages: list[tuple[Path, Truth]]) -> list[tuple[list[Article], Truth]]:
    return [(parse_file(SourceFile(path, path.name)), truth) for path, truth in pages]


def _page_lines(articles: list[Article]) -> list[str]:
    """The page's header and footer lines, once."""
    return list(articles[0].page.lines) if articles and articles[0].page else []


def _score(read: list[tuple[list[Article], Truth]]) -> Scores:
    total = Scores()
    for articles, truth in read:
        total += score_page(truth, articles, _page_lines(articles))
    return total


def test_the_set_holds_every_layout_with_three_to_five_columns(
    pages: list[tuple[Path, Truth]],
) -> None:
    held = {(truth.layout, truth.columns) for _, truth in pages}
    assert held == {(layout, columns) for layout in LAYOUTS for columns in (3, 4, 5)}


def test_pdf_pages_meet_the_bar(pdf_read: list[tuple[list[Article], Truth]]) -> None:
    read = pdf_read
    scores = _score(read)
    ratios = scores.ratios()
    assert ratios["split_exact"] >= 0.98, scores.report()
    assert ratios["titles_exact"] == 1.0, scores.report()
    assert ratios["bylines_right"] >= 0.95, scores.report()
    assert ratios["paragraphs_whole"] >= 0.95, scores.report()
    assert ratios["ordered"] == 1.0, scores.report()
    assert (scores.han_lost, scores.han_added, scores.header_leaks) == (0, 0, 0), scores.report()
    for layout in LAYOUTS:
        mine = _score([(a, t) for a, t in read if t.layout == layout])
        assert mine.ratios()["split_exact"] >= 0.98, f"{layout}\n{mine.report()}"


def test_pdf_pages_keep_their_date_and_edition(
    pdf_read: list[tuple[list[Article], Truth]],
) -> None:
    for articles, truth in pdf_read:
        assert {(a.page.date, a.page.edition) for a in articles if a.page} == {
            (truth.date, truth.edition)
        }


@pytest.mark.skipif(not have_pdftotext(), reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_layout_text_meets_the_bar(
    pages: list[tuple[Path, Truth]], tmp_path: Path
) -> None:
    read = []
    for path, truth in pages:
        text = tmp_path / f"{path.stem}.txt"
        text.write_text(clean(EXTRACTORS["pdftotext-layout"](path)), encoding="utf-8")
        read.append((parse_file(SourceFile(text, text.name)), truth))
    scores = _score(read)
    ratios = scores.ratios()
    assert ratios["split_exact"] >= 0.90, scores.report()
    assert ratios["bylines_right"] >= 0.90, scores.report()
    assert (scores.han_lost, scores.han_added, scores.header_leaks) == (0, 0, 0), scores.report()


def test_a_pdf_in_a_corpus_builds_and_lists_its_date_and_edition(
    pages: list[tuple[Path, Truth]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (path, truth), (other, other_truth) = pages[0], pages[1]
    (corpus / "one.pdf").write_bytes(path.read_bytes())
    (corpus / "sub").mkdir()
    (corpus / "sub" / "two.pdf").write_bytes(other.read_bytes())
    assert main(["--corpus", str(corpus), "build"]) == 0
    capsys.readouterr()
    assert main(["--corpus", str(corpus), "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_source = {(row["source"], row["title"]): (row["date"], row["edition"]) for row in rows}
    expected = {("one.pdf", a.headline): (truth.date, truth.edition) for a in truth.articles} | {
        ("sub/two.pdf", a.headline): (other_truth.date, other_truth.edition)
        for a in other_truth.articles
    }
    assert by_source == expected
