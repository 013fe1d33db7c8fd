"""`reader cat --width N` on every bundled article keeps the clreq rules at widths 16 to 120."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import pytest
from rich.cells import cell_len

from reader.cli import main
from reader.text.chars import han_count
from reader.text.linebreak import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_every_bundled_article_at_widths_16_to_120(capsys: pytest.CaptureFixture[str]) -> None:
    ids = [row["id"] for row in json.loads(_out(capsys, "list", "--json"))]
    assert ids
    for ident in ids:
        unwrapped = _out(capsys, "cat", ident)
        expected = Counter(han_count(unwrapped))
        for width in range(16, 121):
            text = _out(capsys, "cat", ident, "--width", str(width))
            lines = text.rstrip("\n").split("\n")
            assert Counter(han_count(text)) == expected, (ident, width)
            assert all(cell_len(line) <= width for line in lines), (ident, width)
            assert any(line.startswith("\u3000\u3000") for line in lines)
            for previous, line in itertools.pairwise(lines):
                if not line or not previous or line.startswith(("\u3000", "〔")):
                    continue  # a new paragraph (or the blank line) may start with anything
                if not line.startswith(("——", "……")):
                    assert line[0] not in LINE_START_FORBIDDEN, (ident, width, line)
                assert previous[-1] not in LINE_END_FORBIDDEN, (ident, width, previous)
