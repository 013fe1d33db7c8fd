"""Text as the PDF extractors people use print it, for the raw-text path of the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def have_pdftotext() -> bool:
    """Whether poppler's `pdftotext` is installed."""
    return shutil.which("pdftotext") is not None


def pdftotext(path: Path, layout: bool = False) -> str:
    """`pdftotext [-layout] -enc UTF-8 FILE -`."""
    command = ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")


_PDFMINER = (
    "import sys; from pdfminer.high_level import extract_text; "
    "sys.stdout.write(extract_text(sys.argv[1]))"
)


def pdfminer_text(path: Path) -> str:
    """pdfminer.six's `extract_text` with its default layout parameters, in a fresh process.

    Its layout analysis breaks ties between boxes equally far apart by their `id()`, so in a
    process that has done other work first the same page may come out in another order (seed 0
    page 54 of the bench, after the pages before it were parsed). Run once per file, as
    `pdf2txt.py` is, a page's text is the same every time.
    """
    command = [sys.executable, "-c", _PDFMINER, str(path)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(command, check=True, capture_output=True, env=env)
    return result.stdout.decode("utf-8")


def pypdf_text(path: Path) -> str:
    """pypdf's `extract_text` of every page, pages joined by form feeds."""
    from pypdf import PdfReader

    return "\f".join(page.extract_text() for page in PdfReader(str(path)).pages)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": lambda path: pdftotext(path),
    "pdftotext-layout": lambda path: pdftotext(path, layout=True),
    "pdfminer": pdfminer_text,
    "pypdf": pypdf_text,
}
