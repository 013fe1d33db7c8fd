"""Generated newspaper pages as PDFs, the text real extractors print for them, and scoring.

`make_page(seed, layout, columns)` typesets one page from clean articles and returns its bytes
with the truth; `EXTRACTORS` turn a PDF into text the way `pdftotext`, `pdftotext -layout`,
pdfminer.six and pypdf do; `score_page` compares what the reader made of a page with the truth.
"""

from .articles import SourceArticle, make_article
from .extract import EXTRACTORS, have_pdftotext
from .score import Scores, han, score_page
from .typeset import LAYOUTS, Truth, TypesetLine, break_lines, make_page, make_pages

__all__ = [
    "EXTRACTORS",
    "LAYOUTS",
    "Scores",
    "SourceArticle",
    "Truth",
    "TypesetLine",
    "break_lines",
    "han",
    "have_pdftotext",
    "make_article",
    "make_page",
    "make_pages",
    "score_page",
]
