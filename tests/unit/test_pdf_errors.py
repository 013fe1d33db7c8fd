"""Bad PDFs: each gets one line naming the file, never a traceback, never a half-built library."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.ingest.pdf import PdfError, parse_pdf
from reader.paths import database_path


def _pdf(content: bytes, font: bytes | None = None, extra: list[bytes] | None = None) -> bytes:
    """A one-page PDF written object by object, with a correct cross-reference table."""
    resources = b"<< /Font << /F1 5 0 R >> >>" if font else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    if font:
        objects.append(font)
    objects.extend(extra or [])
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


_CID_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H"
    b" /DescendantFonts [6 0 R] %s>>"
)
_DESCENDANT = (
    b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
    b" /FontDescriptor 7 0 R /DW 1000 >>"
)
_DESCRIPTOR = (
    b"<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 0 1000 1000]"
    b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
)
_GLYPHS = b"BT /F1 12 Tf 72 700 Td <" + b"".join(b"%04X" % n for n in range(1, 41)) + b"> Tj ET"


def _to_unicode(first: int) -> bytes:
    """A ToUnicode map sending codes 1–40 to consecutive characters from `first`."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"1 beginbfrange <0001> <0028> <%04X> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % first
    )
    return b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"


def _page_text_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.setFont("STSong-Light", 20)
    page.drawString(72, 760, "县人大常委会召开会议")
    page.setFont("STSong-Light", 10)
    page.drawString(72, 730, "会议听取了关于乡村振兴工作的报告。")
    page.save()
    return out.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path) -> str:
    with pytest.raises(PdfError) as caught:
        parse_pdf(path, path.name)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_a_readable_page_is_read(tmp_path: Path) -> None:
    articles = parse_pdf(_write(tmp_path, "ok.pdf", _page_text_pdf()), "ok.pdf")
    assert [a.title for a in articles] == ["县人大常委会召开会议"]
    assert [b.text for b in articles[0].blocks] == ["会议听取了关于乡村振兴工作的报告。"]


def test_a_scanned_page_asks_for_ocr(tmp_path: Path) -> None:
    path = _write(tmp_path, "scan.pdf", _pdf(b"0 0 1 rg 72 72 300 400 re f"))
    assert "no text layer" in _error(path) and "OCR" in _error(path)


def test_fonts_without_a_unicode_map_are_refused_not_indexed(tmp_path: Path) -> None:
    font = _CID_FONT % b""
    path = _write(tmp_path, "cid.pdf", _pdf(_GLYPHS, font, [_DESCENDANT, _DESCRIPTOR]))
    assert "no Unicode value" in _error(path)


def test_text_mapped_to_private_use_characters_is_refused(tmp_path: Path) -> None:
    font = _CID_FONT % b"/ToUnicode 8 0 R "
    extra = [_DESCENDANT, _DESCRIPTOR, _to_unicode(0xE001)]
    path = _write(tmp_path, "pua.pdf", _pdf(_GLYPHS, font, extra))
    assert "no Unicode value" in _error(path)


def test_the_same_font_with_a_true_map_reads_as_chinese(tmp_path: Path) -> None:
    font = _CID_FONT % b"/ToUnicode 8 0 R "
    extra = [_DESCENDANT, _DESCRIPTOR, _to_unicode(0x4E00)]
    path = _write(tmp_path, "mapped.pdf", _pdf(_GLYPHS, font, extra))
    articles = parse_pdf(path, path.name)
    text = "".join(b.text for a in articles for b in a.blocks)
    assert text.replace(" ", "") == "".join(chr(0x4E00 + n) for n in range(40))


def test_a_truncated_file_is_refused(tmp_path: Path) -> None:
    data = _page_text_pdf()
    path = _write(tmp_path, "cut.pdf", data[: len(data) // 2])
    assert "truncated" in _error(path)


@pytest.mark.parametrize("junk", [b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"])
def test_a_damaged_file_is_refused(tmp_path: Path, junk: bytes) -> None:
    assert "damaged" in _error(_write(tmp_path, "junk.pdf", junk))


def test_a_text_file_named_pdf_is_refused(tmp_path: Path) -> None:
    assert "not a PDF" in _error(_write(tmp_path, "note.pdf", "县人大常委会".encode()))


def test_an_encrypted_file_is_refused(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(_page_text_pdf()))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted" in _error(_write(tmp_path, "locked.pdf", out.getvalue()))


def test_the_cli_reports_a_bad_pdf_in_one_line_and_writes_no_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "pages"
    corpus.mkdir()
    _write(corpus, "good.pdf", _page_text_pdf())
    _write(corpus, "scan.pdf", _pdf(b"0 0 1 rg 72 72 300 400 re f"))
    assert main(["--corpus", str(corpus), "list"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "scan.pdf" in err and "Traceback" not in err
    database = database_path(corpus)
    if database.exists():  # an earlier, whole library may stand; never a half-written one
        with sqlite3.connect(database) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
