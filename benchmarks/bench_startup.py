"""Time to first paint of the reader app against a bare Textual app, side by side in one run.

Each app is started as a fresh process on a pseudo-terminal (100×30, TERM=xterm-256color), the
way a user starts it, and the clock runs from just before the process is spawned until the
terminal has received a frame containing the app's marker text (escape sequences stripped). The
process is then killed, so shutdown is not counted. Runs alternate between the two apps so that
disk caches and CPU frequency favour neither; the median of each is reported.

The bare app is Header + Static + Footer. The reader is started through its real entry point
(`reader.cli.main`), so argument parsing and every import on its start path are counted.

Usage:
    .venv/bin/python benchmarks/bench_startup.py                      # bundled corpus
    .venv/bin/python benchmarks/bench_startup.py --corpus /tmp/bench/news --runs 15

The corpus's database must already be built (`reader build --corpus PATH`): the benchmark measures
start-up, not the one-off build.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare app ready")
        yield Footer()

Bare().run()
"""

READER = """
import sys
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def first_paint(code: str, args: list[str], marker: str, size: tuple[int, int]) -> float:
    """Seconds from spawning `python -c code args` on a pty until `marker` is on the screen.

    Args:
        code: The program.
        args: Its arguments.
        marker: Text that the first frame contains.
        size: Terminal columns and rows.

    Returns:
        The time to first paint in seconds.
    """
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("TEXTUAL", None)
    started = time.perf_counter()
    terminal = Terminal([sys.executable, "-c", code, *args], env, size)
    try:
        return terminal.wait_for(marker) - started
    finally:
        terminal.close()


class Terminal:
    """A program on a pseudo-terminal, its output read as plain text (escapes stripped)."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        """Spawn `command` on a new pseudo-terminal of `size` (columns, rows)."""
        master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master = master
        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = ""

    def wait_for(self, marker: str, timeout: float = 30) -> float:
        """Read until `marker` is on the screen; returns the perf_counter time it arrived."""
        deadline = time.perf_counter() + timeout
        while marker not in self.seen:
            ready, _, _ = select.select(
                [self.master], [], [], max(deadline - time.perf_counter(), 0)
            )
            if not ready:
                raise TimeoutError(f"no {marker!r} within {timeout} s: {self.seen[-300:]!r}")
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                raise RuntimeError(
                    f"exited before showing {marker!r}: {self.seen[-400:]}"
                ) from None
            self.seen += ANSI.sub("", chunk.decode("utf-8", "replace"))
        return time.perf_counter()

    def press(self, key: str, marker: str) -> float:
        """Milliseconds from writing a key until `marker` is on the screen."""
        time.sleep(0.3)  # let the previous frame and notice settle
        self.drain()
        self.seen = ""
        begin = time.perf_counter()
        os.write(self.master, key.encode())
        return (self.wait_for(marker) - begin) * 1000

    def rss_mb(self) -> float:
        """The app's resident memory now, in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(status.split("VmRSS:")[1].split()[0]) / 1024

    def drain(self) -> None:
        while select.select([self.master], [], [], 0)[0]:
            os.read(self.master, 65536)

    def close(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


def main() -> int:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", default="100x30", help="terminal COLUMNSxROWS")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))

    from reader.build import is_stale
    from reader.paths import database_path

    corpus = args.corpus.expanduser().resolve()
    if is_stale(corpus, database_path(corpus)):
        print(f"build the database first: reader build --corpus {corpus}", file=sys.stderr)
        return 1

    bare: list[float] = []
    reader: list[float] = []
    # One unmeasured run of each warms the disk cache and Python's bytecode cache.
    first_paint(BARE, [], "bare app ready", (columns, rows))
    first_paint(READER, ["--corpus", str(corpus)], "rticles", (columns, rows))
    for _ in range(args.runs):
        bare.append(first_paint(BARE, [], "bare app ready", (columns, rows)))
        reader.append(first_paint(READER, ["--corpus", str(corpus)], "rticles", (columns, rows)))
    bare_ms = statistics.median(bare) * 1000
    reader_ms = statistics.median(reader) * 1000
    print(f"corpus: {corpus} ({args.runs} runs each, {columns}x{rows}, median)")
    print(f"  bare Textual app   {bare_ms:7.0f} ms to first paint")
    print(f"  reader app         {reader_ms:7.0f} ms to first paint")
    print(f"  ratio              {reader_ms / bare_ms:7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
