"""The build: atomic, rebuilt when stale, incremental, safe under kills and concurrent builds."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest
from conftest import PAGE

from reader.build import build, builder, is_stale, workers, write
from reader.build.builder import CannotWrite
from reader.errors import ReaderError
from reader.paths import database_path
from reader.store import Library, schema


def test_build_then_fresh(corpus: Path) -> None:
    first = build(corpus)
    assert first.built and first.articles == 5 and first.files == 2
    assert not is_stale(corpus, database_path(corpus))
    assert not build(corpus).built


def test_touching_a_file_without_changing_it_is_not_stale(corpus: Path) -> None:
    build(corpus)
    path = corpus / "page.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))
    assert not is_stale(corpus, database_path(corpus))


def test_editing_adding_or_removing_a_file_makes_it_stale(corpus: Path) -> None:
    db = database_path(corpus)
    build(corpus)
    (corpus / "note.md").write_text("# 第一篇\n\n改过的正文。\n", "utf-8")
    assert is_stale(corpus, db)
    build(corpus)
    (corpus / "new.txt").write_text("新文章\n正文。\n", "utf-8")
    assert is_stale(corpus, db)
    build(corpus)
    (corpus / "new.txt").unlink()
    assert is_stale(corpus, db)


def test_ids_are_stable_across_rebuilds(corpus: Path) -> None:
    build(corpus)
    before = Library(database_path(corpus), corpus).ids()
    build(corpus, force=True)
    assert Library(database_path(corpus), corpus).ids() == before
    assert len(set(before)) == len(before)


@pytest.fixture
def parsed(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Build once, then record the names of the files that later builds parse again."""
    build(corpus)
    from reader.ingest import pipeline

    names: list[str] = []
    original = pipeline.parse_file

    def counting(source: pipeline.SourceFile, *args: object) -> object:
        names.append(source.name)
        return original(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "parse_file", counting)
    return names


def test_a_build_reads_each_page_file_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The repairer's training reads every page file (the slow part of parsing extracted page
    # text); the parse takes what it read rather than reading the file again.
    from reader.build import repairer
    from reader.ingest import formats

    reads: list[str] = []
    original = formats.format_of

    class Counted:
        def __init__(self, name: str) -> None:
            self.form = original(name)

        def __getattr__(self, attribute: str) -> object:
            return getattr(self.form, attribute)

        def read(self, path: Path, name: str) -> object:
            reads.append(name)
            return self.form.read(path, name)

    # Text of its own, so that no earlier test's parse of it is in the cache.
    (corpus / "page.txt").write_text(PAGE + "\n本测试自己的一行。\n", "utf-8")
    monkeypatch.setattr(formats, "format_of", Counted)
    monkeypatch.setattr(repairer, "format_of", Counted)
    build(corpus)
    assert reads.count("page.txt") == 1


def test_incremental_build_reparses_only_the_changed_file(corpus: Path, parsed: list[str]) -> None:
    (corpus / "note.md").write_text("# 第一篇\n\n换了内容。\n", "utf-8")
    build(corpus)
    assert parsed == ["note.md"]


def test_a_killed_build_leaves_the_previous_database(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus)
    db = database_path(corpus)
    before = Library(db, corpus).ids()
    (corpus / "note.md").write_text("# 新\n\n新内容。\n", "utf-8")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write.Writer, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        build(corpus)
    assert Library(db, corpus).ids() == before
    assert not list(db.parent.glob("*.tmp"))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _build_forced(path: str) -> int:
    return build(Path(path), force=True).articles


