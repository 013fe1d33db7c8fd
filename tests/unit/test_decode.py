"""Decoding: encodings detected, binary refused, escapes and controls removed, markup kept."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.ingest.decode import DecodeError, clean, decode_bytes, detect_encoding, read_source

SAMPLE = "编者按：在10月13日召开的会议上，“四个机关”建设（试点）取得100%进展。\n第二行 㐀 ABC\n"


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_supported_encodings_round_trip(encoded: bytes, expected: str) -> None:
    assert detect_encoding(encoded) == expected
    assert decode_bytes(encoded, "f.txt") == SAMPLE


def test_gbk_text_is_read_as_gb18030() -> None:
    text = "人大代表联络站点建设。"
    assert decode_bytes(text.encode("gbk"), "f.txt") == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"\x7fELF\x02\x01\x01" + bytes(100),
        "中文 and ASCII".encode("utf-16-le"),  # UTF-16 without a BOM: NUL bytes, refused
    ],
)
def test_binary_is_refused_with_the_file_name(data: bytes) -> None:
    with pytest.raises(DecodeError, match=r"^bad\.bin: "):
        decode_bytes(data, "bad.bin")


def test_invalid_utf8_that_is_not_gb18030_either() -> None:
    with pytest.raises(DecodeError):
        decode_bytes(b"\xff\xfe\xfd\x80\x81" * 10 + b"\xff", "x.txt")


def test_escape_sequences_and_controls_are_removed() -> None:
    raw = "红\x1b[31m色\x1b[0m文字\x07\x1b]0;title\x07正文\x00\x08\r\n下一行\r末行\x9b1m"
    assert clean(raw) == "红色文字正文\n下一行\n末行"


def test_rich_markup_stays_literal() -> None:
    assert decode_bytes("[bold]加粗[/bold] [red]x".encode(), "m.txt") == "[bold]加粗[/bold] [red]x"


def test_empty_file_decodes_to_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_source(path) == ""


def test_unreadable_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="cannot read"):
        read_source(tmp_path / "missing.txt")


def test_form_feeds_become_block_breaks() -> None:
    assert clean("第一页末行\f第二页首行") == "第一页末行\n\n第二页首行"


def test_private_use_glyphs_do_not_make_text_binary() -> None:
    text = "正文" * 140 + "\ue000" * 10
    assert decode_bytes(text.encode("utf-8"), "pua.txt") == text


def test_many_form_feeds_are_still_text() -> None:
    text = "一页。\f" * 20
    assert decode_bytes(text.encode("utf-8"), "pages.txt").count("\n\n") == 20
