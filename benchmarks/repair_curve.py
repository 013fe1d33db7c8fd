"""Measure the reading-order repair on generated cases: recovery and false moves per threshold.

Usage (from the repository root):
    .venv/bin/python -m benchmarks.repair_curve [--cases 2000] [--regime page|article|large]
        [--sweep threshold=10,12,14,16] [--set margin=1] [--model-set ngram_weight=0.7]
        [--bench /tmp/bench/news]
    .venv/bin/python -m benchmarks.repair_curve --page [PATH]

`page` (default): the seam model is trained on the case and four other articles (~7,000
characters, like the bundled raw page: the regime repair runs in). `article`: on the case's
own text only (the worst case). `large`: on 1,500 other benchmark articles (~2 M characters).
Cases come from other articles of the benchmark corpus; k = 0 (clean), 1, 2 or 3 displaced
lines, in equal shares.

`--page` prints every move made on a raw page file (default: the bundled page), in context, so
that a person can check that each one reads right.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.repair_generator import Case, bench_articles, make_case, neighbours
from reader.ingest.ngram import Dictionary, SeamModel
from reader.ingest.repair import (
    DEFAULT_SETTINGS,
    RepairResult,
    RepairSettings,
    is_final,
    looks_like_heading,
    repair_blocks,
    training_text,
)
from reader.model import Fragment

PAGE = Path(__file__).resolve().parent.parent / "corpus" / "lvliang-renda-2021-10-page.txt"


@dataclass
class Tally:
    """Counts over many cases."""

    cases: int = 0
    clean_cases: int = 0
    clean_touched: int = 0
    displaced: int = 0
    restored: int = 0
    misplaced: int = 0
    in_order: int = 0
    flagged: int = 0
    correct_lines: int = 0
    false_moves: int = 0
    false_in_order: int = 0
    false_orphans: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_case(case: Case, result: RepairResult) -> Tally:
    """Compare a repair with the truth of its case.

    A displaced line is restored when its left and right neighbours (inside its block, or the
    block edge) are the true ones; it is back in reading order when its neighbours in the
    flattened sequence are (a paragraph break may then be one line off). Any move or set-aside
    of a line that was not displaced is a false move (or false orphan).
    """
    by_start = {f.start: n for n, f in enumerate(f for b in case.blocks for f in b)}
    out = [[by_start[f.start] for f in block] for block in result.blocks]
    got = neighbours(out)
    want = neighbours(case.truth)
    # Reading order alone, block boundaries ignored (a paragraph break may differ).
    got_flat = neighbours([[i for b in out for i in b]])
    want_flat = neighbours([[i for b in case.truth for i in b]])
    tally = Tally(cases=1)
    total = sum(len(b) for b in case.blocks)
    tally.displaced = len(case.displaced)
    tally.correct_lines = total - len(case.displaced)
    if not case.displaced:
        tally.clean_cases = 1
        tally.clean_touched = int(bool(result.moves))
    for move in result.moves:
        item = move.source_index
        if item in case.displaced:
            if move.target_index is None:
                tally.flagged += 1
            elif got[item] == want[item]:
                tally.restored += 1
            else:
                tally.misplaced += 1
            if move.target_index is not None and got_flat[item] == want_flat[item]:
                tally.in_order += 1
        elif move.target_index is None:
            tally.false_orphans += 1
        else:
            tally.false_moves += 1
            # Moved, yet its reading-order neighbours are the true ones (another move fixed it).
            tally.false_in_order += int(got_flat[item] == want_flat[item])
    return tally


def page_articles(text: str) -> list[list[tuple[Fragment, ...]]]:
    """Split raw page text into article bodies: blocks between blank lines, cut at title lines.

    A title is a short block without sentence-final punctuation that is not a numbered heading;
    a byline block (starting with □) is skipped. Crude, for experiments only.
    """
    articles: list[list[tuple[Fragment, ...]]] = []
    current: list[tuple[Fragment, ...]] | None = None
    for match in re.finditer(r"\S(?:.*\S)?", text):
        block_text = match.group()
        fragments = tuple(
            Fragment(m.group(), match.start() + m.start(), match.start() + m.end())
            for m in re.finditer(r"\S+", block_text)
        )
        plain = "".join(f.text for f in fragments)
        if plain.startswith("□"):
            continue
        if len(plain) <= 30 and not is_final(plain) and not looks_like_heading(plain):
            current = []
            articles.append(current)
            continue
        if current is not None:
            current.append(fragments)
    return [a for a in articles if a]


def print_page(path: Path) -> None:
    """Repair every article of a raw page file and print each move in context, to be read."""
    text = path.read_text(encoding="utf-8")
    articles = page_articles(text)
    model = SeamModel.train(training_text(article) for article in articles)
    model.dictionary.best("预热")
    started = time.perf_counter()
    results = [repair_blocks(article, model=model) for article in articles]
    elapsed = time.perf_counter() - started
    for number, (article, result) in enumerate(zip(articles, results, strict=True)):
        flat = [f for block in article for f in block]
        out = [f for block in result.blocks for f in block]
        for move in result.moves:
            src = move.source_index
            # A moved piece of a two-line fragment: its context includes the other piece.
            whole = flat[src].text
            at = whole.find(move.fragment)
            before = whole[:at] or (flat[src - 1].text if src > 0 else "^")
            rest = whole[at + len(move.fragment) :]
            after = rest or (flat[src + 1].text if src + 1 < len(flat) else "$")
            print(f"article {number}: {move.fragment!r}  gain {move.score:.1f}")
            print(f"   was: …{before[-8:]}|{move.fragment}|{after[:8]}…")
            if move.target_index is None:
                print("   set aside (orphan)")
            else:
                t = move.target_index
                left = out[t - 1].text if t > 0 else "^"
                right = out[t + 1].text if t + 1 < len(out) else "$"
                print(f"   now: …{left[-8:]}|{move.fragment}|{right[:8]}…")
    print(f"{len(articles)} articles, repair {elapsed * 1000:.0f} ms (model trained, jieba loaded)")


_SHARED: dict[str, object] = {}


def _run(job: tuple[Case, list[str], Sequence[RepairSettings]]) -> list[Tally]:
    case, others, settings_list = job
    model = _SHARED.get("model")
    if not isinstance(model, SeamModel):
        dictionary = _SHARED["dictionary"]
        assert isinstance(dictionary, Dictionary)
        own = training_text(case.blocks)
        model = SeamModel.train([own, *others], dictionary=dictionary)
        tweaks = _SHARED.get("model_set")
        if isinstance(tweaks, dict) and tweaks:
            model = dataclasses.replace(model, **tweaks)
    return [
        score_case(case, repair_blocks(case.blocks, model=model, settings=s)) for s in settings_list
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--regime", choices=("article", "page", "large"), default="page")
    parser.add_argument(
        "--sweep",
        default="threshold=10,12,14,16",
        help="a RepairSettings field and the values to try, e.g. orphan_threshold=10,12,14",
    )
    parser.add_argument("--bench", type=Path, default=Path("/tmp/bench/news"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="fix another RepairSettings field, e.g. --set margin=2 (repeatable)",
    )
    parser.add_argument(
        "--page",
        type=Path,
        nargs="?",
        const=PAGE,
        help="instead of measuring, print the repairs of a raw page file (default: bundled)",
    )
    parser.add_argument(
        "--model-set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override a SeamModel weight after training, e.g. --model-set floor=-4",
    )
    args = parser.parse_args()
    _SHARED["model_set"] = {
        name: float(value) for name, _, value in (p.partition("=") for p in args.model_set)
    }
    if args.page:
        print_page(args.page)
        return

    articles = list(bench_articles(args.bench))
    rng = random.Random(args.seed)
    rng.shuffle(articles)
    train_articles, test_articles = articles[:1500], articles[1500:]
    cases = [
        make_case(test_articles[n % len(test_articles)], rng, k=n % 4) for n in range(args.cases)
    ]
    _SHARED["dictionary"] = Dictionary.load()
    if args.regime == "large":
        texts = ["\n".join(a) for a in train_articles]
        _SHARED["model"] = SeamModel.train(texts, dictionary=_SHARED["dictionary"])
    field, _, values = args.sweep.partition("=")
    thresholds = [float(t) for t in values.split(",")]
    fixed = {
        name: type(getattr(DEFAULT_SETTINGS, name))(float(value))
        for name, _, value in (p.partition("=") for p in args.set)
    }
    base_settings = dataclasses.replace(DEFAULT_SETTINGS, **fixed)
    settings_list = [dataclasses.replace(base_settings, **{field: t}) for t in thresholds]
    started = time.perf_counter()
    jobs = []
    for n, case in enumerate(cases):
        # The "page" regime: the case and four other articles, like one raw newspaper page.
        others = (
            ["\n".join(test_articles[(n * 7 + m) % len(test_articles)]) for m in range(1, 5)]
            if args.regime == "page"
            else []
        )
        jobs.append((case, others, settings_list))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(_run, jobs, chunksize=8)
    elapsed = time.perf_counter() - started
    print(
        f"regime={args.regime} cases={len(cases)} seed={args.seed} {base_settings}"
        f" ({elapsed:.0f} s)"
    )
    print(
        f"{field:>9}  restored  in-order  misplaced  flagged  | false-moves  false-orphans"
        "  per-1000-lines  clean-cases-touched"
    )
    for column, threshold in enumerate(thresholds):
        tally = Tally()
        for per_case in results:
            tally.add(per_case[column])
        d = max(1, tally.displaced)
        c = max(1, tally.correct_lines)
        print(
            f"{threshold:9.1f}  {tally.restored / d:8.1%}  {tally.in_order / d:8.1%}"
            f"  {tally.misplaced / d:9.1%}"
            f"  {tally.flagged / d:7.1%}  | {tally.false_moves:11d}  {tally.false_orphans:13d}"
            f"  {1000 * (tally.false_moves + tally.false_orphans) / c:14.2f}"
            f"  {tally.clean_touched}/{tally.clean_cases}"
        )
    print(
        f"displaced lines: {tally.displaced}, correct lines: {tally.correct_lines};"
        f" false moves still in reading order (last column): {tally.false_in_order}"
    )


if __name__ == "__main__":
    main()
