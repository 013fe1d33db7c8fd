"""Theme extraction at archive scale: its time against jieba's segmentation, and the themes found.

Run by hand: `.venv/bin/python benchmarks/bench_themes.py [GLOB] [--max-themes N] [--json FILE]`
(default GLOB `/tmp/bench/news/*.md`). The Markdown is parsed crudely here (`### ` starts an
article, whose body runs to the next heading; a `## ` heading ends it), independent of the real
parser. Words come from the shared `segment_many` (both cores), as the build computes them.

Prints: the corpus size, the segmentation time, the extraction time (run twice, to show the
determinism and the cost with jieba's tables already read), and each theme with its article
count, keywords and the titles of its three strongest articles. With `--bundled` it runs the
bundled corpus through the real ingest pipeline (`reader.build.collect`) instead.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from pathlib import Path

from reader.build.workers import segment_many
from reader.model import Theme
from reader.themes import ThemeDoc, extract_themes


def parse_markdown(pattern: str) -> list[ThemeDoc]:
    """Articles of the Markdown files matching `pattern`, ids `<file stem>-<n>`."""
    docs: list[ThemeDoc] = []
    for name in sorted(glob.glob(pattern)):
        stem = Path(name).stem
        sections: list[tuple[str | None, list[str]]] = [(None, [])]
        for line in Path(name).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("#"):
                title = line[4:].strip() if line.startswith("### ") else None
                sections.append((title, []))
            elif line.strip() and not line.startswith("[查看原文"):
                sections[-1][1].append(line.strip())
        for title, body in sections:
            if title is not None:
                docs.append(ThemeDoc(f"{stem}-{len(docs)}", title, "\n".join(body)))
    return docs


def bundled() -> tuple[list[ThemeDoc], list[list[str]]]:
    """The bundled corpus through the real pipeline (parse, reflow, repair, segmentation)."""
    from reader.build import collect
    from reader.paths import bundled_corpus

    articles, words, _ = collect(bundled_corpus())
    return [ThemeDoc(a.id, a.title, a.body) for a in articles], words


def show(themes: list[Theme], docs: list[ThemeDoc]) -> None:
    titles = {d.id: d.title for d in docs}
    for n, theme in enumerate(themes, 1):
        top = " · ".join(titles[i][:18] for i in theme.ids[:3])
        print(f"{n:2} {theme.name}  [{len(theme.ids)}]  {'/'.join(theme.keywords[:5])}")
        print(f"     {top}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pattern", nargs="?", default="/tmp/bench/news/*.md")
    parser.add_argument("--max-themes", type=int, default=30)
    parser.add_argument("--bundled", action="store_true", help="use the bundled corpus")
    parser.add_argument("--json", type=Path, help="also write the themes here as JSON")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.bundled:
        docs, words = bundled()
        print(f"bundled corpus: {len(docs)} articles, parsed and segmented", end=" ")
        print(f"in {time.perf_counter() - started:.2f} s")
    else:
        docs = parse_markdown(args.pattern)
        chars = sum(len(d.title) + len(d.text) for d in docs)
        print(f"{len(docs):,} articles, {chars:,} characters ({args.pattern})")
        started = time.perf_counter()
        words = segment_many([f"{d.title}\n\n{d.text}" for d in docs])
        segmenting = time.perf_counter() - started
        print(f"jieba segmentation (segment_many): {segmenting:.2f} s")

    timings = []
    results = []
    for _ in range(2):
        started = time.perf_counter()
        results.append(extract_themes(docs, words, max_themes=args.max_themes))
        timings.append(time.perf_counter() - started)
    print(f"theme extraction: {timings[0]:.2f} s (first), {timings[1]:.2f} s (tables loaded)")
    print(f"deterministic: {results[0] == results[1]}; {len(results[0])} themes\n")
    show(results[0], docs)
    if args.json:
        rows = [{"name": t.name, "ids": t.ids, "keywords": t.keywords} for t in results[0]]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
