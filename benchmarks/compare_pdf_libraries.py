"""Which PDF library to read newspaper pages with: pdfminer.six, pdfplumber, pypdf or PyMuPDF.

Run it in a scratch environment that holds all four (never the project's):

    python3 -m venv /tmp/cmpvenv
    /tmp/cmpvenv/bin/pip install pdfminer.six pdfplumber pypdf pymupdf reportlab
    PYTHONPATH=tests/unit /tmp/cmpvenv/bin/python benchmarks/compare_pdf_libraries.py [--pages 40]

Pages come from the test generator (`tests/unit/newspaper`, reportlab's built-in STSong-Light
CID font). For each library it reports:

- **characters**: every Han character drawn on the page (header, footer, titles, bylines,
  bodies) against those read, as counts lost and added, and glyphs read as `(cid:N)`, U+FFFD or
  private-use characters;
- **positions**: of the body lines drawn (the generator records each one's left edge, baseline
  and text), the share read whole at their place: the characters read on that baseline (within
  half a point) from that left edge on, in order of x, spell the line; and whether each
  character gets a position and a size of its own;
- **speed**: pages per second to get every character with its position (one core);
- the library's licence.
"""

from __future__ import annotations

import argparse
import io
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from newspaper import Truth, TypesetLine, han, make_pages


@dataclass(frozen=True)
class Char:
    """One character read: its text, the origin of its glyph (x, baseline from the page's top)
    and its size, or None when the library does not give them per character."""

    text: str
    x: float | None
    baseline: float | None
    size: float | None


Reader = Callable[[bytes], list[Char]]


def pdfminer_chars(data: bytes) -> list[Char]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    out: list[Char] = []

    def walk(item: object, height: float) -> None:
        if isinstance(item, LTChar):
            # The text matrix's translation is the glyph's origin: x and the baseline.
            x, y = item.matrix[4], item.matrix[5]
            out.append(Char(item.get_text(), x, height - y, item.size))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, height)

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        layout = device.get_result()
        walk(layout, layout.y1)
    return out


def pdfplumber_chars(data: bytes) -> list[Char]:
    import pdfplumber

    out: list[Char] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                matrix = char["matrix"]
                out.append(
                    Char(char["text"], matrix[4], float(page.height) - matrix[5], char["size"])
                )
    return out


def pypdf_chars(data: bytes) -> list[Char]:
    """pypdf hands a visitor each run of text with the matrix it starts at: a run's origin, not
    each character's (no widths, no boxes)."""
    from pypdf import PdfReader

    out: list[Char] = []
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            height: float = float(page.mediabox.height),
        ) -> None:
            if not text.strip():
                return
            # The run's origin in page space: the text matrix, then the current matrix.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            for n, ch in enumerate(text):
                first = n == 0
                out.append(
                    Char(ch, x if first else None, height - y if first else None, size or None)
                )

        page.extract_text(visitor_text=visit)
    return out


def pymupdf_chars(data: bytes) -> list[Char]:
    import pymupdf

    out: list[Char] = []
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for page in document:
            raw = page.get_text("rawdict")
            for block in raw["blocks"]:
                for line in block.get("lines", ()):
                    for span in line["spans"]:
                        for char in span["chars"]:
                            x, y = char["origin"]
                            out.append(Char(char["c"], x, y, span["size"]))
    return out


LIBRARIES: dict[str, tuple[Reader, str]] = {
    "pdfminer.six": (pdfminer_chars, "MIT"),
    "pdfplumber": (pdfplumber_chars, "MIT (built on pdfminer.six)"),
    "pypdf": (pypdf_chars, "BSD-3-Clause"),
    "PyMuPDF": (pymupdf_chars, "AGPL-3.0 or Artifex commercial"),
}


def _bad(text: str) -> bool:
    if text.startswith("(cid:") or text == "\ufffd":
        return True
    code = ord(text[0]) if text else 0
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


@dataclass
class Tally:
    pages: int = 0
    seconds: float = 0.0
    lost: int = 0
    added: int = 0
    bad: int = 0
    lines: int = 0
    placed: int = 0
    per_char: bool = True
    sized: bool = True


@dataclass(frozen=True)
class Sample:
    """A PDF page, the Han characters drawn on it, and its body lines as drawn."""

    data: bytes
    han: Counter[str]
    lines: tuple[TypesetLine, ...]


def generated(pages: list[tuple[bytes, Truth]]) -> list[Sample]:
    """The generator's pages, set in reportlab's built-in STSong-Light (not embedded)."""
    samples = []
    for data, truth in pages:
        text = truth.header + (truth.footer or "")
        for article in truth.articles:
            text += (article.kicker or "") + article.headline + (article.byline or "")
            text += "".join(article.paragraphs)
        lines = tuple(line for article in truth.lines for line in article)
        samples.append(Sample(data, Counter(han(text)), lines))
    return samples


def compare(samples: list[Sample], read: Reader) -> Tally:
    tally = Tally()
    for sample in samples:
        start = time.perf_counter()
        chars = read(sample.data)
        tally.seconds += time.perf_counter() - start
        tally.pages += 1
        got = Counter(han("".join(c.text for c in chars)))
        wanted = sample.han
        tally.lost += sum((wanted - got).values())
        tally.added += sum((got - wanted).values())
        tally.bad += sum(1 for c in chars if _bad(c.text))
        tally.per_char &= all(c.x is not None for c in chars if c.text.strip())
        tally.sized &= all(c.size for c in chars if c.text.strip())
        on_row: dict[int, list[Char]] = {}
        for c in chars:
            # Some libraries add spaces where glyphs stand apart (letter-spaced digits).
            if c.x is not None and c.baseline is not None and c.text.strip():
                on_row.setdefault(round(c.baseline * 2), []).append(c)
        for line in sample.lines:
            tally.lines += 1
            row = [
                c
                for dy in (-1, 0, 1)
                for c in on_row.get(round(line.baseline * 2) + dy, ())
                if c.x is not None and c.x >= line.x - 0.5
            ]
            row.sort(key=lambda c: c.x or 0.0)
            tally.placed += "".join(c.text for c in row)[: len(line.text)] == line.text
    return tally


def _table(samples: list[Sample]) -> None:
    print(
        "| library | Han lost / added | (cid:)/U+FFFD/private use | body lines read whole "
        "at their place | a position and size per character | pages/s | licence |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, (read, licence) in LIBRARIES.items():
        read(samples[0].data)  # warm: imports, CMaps loaded once
        tally = compare(samples, read)
        each = "yes" if tally.per_char and tally.sized else "no: one per run of text"
        print(
            f"| {name} | {tally.lost} / {tally.added} | {tally.bad} | "
            f"{tally.placed / tally.lines:.1%} ({tally.placed}/{tally.lines}) | {each} | "
            f"{tally.pages / tally.seconds:.1f} | {licence} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pages = make_pages(args.pages, args.seed)
    load = os.getloadavg()[0]
    print(f"{args.pages} generated pages, seed {args.seed}; one core, load average {load:.1f}\n")
    print(
        "Set in reportlab's built-in STSong-Light (a CID font named, not embedded, UCS-2 CMap):\n"
    )
    _table(generated(pages))


if __name__ == "__main__":
    main()
