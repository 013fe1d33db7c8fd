"""The command line: JSON contracts, clean text from `cat`, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from reader.cli import main
from reader.text.chars import HAN_RANGES

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listing(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "list", "--json", *argv)
    assert code == 0, err
    return list(json.loads(out))


def test_list_json_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    rows = listing(capsys)
    assert rows, "the bundled corpus has articles"
    for row in rows:
        assert set(row) == {
            "id",
            "title",
            "author",
            "role",
            "region",
            "themes",
            "chars",
            "source",
            "date",
            "edition",
        }
        assert isinstance(row["chars"], int) and row["chars"] > 0
        assert re.fullmatch(r"[a-z2-7]{8}", str(row["id"]))


def test_bundled_page_articles_titles_and_bylines(capsys: pytest.CaptureFixture[str]) -> None:
    rows = listing(capsys)
    assert [r["title"] for r in rows] == [
        "编者按",
        "以总书记重要讲话统揽新时期人大工作",
        "聚焦“四个机关”建设 增强人大工作质效",
        "“三个坚持”推动新时期人大工作高质量发展",
        "把握工作新定位 展现人大新作为",
        "以人大代表联络站（点）为载体 着力推进全过程人民民主建设",
        "牢记使命 深刻感悟 推动人大工作与时俱进",
    ]
    assert [(r["author"], r["role"], r["region"]) for r in rows[2:]] == [
        ("田文军", "人大常委会主任", "石楼县"),
        ("刘建国", "人大常委会主任", "柳林县"),
        ("任建中", "人大常委会主任", "中阳县"),
        ("白鹤", "人大常委会主任", "离石区"),
        ("白小勤", "人大常委会主任", "汾阳市"),
    ]
    assert rows[0]["author"] is None and rows[1]["author"] is None


_STRAY_SPACE = re.compile(rf"[{HAN_RANGES}，。、] +[{HAN_RANGES}，。、]")
_ASCII_IN_CHINESE = re.compile(rf"[{HAN_RANGES}][,:;?!()\"]|[,:;?!()\"][{HAN_RANGES}]")


def test_cat_prints_clean_text_for_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    for row in listing(capsys):
        code, out, err = run(capsys, "cat", str(row["id"]))
        assert code == 0, err
        lines = out.split("\n")
        assert lines[0] == row["title"]
        body = lines[3:] if row["author"] else lines[2:]
        assert body and body[0], "paragraphs follow the blank line"
        for line in body:
            assert not _STRAY_SPACE.search(line), line
            assert not _ASCII_IN_CHINESE.search(line), line


def test_cat_width_starts_paragraphs_with_ideographic_spaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ident = str(listing(capsys)[2]["id"])
    code, out, _ = run(capsys, "cat", ident, "--width", "30")
    assert code == 0
    from rich.cells import cell_len

    lines = out.rstrip("\n").split("\n")
    assert all(cell_len(line) <= 30 for line in lines)
    assert any(line.startswith("\u3000\u3000") for line in lines)


def test_unknown_id_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cat", "nosuchid")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "nosuchid" in err


def test_missing_corpus_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "list", "--corpus", str(tmp_path / "nope"))
    assert code == 1 and err.count("\n") == 1 and "nope" in err


def test_corpus_option_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "page.txt").write_text((FIXTURES / "county-page.txt").read_text("utf-8"), "utf-8")
    before = listing(capsys, "--corpus", str(corpus))
    code, out, _ = run(capsys, "--corpus", str(corpus), "list", "--json")
    assert code == 0 and json.loads(out) == before
    assert before[0]["title"] == "学习全会精神 建设美丽乡村"


def test_reader_corpus_environment_variable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "one.txt"
    page.write_text("单篇标题\n第一段正文。\n", "utf-8")
    monkeypatch.setenv("READER_CORPUS", str(page))
    assert [r["title"] for r in listing(capsys)] == ["单篇标题"]


def test_binary_source_fails_cleanly_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "bad"
    corpus.mkdir()
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 16)
    code, out, err = run(capsys, "list", "--corpus", str(corpus))
    assert (code, out) == (1, "")
    assert "blob.txt" in err and err.count("\n") == 1
    from reader.paths import database_path

    assert not database_path(corpus).exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "cat")[0] == 2
    assert run(capsys, "search", "x", "--limit", "-1")[0] == 2
    assert run(capsys, "list", "--bogus")[0] == 2


def test_markup_and_escapes_in_sources_are_plain_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "m.txt"
    page.write_text("[bold]标题[/bold]\n正文\x1b[31m红色\x1b[0m，[red]不是标记。\n", "utf-8")
    rows = listing(capsys, "--corpus", str(page))
    code, out, _ = run(capsys, "cat", str(rows[0]["id"]), "--corpus", str(page))
    assert code == 0
    assert out == "[bold]标题[/bold]\n\n正文红色，[red]不是标记。\n"


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_list_and_cat_import_neither_textual_nor_jieba_once_built() -> None:
    env = dict(os.environ)
    build = _python("from reader.cli import main; main(['build'])", env)
    assert build.returncode == 0, build.stderr
    probe = _python(
        "import sys, io, contextlib\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['list']); main(['themes'])\n"
        "print(sorted(m for m in ('textual', 'jieba') if m in sys.modules))",
        env,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "[]"


def test_bad_input_never_prints_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"\x00\x01\x02" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_list_theme_filter_matches_themes_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "themes", "--json")
    themes = json.loads(out)
    assert code == 0 and len(themes) >= 5
    every = {row["id"] for row in listing(capsys)}
    for theme in themes:
        ids = {row["id"] for row in listing(capsys, "--theme", theme["name"])}
        assert ids == set(theme["ids"])
        assert 0 < len(ids) < len(every), "a theme filters something"
    first, second = themes[0], themes[1]
    both = {
        row["id"] for row in listing(capsys, "--theme", first["name"], "--theme", second["name"])
    }
    assert both == set(first["ids"]) & set(second["ids"])


def test_list_region_filter(capsys: pytest.CaptureFixture[str]) -> None:
    rows = listing(capsys)
    region = next(str(r["region"]) for r in rows if r["region"])
    filtered = listing(capsys, "--region", region)
    assert filtered and all(r["region"] == region for r in filtered)
    assert len(filtered) == sum(1 for r in rows if r["region"] == region)


def test_list_and_search_by_printed_date_and_page(
    capsys: pytest.CaptureFixture[str], printed: Path
) -> None:
    corpus = ("--corpus", str(printed))
    pages = {str(r["title"]): (r["date"], r["edition"]) for r in listing(capsys, *corpus)}
    assert pages == {
        "代表联络站建设": ("2026-12-05", "第2版"),
        "秋收时节话粮食": ("2026-12-06", "第3版"),
        "县城的新书店": ("2026-12-06", "第10版"),
    }

    def titles(*argv: str) -> set[str]:
        return {str(r["title"]) for r in listing(capsys, *corpus, *argv)}

    assert titles("--date", "2026-12-06") == {"秋收时节话粮食", "县城的新书店"}
    assert titles("--edition", "第2版") == {"代表联络站建设"}
    assert titles("--date", "2026-12-06", "--edition", "第10版") == {"县城的新书店"}
    assert titles("--date", "2026-12-05", "--edition", "第10版") == set()
    code, out, _ = run(capsys, "search", "代表", "--json", "--date", "2026-12-06", *corpus)
    assert code == 0
    assert {h["title"] for h in json.loads(out)} == {"秋收时节话粮食", "县城的新书店"}


def test_search_json_contract_and_theme_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "人大", "代表", "--json", "--limit", "0")
    hits = json.loads(out)
    assert code == 0 and hits
    for hit in hits:
        assert set(hit) == {"id", "title", "hits", "matched", "score", "snippets"}
        assert hit["matched"] == "text"
        # Hits are marked ⟦ ⟧ in the snippets' text, each mark holding a term (or part of one,
        # at a window's edge).
        marked = [m for s in hit["snippets"] for m in re.findall("⟦([^⟦⟧]*)⟧", s)]
        assert marked and all(m in ("人大", "代表", "人", "大", "代", "表") for m in marked)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    theme = json.loads(run(capsys, "themes", "--json")[1])[0]
    code, out, _ = run(capsys, "search", "人大", "--json", "--limit", "0", "--theme", theme["name"])
    assert {h["id"] for h in json.loads(out)} <= set(theme["ids"])


@pytest.mark.parametrize("query", ['"', "*", "AND", "NEAR(", "'; DROP TABLE x;--", "[bold]", "\\"])
def test_hostile_queries_through_the_cli(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, out, err = run(capsys, "search", query, "--json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)


def test_list_author_filter(capsys: pytest.CaptureFixture[str]) -> None:
    rows = listing(capsys)
    author = next(str(r["author"]) for r in rows if r["author"])
    assert [r["id"] for r in listing(capsys, "--author", author)] == [
        r["id"] for r in rows if r["author"] == author
    ]


def test_a_mistyped_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lsit")
    assert code == 2 and "reader list" in err and err.count("\n") == 1


def test_the_app_refuses_to_start_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "abcdefgh")
    assert code == 2 and "terminal" in err


def test_an_unusable_cache_directory_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    page = tmp_path / "one.txt"
    page.write_text("标题\n正文。\n", encoding="utf-8")
    code, out, err = run(capsys, "list", "--corpus", str(page))
    assert (code, out) == (1, "")
    assert err.startswith("reader: error: ") and err.count("\n") == 1


def test_a_reader_that_closes_the_pipe_early_is_not_an_error(tmp_path: Path) -> None:
    # More rows than a pipe buffers, so `list` is still writing when the reader goes away.
    sections = (
        f"# 第{n}篇县域新闻标题\n\n县人大常委会第{n}次会议审议了报告。\n" for n in range(4000)
    )
    (tmp_path / "many.md").write_text("\n".join(sections), encoding="utf-8")
    command = [sys.executable, "-m", "reader", "--corpus", str(tmp_path)]
    env = dict(os.environ)
    built = subprocess.run([*command, "build"], capture_output=True, timeout=120, env=env)
    assert built.returncode == 0, built.stderr
    with subprocess.Popen(
        [*command, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()  # `reader list | head -1`
        process.stdout.close()
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert (code, stderr) == (0, "")
