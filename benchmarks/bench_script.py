"""Measure the 简/繁 view: OpenCC's load, converting a long article, and the app's key end to end.

Run by hand: `.venv/bin/python benchmarks/bench_script.py [--corpus DIR] [--chars N] [--runs N]`.

It builds a long article (10,000 characters by default) as `bench_layout.py` does, from the
Markdown benchmark corpus (`/tmp/bench/news/*.md`) or the bundled page, and prints

1. OpenCC's first load of the traditional tables, in a fresh process (paid once per session, in
   a thread: the app loads them just after the list is shown);
2. in process: the article converted to traditional (caches cleared), and converted plus laid
   out at width 80 (conversion and wrap caches cleared, converter loaded) — what the key does;
3. the app end to end: `reader --corpus DIR ID` on a 100×30 pseudo-terminal showing the article,
   the clock running from writing `f` to the terminal until the terminal has received the
   converted title (escape sequences stripped). The app loads OpenCC's traditional tables in its
   loading thread once the list is shown, so the first press of a process is measured half a
   second after the article appears, as a reader would press it; later presses cycle back.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_layout import build_article, corpus_paragraphs, sample_paragraphs, timed
from bench_startup import Terminal

from reader import layout
from reader.layout import LayoutOptions, layout_article
from reader.model import Article
from reader.text.script import Script, convert_mapped, preload, to_traditional

ROOT = Path(__file__).resolve().parents[1]
TITLE = "基准测试文章：长文排版速度"

LOAD = """
import time
from reader.text.script import Script, preload
begin = time.perf_counter()
preload(Script.TRADITIONAL)
print((time.perf_counter() - begin) * 1000)
"""


def convert_article(article: Article) -> None:
    for paragraph in article.paragraphs:
        convert_mapped(paragraph.text, Script.TRADITIONAL)


def convert_and_lay_out(article: Article) -> None:
    convert_mapped.cache_clear()
    layout._wrap_cached.cache_clear()
    layout_article(article, LayoutOptions(width=80, script=Script.TRADITIONAL))


def app_runs(article: Article, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Key-to-screen times in the app of the first press of a process and of a later one, and
    the app's resident memory with the article open and the tables loaded."""
    from reader.build import open_library

    cold: list[float] = []
    warm: list[float] = []
    resident: list[float] = []
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        body = "\n\n".join(p.text for p in article.paragraphs)
        (corpus / "long.md").write_text(f"# {TITLE}\n\n{body}\n", encoding="utf-8")
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[name] = str(Path(work) / name.lower())
        os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
        ident = open_library(corpus).summaries()[0].id
        converted = to_traditional(TITLE)
        for _ in range(runs):
            command = [sys.executable, "-m", "reader", "--corpus", str(corpus), ident]
            terminal = Terminal(command, env, (100, 30))
            try:
                terminal.wait_for(TITLE)
                time.sleep(0.5)
                resident.append(terminal.rss_mb())
                cold.append(terminal.press("f", converted))  # source → 繁體, the first time
                terminal.press("f", "简体")  # → 简体
                terminal.press("f", TITLE)  # → the source's script
                warm.append(terminal.press("f", converted))  # → 繁體 again, tables loaded
            finally:
                terminal.close()
    return cold, warm, resident


def main() -> None:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/bench/news"))
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--runs", type=int, default=10, help="app processes started")
    args = parser.parse_args()

    found = corpus_paragraphs(args.corpus, 40) if args.corpus.is_dir() else []
    article = build_article(found or sample_paragraphs(), args.chars)
    chars = sum(len(p.text) for p in article.paragraphs)
    print(f"article: {chars:,} characters in {len(article.paragraphs)} paragraphs")

    loads = [
        float(
            subprocess.run(
                [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=ROOT
            ).stdout
        )
        for _ in range(5)
    ]
    print(
        f"OpenCC traditional tables, first load:  {statistics.median(loads):6.1f} ms (median of 5)"
    )

    preload(Script.TRADITIONAL)

    def cold_convert() -> None:
        convert_mapped.cache_clear()
        convert_article(article)

    median, best = timed(cold_convert, args.repeat)
    print(f"convert to traditional:                 {median:6.1f} ms (best {best:.1f})")
    median, best = timed(lambda: convert_and_lay_out(article), args.repeat)
    print(f"convert + lay out at width 80:          {median:6.1f} ms (best {best:.1f})")

    cold, warm, resident = app_runs(article, args.runs)
    print(f"app, key f → converted title on screen ({args.runs} processes, 100x30, median):")
    print(
        f"  first press of the session            {statistics.median(cold):6.1f} ms"
        f"  [{min(cold):.0f}–{max(cold):.0f}]"
    )
    print(
        f"  later presses                         {statistics.median(warm):6.1f} ms"
        f"  [{min(warm):.0f}–{max(warm):.0f}]"
    )
    print(f"  resident memory, article open         {statistics.median(resident):6.1f} MB")


if __name__ == "__main__":
    main()