def test_concurrent_builds_do_not_corrupt(corpus: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        counts = pool.map(_build_forced, [str(corpus)] * 4)
    assert counts == [5] * 4
    db = database_path(corpus)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (5,)


def test_empty_corpus_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    with pytest.raises(ReaderError, match="no articles"):
        build(tmp_path)


def test_changing_a_page_file_keeps_markdown_results_cached(
    corpus: Path, parsed: list[str]
) -> None:
    (corpus / "page.txt").write_text(PAGE + "\n补记 一段 新的 文字。\n", "utf-8")
    build(corpus)
    assert parsed == ["page.txt"]


def test_a_database_from_an_older_pipeline_is_rebuilt(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus)
    monkeypatch.setattr(schema, "PIPELINE_VERSION", schema.PIPELINE_VERSION + "-next")
    assert is_stale(corpus, database_path(corpus))
    assert build(corpus).built


THEMES = '[[theme]]\nname = "{name}"\nkeywords = ["正文"]\n'


def _theme_names(db: Path) -> set[str]:
    """The curated themes stored (a corpus of one file may be too small to keep any)."""
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM themes WHERE curated = 1")}


@pytest.mark.parametrize("single_file", [False, True])
def test_adding_editing_or_removing_themes_toml_makes_it_stale(
    corpus: Path, single_file: bool
) -> None:
    source = corpus / "note.md" if single_file else corpus
    db = database_path(source)
    themes_file = corpus / "themes.toml"
    build(source)
    assert not is_stale(source, db)

    themes_file.write_text(THEMES.format(name="甲主题"), "utf-8")
    assert is_stale(source, db)
    assert build(source).built
    assert not is_stale(source, db)
    assert single_file or _theme_names(db) == {"甲主题"}

    themes_file.write_text(THEMES.format(name="乙主题"), "utf-8")
    assert is_stale(source, db)
    assert build(source).built
    assert single_file or _theme_names(db) == {"乙主题"}

    themes_file.unlink()
    assert is_stale(source, db)
    assert build(source).built
    assert not is_stale(source, db)
    assert _theme_names(db) == set()


def test_an_unchanged_themes_toml_keeps_it_fresh(corpus: Path) -> None:
    themes_file = corpus / "themes.toml"
    themes_file.write_text(THEMES.format(name="甲主题"), "utf-8")
    build(corpus)
    stat = themes_file.stat()
    os.utime(themes_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))
    assert not is_stale(corpus, database_path(corpus))
    assert not build(corpus).built


def test_a_build_sweeps_temporaries_of_dead_builds_only(corpus: Path) -> None:
    import subprocess
    import sys

    db = database_path(corpus)
    build(corpus)
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(finished.stdout)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as live:
        try:
            stale = db.with_name(f"{db.name}.{dead}.140000.tmp")
            running = db.with_name(f"{db.name}.{live.pid}.140000.tmp")
            unrelated = db.with_name(f"{db.name}.notes.tmp")
            for path in (stale, running, unrelated):
                path.write_bytes(b"partial database")
            assert build(corpus, force=True).built
            assert not stale.exists()
            assert running.exists() and unrelated.exists()
        finally:
            live.kill()
    assert builder.sweep_temporaries(db) == [running]
    assert unrelated.exists()
    unrelated.unlink()


def _themes_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT t.name, t.ord, t.keywords, t.curated, a.article_id, a.weight FROM themes t"
            " JOIN theme_articles a ON a.theme = t.name ORDER BY t.ord, a.article_id"
        ).fetchall()


def test_themes_and_regions_found_in_forked_processes_are_those_found_in_process(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "themes.toml").write_text(THEMES.format(name="甲主题"), "utf-8")
    # No byline: its region is inferred from the place it names.
    (corpus / "places.md").write_text("# 临县新闻\n\n临县召开会议，临县代表发言。\n", "utf-8")
    db = database_path(corpus)
    build(corpus)
    in_process = _themes_rows(db), _region_rows(db)
    assert in_process[0]
    assert any(inferred for _, _, inferred in in_process[1])
    monkeypatch.setattr(write, "runs_in_parallel", lambda size: True)
    forked: list[bool] = []
    original = workers.Forked.__init__

    def recording(self: workers.Forked[object], *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        forked.append(self.in_child)

    monkeypatch.setattr(workers.Forked, "__init__", recording)
    assert build(corpus, force=True).built
    assert forked == [True, True]
    assert (_themes_rows(db), _region_rows(db)) == in_process


def _region_rows(db: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT id, region, region_inferred FROM articles ORDER BY id"
        ).fetchall()


def test_an_error_finding_themes_in_the_child_reaches_the_caller(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import themes

    def failing(*args: object, **kwargs: object) -> None:
        raise ValueError("no themes today")

    monkeypatch.setattr(write, "runs_in_parallel", lambda size: True)
    monkeypatch.setattr(themes, "extract_themes", failing)
    db = database_path(corpus)
    with pytest.raises(ValueError, match="no themes today"):
        build(corpus)
    assert not list(db.parent.glob(f"{db.name}.*.tmp"))


def test_sqlite_failing_while_writing_is_one_line_and_leaves_the_old_database(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    build(corpus)
    before = Library(database_path(corpus), corpus).ids()

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(write.Writer, "__init__", full)
    with pytest.raises(CannotWrite, match="disk is full"):
        build(corpus, force=True)
    assert main(["build", "--force", "--corpus", str(corpus)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert Library(database_path(corpus), corpus).ids() == before
