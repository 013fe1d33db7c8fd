"""Peak memory of the reader app on a corpus, and keystroke-to-results latency of its search.

Each corpus is measured in a fresh process that runs the app headless (Textual's `run_test`,
100×30): it waits for the library to open, jumps to the end of the article list, opens the last
article and pages through it, then types a query one character at a time, timing each keystroke
until the results list shows the results for the text typed so far (this includes the 0.12 s
typing debounce), then presses Enter and opens the best result. The peak resident set size of
that process comes from `wait4`.

Usage:
    .venv/bin/python benchmarks/bench_memory.py                           # bundled corpus only
    .venv/bin/python benchmarks/bench_memory.py --corpus /tmp/bench/news --query 经济发展

With `--corpus`, the bundled corpus is measured first as the baseline and the ratio is printed.
Build the databases first (`reader build --corpus PATH`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DRIVER = r"""
import asyncio, json, sys, time
from pathlib import Path

from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.search import SearchPanel

corpus, query = Path(sys.argv[1]), sys.argv[2]

# Time stamps taken inside the app, so that the test harness's own waiting is not counted.
stamps = {"results": {}, "shown": [], "search": []}
show_results = SearchPanel.show_results
def timed_results(self, query, hits, **options):
    show_results(self, query, hits, **options)
    stamps["results"].setdefault(query, time.perf_counter())
SearchPanel.show_results = timed_results
show = ReadingPane.show
def timed_show(self, *args, **options):
    show(self, *args, **options)
    stamps["shown"].append(time.perf_counter())
ReadingPane.show = timed_show
search = Library.search
def timed_search(self, *args, **options):
    start = time.perf_counter()
    try:
        return search(self, *args, **options)
    finally:
        stamps["search"].append(time.perf_counter() - start)
Library.search = timed_search

async def main():
    app = ReaderApp(corpus)
    report = {}
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen_stack[0]
        started = time.perf_counter()
        while screen.library is None:
            await pilot.pause(0.01)
        await pilot.pause()
        report["open_s"] = time.perf_counter() - started
        report["articles"] = len(screen.all_rows)
        if app.focused is not screen.query_one("#articles"):
            screen.query_one("#articles").focus()
        await pilot.press("G", "enter", "space", "space", "G")
        await pilot.press("escape", "slash")
        panel = screen.query_one("#search", SearchPanel)
        latencies = []
        typed = ""
        for char in query:
            typed += char
            start = time.perf_counter()
            await pilot.press(char)
            while typed not in stamps["results"]:
                await pilot.pause(0.002)
            latencies.append(stamps["results"][typed] - start)
        report["keystroke_s"] = latencies
        report["search_s"] = stamps["search"]
        report["results"] = len(panel.hits)
        start = time.perf_counter()
        shown = len(stamps["shown"])
        await pilot.press("enter", "enter")
        report["open_hit_s"] = stamps["shown"][shown] - start
        await pilot.press("n", "n", "N")
    print(json.dumps(report))

asyncio.run(main())
"""


def measure(corpus: Path, query: str) -> dict[str, object]:
    """Run the driver on a corpus; returns its report plus `max_rss_mb`.

    Args:
        corpus: The corpus (its database already built).
        query: Text typed into the search box, one character at a time.

    Returns:
        The measurements.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(corpus), query],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"driver failed on {corpus} (exit {process.returncode})")
    report: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    report["max_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return report


def show(name: str, report: dict[str, object]) -> None:
    """Print one corpus's figures."""
    keys = [float(x) for x in report["keystroke_s"]]  # type: ignore[attr-defined]
    print(f"{name}: {report['articles']} articles")
    print(f"  peak RSS                       {report['max_rss_mb']:8.1f} MB")
    print(f"  library open (after paint)     {float(report['open_s']) * 1000:8.0f} ms")  # type: ignore[arg-type]
    print(
        f"  keystroke -> results (median)  {statistics.median(keys) * 1000:8.0f} ms"
        f"   (max {max(keys) * 1000:.0f} ms, {len(keys)} keys, 120 ms of it is debounce)"
    )
    searches = [float(x) for x in report["search_s"]]  # type: ignore[attr-defined]
    print(f"  Library.search (median)        {statistics.median(searches) * 1000:8.0f} ms")
    print(f"  Enter, Enter -> hit shown      {float(report['open_hit_s']) * 1000:8.0f} ms")  # type: ignore[arg-type]
    print(f"  results for the query          {report['results']:8}")


def main() -> int:
    """Measure the bundled corpus, and another one if given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, help="a large corpus to compare with the bundled one"
    )
    parser.add_argument("--query", default="人大代表", help="typed into the search box")
    args = parser.parse_args()
    bundled = measure(ROOT / "corpus", "人大代表")
    show("bundled corpus", bundled)
    if args.corpus:
        large = measure(args.corpus.expanduser().resolve(), args.query)
        show(str(args.corpus), large)
        ratio = float(large["max_rss_mb"]) / float(bundled["max_rss_mb"])  # type: ignore[arg-type]
        print(f"peak RSS ratio (large / bundled): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
