"""The issue's done-when commands on the bundled corpus: `reader search renda`, `rmdb`, `人大`
and a query in traditional characters, in a real process, each printing its results."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.search.matching import Highlighter


def reader(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("READER_CORPUS", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def results(*query: str) -> list[dict[str, object]]:
    done = reader("search", *query, "--json", "--limit", "0")
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


@pytest.mark.parametrize(
    ("query", "way", "marked"),
    [
        ("renda", "pinyin", "⟦人大⟧"),
        ("rmdb", "pinyin", "⟦人民代表⟧"),
        ("人大", "text", "⟦人大⟧"),
        ("會議", "text", "⟦会议⟧"),
    ],
)
def test_done_when_searches_print_their_results(query: str, way: str, marked: str) -> None:
    done = reader("search", query)
    assert done.returncode == 0 and not done.stderr, done.stderr
    lines = done.stdout.splitlines()
    assert lines, f"reader search {query} printed nothing"
    assert lines[0].endswith(f", {way})"), lines[0]
    assert marked in done.stdout


def test_pinyin_finds_what_the_han_query_finds_on_the_bundled_page() -> None:
    by_pinyin = results("renda")
    # On this page every pair of characters read ren·da is 人大.
    assert {(r["id"], r["hits"]) for r in results("人大")} == {
        (r["id"], r["hits"]) for r in by_pinyin
    }
    assert all(r["matched"] == "pinyin" for r in by_pinyin)
    traditional = {(r["id"], r["hits"]) for r in results("人大代表", "會議")}
    assert traditional == {(r["id"], r["hits"]) for r in results("人大代表", "会议")}
    assert traditional


def test_highlighter_of_an_empty_query_finds_nothing() -> None:
    assert Highlighter()("人大") == []
