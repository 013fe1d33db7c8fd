"""Bytes to clean text: encoding detection and removal of control characters and escapes.

Offsets: the text returned is what every later character offset (provenance spans) refers to.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reader.errors import ReaderError

# ANSI/VT escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# C0 and C1 controls except tab and newline; DEL; zero-width no-break space used as a BOM.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
# The C0 controls that binary data is full of and text is not: all but TAB, LF, VT, FF, CR, ESC.
_RAW_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

MAX_BYTES = 64 * 1024 * 1024
"""A single source file larger than this is refused: it is not an article page."""


class DecodeError(ReaderError):
    """A source file that cannot be read as text."""


def detect_encoding(data: bytes) -> str | None:
    """Name the encoding of `data`, or None when it is not text in a supported encoding.

    Args:
        data: The raw bytes of a file.

    Returns:
        `utf-8`, `gb18030`, `utf-16-le`/`-be` (BOM only) or `utf-32-*` (BOM only), or None.
    """
    return _detect(data)[0]


def _detect(data: bytes) -> tuple[str | None, str | None]:
    """`detect_encoding`, with the decoded text when detecting it meant decoding it all.

    A file with a BOM is not decoded here (its text follows the BOM).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, None
    if b"\x00" in data:
        return None, None
    for name in ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return name, text
    return None, None


def clean(text: str) -> str:
    """Normalise line ends and remove escape sequences and control characters.

    Rich markup such as `[bold]` is left alone: it is text, and the UI renders it literally.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # pdftotext ends each page with a form feed: a page break is a block break, not glue.
    text = text.replace("\f", "\n\n").replace("\v", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode and clean the bytes of one source file.

    Args:
        data: The file's bytes.
        name: The file name, for error messages.

    Returns:
        The cleaned text (possibly empty).

    Raises:
        DecodeError: the bytes are binary or in no supported encoding.
    """
    encoding, text = _detect(data)
    if encoding is None:
        raise DecodeError(
            f"{name}: not text in UTF-8, GB18030 or UTF-16 (binary or unknown encoding)"
        )
    if text is None:
        body = data
        for bom, bom_name in _BOMS:
            if bom_name == encoding and data.startswith(bom):
                body = data[len(bom) :]
                break
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as error:
            raise DecodeError(f"{name}: invalid {encoding} at byte {error.start}") from None
    if _CONTROLS.search(text) is None:
        # Every character the checks below count and `clean` removes or rewrites (CR, FF, VT,
        # ESC, the 8-bit CSI) is in `_CONTROLS`: without one, the text is already clean.
        return text
    # Random bytes that happen to decode are full of C0 controls; text has almost none (form
    # feeds and escapes are text). Private-use characters are not counted: PDF fonts without a
    # Unicode mapping produce them in honest text.
    sample = text[:20000]
    raw_controls = len(_RAW_CONTROLS.findall(sample))
    if raw_controls > max(8, len(sample) // 100):
        raise DecodeError(f"{name}: looks like a binary file, not text")
    return clean(text)


def read_source(path: Path) -> str:
    """Read, decode and clean one source file.

    Raises:
        DecodeError: the file is unreadable, too large, binary or in no supported encoding.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DecodeError(f"{path}: too large ({size // (1024 * 1024)} MiB; limit 64 MiB)")
        data = path.read_bytes()
    except OSError as error:
        raise DecodeError(f"{path}: cannot read ({error.strerror or error})") from None
    return decode_bytes(data, str(path))
