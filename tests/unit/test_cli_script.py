"""`reader cat --script`: the article in traditional or simplified characters, as a view."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from reader.cli import main
from reader.text.script import to_simplified, to_traditional


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def first_id(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "list")
    assert code == 0
    return out.splitlines()[1].split("\t")[0]


def test_cat_script_traditional_converts_every_line(capsys: pytest.CaptureFixture[str]) -> None:
    ident = first_id(capsys)
    _, source, _ = run(capsys, "cat", ident)
    code, shown, err = run(capsys, "cat", ident, "--script", "traditional")
    assert code == 0, err
    assert shown != source
    assert shown.splitlines() == [to_traditional(line) for line in source.splitlines()]
    code, back, _ = run(capsys, "cat", ident, "--script", "simplified")
    assert code == 0
    assert back.splitlines() == [to_simplified(line) for line in source.splitlines()]


def test_cat_script_with_width_wraps_the_converted_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ident = first_id(capsys)
    code, out, _ = run(capsys, "cat", ident, "--script", "traditional", "--width", "30")
    assert code == 0
    lines = out.rstrip("\n").split("\n")
    assert all(cell_len(line) <= 30 for line in lines)
    assert not any(line.startswith(("，", "。", "、", "”")) for line in lines)
    _, plain, _ = run(capsys, "cat", ident, "--script", "traditional")
    # The paragraphs after the blank line, unwrapped, are the converted paragraphs.
    body = lines[lines.index("") + 1 :]
    paragraphs = plain.splitlines()[plain.splitlines().index("") + 1 :]
    assert "".join(line.lstrip("\u3000") for line in body) == "".join(paragraphs)


def test_cat_script_rejects_an_unknown_script(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cat", first_id(capsys), "--script", "klingon")
    assert (code, out) == (2, "")
    assert "simplified" in err and "traditional" in err
