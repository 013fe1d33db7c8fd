"""Two versions of Yuedu building the same corpus, in alternating runs: times and database sizes.

Run: `.venv/bin/python benchmarks/compare_builds.py BASE [CORPUS] [--repeat N]`, where BASE is a
source tree of the other version (for example `git archive COMMIT | tar -x -C /tmp/base`) and
CORPUS defaults to `/tmp/bench/news`. Each round runs `benchmarks/bench_build.py --build-only`
of each tree in a fresh process (`PYTHONPATH` set to the tree, this environment's packages),
with its own temporary directory, which is measured (the database) and removed afterwards.
The machine's speed drifts over minutes, so rounds alternate and medians are compared.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_TOTAL = re.compile(r"reader build, end to end:\s+([\d.]+) s")
_CPU = re.compile(r"CPU: ([\d.]+) s in the process writing the database, ([\d.]+) s in the workers")


def run(tree: Path, corpus: Path) -> tuple[float, float, float, int]:
    """One build by the version in `tree`: seconds, CPU-s (writer, workers), database bytes."""
    scratch = Path(tempfile.mkdtemp(prefix="yuedu-compare-"))
    try:
        env = {**os.environ, "PYTHONPATH": str(tree), "TMPDIR": str(scratch)}
        script = tree / "benchmarks" / "bench_build.py"
        done = subprocess.run(
            [sys.executable, str(script), str(corpus), "--build-only"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        total = _TOTAL.search(done.stdout)
        cpu = _CPU.search(done.stdout)
        if total is None or cpu is None:
            raise SystemExit(f"unexpected output from {tree}:\n{done.stdout}\n{done.stderr}")
        databases = [p for p in scratch.rglob("*.sqlite*") if p.is_file()] or [
            p for p in scratch.rglob("*.db") if p.is_file()
        ]
        size = max((p.stat().st_size for p in databases), default=0)
        return float(total[1]), float(cpu[1]), float(cpu[2]), size
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="source tree of the version to compare with")
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("/tmp/bench/news"))
    parser.add_argument("--repeat", type=int, default=3, metavar="N")
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": Path(__file__).resolve().parent.parent}
    results: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in trees}
    for round_number in range(args.repeat):
        for name, tree in trees.items():
            results[name].append(run(tree, args.corpus.resolve()))
            total, writer, workers, size = results[name][-1]
            print(
                f"round {round_number + 1} {name}: {total:.1f} s (CPU {writer:.1f} writer,"
                f" {workers:.1f} workers), database {size / 1e6:.0f} MB",
                flush=True,
            )
    medians = {name: statistics.median(r[0] for r in rows) for name, rows in results.items()}
    for name, rows in results.items():
        listed = " ".join(f"{r[0]:.1f}" for r in rows)
        print(
            f"{name}: median {medians[name]:.1f} s [{listed}], database {rows[-1][3] / 1e6:.0f} MB"
        )
    print(f"this / base: {medians['this'] / medians['base']:.2f}×")


if __name__ == "__main__":
    main()
