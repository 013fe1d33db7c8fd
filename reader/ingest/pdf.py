"""PDF newspaper pages: characters with their positions and sizes, read back into articles.

pdfminer.six gives each character of a page with its box and font size; `reader.ingest.page`
reads the page's layout from them (lines, header and footer, headlines, columns, reading order,
paragraphs). Files that cannot be read as text (encrypted, damaged, truncated, scanned, fonts
without a Unicode map) are refused with one line naming the file. Layout settles the reading
order, so these articles are not sent to the text repair.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.errors import ReaderError
from reader.ingest.glyphs import Glyph
from reader.ingest.page import OffsetText, page_articles
from reader.model import RawArticle

MAX_PDF_BYTES = 512 * 1024 * 1024
"""A PDF larger than this is refused (a newspaper page with its images is a few MiB)."""
_EOF_TAIL = 2048
"""`%%EOF` must stand within this many bytes of the end of a whole file."""


class PdfError(ReaderError):
    """A PDF that cannot be read as newspaper text (encrypted, damaged, scanned, unmapped)."""


# --- Reading the file -------------------------------------------------------------------------


def _check_file(path: Path, data: bytes) -> None:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise PdfError(f"{path}: not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_TAIL:]:
        raise PdfError(f"{path}: truncated or damaged PDF (no %%EOF at its end)")


def read_glyphs(path: Path) -> list[list[Glyph]]:
    """Every page's glyphs, in drawing order.

    Raises:
        PdfError: the file is not a whole PDF, is encrypted, or cannot be parsed.
    """
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise PdfError(f"{path}: too large ({size // (1024 * 1024)} MiB; limit 512 MiB)")
        data = path.read_bytes()
    except OSError as error:
        raise PdfError(f"{path}: cannot read ({error.strerror or error})") from None
    _check_file(path, data)
    import io

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    def walk(item: object, out: list[Glyph], height: float) -> None:
        if isinstance(item, LTChar):
            # Spaces are kept (as " "): drawn between words, they hold a byline's parts together.
            text = item.get_text()
            if text:
                text = " " if text.isspace() else text
                glyph = Glyph(text, item.x0, item.x1, height - item.y1, height - item.y0, item.size)
                out.append(glyph)
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, out, height)

    pages: list[list[Glyph]] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            layout = device.get_result()
            glyphs: list[Glyph] = []
            walk(layout, glyphs, layout.y1)
            pages.append(glyphs)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError(f"{path}: encrypted PDF (a password is needed to read it)") from None
    except PdfError:
        raise
    except Exception as error:  # pdfminer raises many kinds of error on damaged files
        reason = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        raise PdfError(f"{path}: damaged PDF ({reason})") from None
    return pages


def _unmapped(text: str) -> bool:
    """A glyph whose text is not a character: no Unicode map in its font."""
    if text.startswith("(cid:") or text == "\ufffd":
        return True
    code = ord(text[0])
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or (0x80 <= code <= 0x9F) or code < 0x20


def check_text_layer(path: Path, pages: Sequence[Sequence[Glyph]]) -> None:
    """Refuse a PDF with no text to read, or whose text is not characters.

    Raises:
        PdfError: no page holds text (a scan), or a tenth or more of the glyphs have no Unicode
            value (fonts without a map: their text would be indexed as garbage).
    """
    glyphs = [g for page in pages for g in page if g.text != " "]
    if not glyphs:
        raise PdfError(f"{path}: no text layer (a scanned page?): run OCR first")
    bad = sum(1 for g in glyphs if _unmapped(g.text))
    if bad * 10 >= len(glyphs):
        raise PdfError(
            f"{path}: {bad} of {len(glyphs)} characters have no Unicode value"
            " (fonts without a ToUnicode map): the text cannot be read"
        )


def parse_pdf(path: Path, source: str) -> list[RawArticle]:
    """Read a PDF file's pages into raw articles, page by page.

    Raises:
        PdfError: the file is not a whole, readable PDF with a text layer in Unicode.
    """
    pages = read_glyphs(path)
    check_text_layer(path, pages)
    text = OffsetText()
    articles: list[RawArticle] = []
    for number, glyphs in enumerate(pages, start=1):
        articles.extend(page_articles(glyphs, number, source, text))
    return articles
