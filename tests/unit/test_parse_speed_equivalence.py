"""Shortcuts taken for parsing speed give what the plain way gives (inline Markdown, decoding)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.decode import _CONTROLS, clean, decode_bytes
from reader.ingest.markdown import _MD_INLINE, _inline_replace, _strip_inline

_MARKDOWN_BITS = st.sampled_from(
    [*"*_`![]()<>\"' \t\\/:.中文ab1", "**", "__", "![", "[a](b)", "](", "](<", '"t"', "(x)", "\\*"]
)
_MARKDOWN_LINE = st.lists(_MARKDOWN_BITS, max_size=30).map("".join)

_POSSESSIVE_ADDRESS = r"(?P<url>[^\s()]*+(?:\([^\s()]*+\)[^\s()]*+)*+)"
_PLAIN_ADDRESS = r"(?P<url>(?:[^\s()]|\([^\s()]*\))*)"


def _replace(match: re.Match[str]) -> str:
    return _inline_replace(match, match.group(0)[0])


@settings(max_examples=300)
@given(_MARKDOWN_LINE)
def test_inline_marks_are_stripped_as_sub_would(line: str) -> None:
    assert _strip_inline(line) == _MD_INLINE.sub(_replace, line)


_LINK_START = st.lists(_MARKDOWN_BITS, max_size=6).map(lambda label: "[" + "".join(label) + "](")
_LINK_REST = st.lists(st.sampled_from([*"()x/ \t\"'<>*", "(x)", "(x)x", "(x", "x)"]), max_size=20)


@settings(max_examples=300)
@given(_LINK_START, _LINK_REST.map("".join))
def test_possessive_link_address_matches_what_the_plain_one_does(opening: str, rest: str) -> None:
    line = opening + rest
    assert _POSSESSIVE_ADDRESS in _MD_INLINE.pattern
    plain = re.compile(_MD_INLINE.pattern.replace(_POSSESSIVE_ADDRESS, _PLAIN_ADDRESS))
    for at in range(len(line)):
        fast, slow = _MD_INLINE.match(line, at), plain.match(line, at)
        assert (fast and (fast.span(), fast.groupdict())) == (
            slow and (slow.span(), slow.groupdict())
        )


_CONTROL_BITS = st.sampled_from([*"\x00\x07\t\n\x0b\x0c\r\x1a\x1b\x1f\x7f\x9b\ufeff[0;m中a "])


@given(st.text(_CONTROL_BITS, max_size=40))
def test_text_without_controls_is_already_clean(text: str) -> None:
    if _CONTROLS.search(text) is None:
        assert clean(text) == text


@given(st.text(_CONTROL_BITS.filter(lambda ch: ch != "\x00"), max_size=40))
def test_decoding_cleans_whatever_it_accepts(text: str) -> None:
    # At most 40 controls in over 4,000 characters: never refused as binary.
    padded = text + "正文" * 2000
    assert decode_bytes(padded.encode("utf-8"), "f.txt") == clean(padded)
