"""Search benchmark: build speed against jieba, query latency, brute-force ratio, size, memory.

Run: `.venv/bin/python benchmarks/bench_search.py [GLOB]` (default `/tmp/bench/news/*.md`).
The Markdown is parsed crudely here (`### ` starts an article, its body runs to the next
heading), independent of the real parser. The query process is a child that opens the database
and nothing else, so its peak RSS is that of a searcher, not of the build.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from reader.build.workers import segment_many
from reader.search import (
    SearchDoc,
    create_schema,
    index_articles,
    parse_query,
    run_search,
    search,
)
from reader.text.normalize import fold


def load(pattern: str) -> list[SearchDoc]:
    """Articles from Markdown files: `### title`, body until the next heading."""
    docs: list[SearchDoc] = []
    for path in sorted(glob.glob(pattern)):
        name = Path(path).stem
        sections: list[tuple[str | None, list[str]]] = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                sections.append((line[4:].strip() if line.startswith("### ") else None, []))
            elif sections:
                sections[-1][1].append(line)
        for title, body in sections:
            if title is not None:
                text = "\n".join(line for line in body if line.strip())
                docs.append(SearchDoc(f"{name}-{len(docs)}", title, "", text))
    return docs


def make_queries(docs: list[SearchDoc], db: Path, seed: int = 7) -> list[tuple[str, str]]:
    """A mixed query set: 1-, 2-, 4-character and multi-term queries, common and rare.

    Returns `(category, query)` pairs.
    """
    rng = random.Random(seed)
    chars = Counter(ch for d in docs[::10] for ch in fold(d.text))
    by_freq = [c for c, _ in chars.most_common() if c.isalpha()]
    conn = sqlite3.connect(db)
    vocab = [w for (w,) in conn.execute("SELECT word FROM search_vocab ORDER BY rank")]
    conn.close()
    two = [w for w in vocab if len(w) == 2]
    four = [w for w in vocab if len(w) == 4]
    queries: list[tuple[str, str]] = []

    def add(category: str, items: list[str]) -> None:
        queries.extend((category, q) for q in items)

    add("1 char, most common", by_freq[:6])  # 的 and friends: the hard case
    add("1 char, mid", rng.sample(by_freq[200:1500], 6))
    add("1 char, rare", rng.sample(by_freq[2500:], 6))
    add("2 chars, most common", two[:6])
    add("2 chars, mid", rng.sample(two[200:3000], 6))
    add("2 chars, rare", rng.sample(two[-20000:], 6))
    add("4 chars, most common", four[:6])
    add("4 chars, mid", rng.sample(four[100:3000], 6))
    add("4 chars, rare", rng.sample(four[-10000:], 6))
    cut = []
    while len(cut) < 6:
        text = fold(rng.choice(docs).body)
        if len(text) > 10:
            at = rng.randrange(len(text) - 4)
            cut.append(text[at : at + 4])
    add("4 chars cut from a text", cut)
    add("2 terms, common", [f"{a} {b}" for a, b in zip(two[:6], two[6:12], strict=True)])
    add(
        "2 terms, common + mid",
        [f"{a} {b}" for a, b in zip(two[:6], rng.sample(two[500:5000], 6), strict=True)],
    )
    add("3 terms, common", [" ".join(rng.sample(two[:300], 3)) for _ in range(6)])
    han_words = [w for w in two[:3000] + four[:3000] if all("\u4e00" <= c <= "\u9fff" for c in w)]
    picked = rng.sample(han_words, 24)
    add("pinyin, 2 syllables", [_pinyin(w) for w in picked if len(w) == 2][:8])
    add("pinyin, 4 syllables", [_pinyin(w) for w in picked if len(w) == 4][:8])
    add("pinyin initials", [_pinyin(w, initials=True) for w in picked[:8]])
    add(
        "pinyin + Han term", [f"{_pinyin(a)} {b}" for a, b in zip(picked[:4], two[:4], strict=True)]
    )
    add("繁 query (simplified corpus)", [_traditional(w) for w in picked[8:16]])
    add("简 query, 2 chars", [w for w in picked if len(w) == 2][8:14])
    return queries


def _pinyin(word: str, *, initials: bool = False) -> str:
    """A word as a reader would type it: pypinyin's reading in context, without tones."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(word, style=Style.NORMAL)
    return "".join(s[0] for s in syllables) if initials else "".join(syllables)


def _traditional(word: str) -> str:
    from reader.text.script import to_traditional

    return to_traditional(word)


def brute_force_ways(texts: list[tuple[str, str]], query: str) -> tuple[int, dict[str, int]]:
    """Pinyin and both scripts by a scan with regular expressions built here from the readings
    and OpenCC directly (the tests hold the position-by-position reference)."""
    import re

    import opencc

    from reader.text.normalize import char_class
    from reader.text.pinyin import char_readings

    table = char_readings()
    chars = {ch for _, folded in texts for ch in folded}
    readings = {ch: table[ch] for ch in chars if ch in table}
    syllables = {r for rs in readings.values() for r in rs}
    patterns = []
    for term in parse_query(query):
        forms = {term}
        if any(ord(c) >= 0x2E80 for c in term):
            simplified = opencc.OpenCC("t2s.json").convert(term)
            standard = opencc.OpenCC("s2t.json").convert(simplified)
            forms |= {simplified, standard, opencc.OpenCC("t2tw.json").convert(standard)}
        text = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        pinyin = ""
        if re.fullmatch("[a-z]+", term):
            cuts = _cuts(term, syllables)
            if cuts:
                paths = [
                    [char_class([c for c, r in readings.items() if s in r]) for s in cut]
                    for cut in sorted(cuts, key=len, reverse=True)
                ]
            elif len(term) >= 2:
                paths = [
                    [
                        char_class(
                            [c for c, r in readings.items() if any(x[0] == letter for x in r)]
                        )
                        for letter in term
                    ]
                ]
            else:
                paths = []
            pinyin = "|".join("".join(p) for p in paths if all(x != "[]" for x in p))
        patterns.append((re.compile(text), re.compile(pinyin) if pinyin else None))
    found = {}
    for doc_id, folded in texts:
        counts = [
            len(t.findall(folded)) + (len(p.findall(folded)) if p else 0) for t, p in patterns
        ]
        if patterns and all(counts):
            found[doc_id] = sum(counts)
    return len(found), found


def _cuts(word: str, syllables: set[str]) -> list[tuple[str, ...]]:
    if not word:
        return [()]
    return [
        (word[:n], *rest)
        for n in range(1, min(6, len(word)) + 1)
        if word[:n] in syllables
        for rest in _cuts(word[n:], syllables)
    ]


def brute_force(texts: list[tuple[str, str]], query: str) -> tuple[int, dict[str, int]]:
    """Scan every folded text: the number of matches and each match's hits."""
    terms = parse_query(query)
    found: dict[str, int] = {}
    for doc_id, folded in texts:
        counts = [folded.count(t) for t in terms]
        if terms and all(counts):
            found[doc_id] = sum(counts)
    return len(found), found


def _new_way(category: str) -> bool:
    """Whether a query category searches by pinyin or in the other script."""
    return "pinyin" in category or "query" in category


def _peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss survives exec from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def query_child(db: str, queries_file: str) -> None:
    """Time the queries warm in a process that only has the database open.

    Each query runs once to warm up, then three times; the median counts (the machine is shared,
    and one slow run says more about the neighbours than about the index).
    """
    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    conn = sqlite3.connect(db)
    for _, query in queries:
        run_search(conn, query)
    results = []
    for category, query in queries:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            search(conn, query)
            times.append(time.perf_counter() - start)
        counted = []
        for _ in range(3):
            start = time.perf_counter()
            res = run_search(conn, query)
            counted.append(time.perf_counter() - start)
        hits = {h.id: h.hits for h in res.hits}
        results.append(
            {
                "category": category,
                "query": query,
                "ms": statistics.median(times) * 1000,
                "ms_total": statistics.median(counted) * 1000,
                "total": res.total,
                "hits": hits,
            }
        )
    print(json.dumps({"results": results, "rss_mb": _peak_rss_mb()}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pattern", nargs="?", default="/tmp/bench/news/*.md")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        query_child(*args.child)
        return
    docs = load(args.pattern)
    texts = [d.text for d in docs]
    chars = sum(map(len, texts))
    raw_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {len(docs)} articles, {chars:,} chars, {raw_bytes / 1e6:.1f} MB UTF-8")
    start = time.perf_counter()
    words = segment_many(texts)
    jieba_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "search.sqlite3"
        conn = sqlite3.connect(db)
        start = time.perf_counter()
        create_schema(conn)
        index_articles(conn, docs, words)
        conn.commit()
        build_s = time.perf_counter() - start
        conn.execute("VACUUM")
        conn.close()
        size = db.stat().st_size
        build_rss = _peak_rss_mb()
        print(
            f"jieba segment_many (2 cores): {jieba_s:6.1f} s {chars / jieba_s / 1e3:6.0f} k chars/s"
        )
        print(
            f"index build (1 core):         {build_s:6.1f} s {chars / build_s / 1e3:6.0f} k chars/s"
        )
        print(
            f"build total (jieba + index):  {jieba_s + build_s:6.1f} s "
            f"{chars / (jieba_s + build_s) / 1e3:6.0f} k chars/s"
        )
        print(
            f"index size: {size / 1e6:.1f} MB = {size / raw_bytes:.2f}x the raw UTF-8 text; "
            f"build peak RSS {build_rss:.0f} MB"
        )
        queries = make_queries(docs, db)
        qfile = Path(tmp) / "queries.json"
        qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(db), str(qfile)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        )
    child = json.loads(out.stdout)
    results = child["results"]
    folded = [(d.id, fold(d.text)) for d in docs]
    brute_ms = []
    mismatches = 0
    for r in results:
        start = time.perf_counter()
        scan = brute_force_ways if _new_way(str(r["category"])) else brute_force
        total, found = scan(folded, str(r["query"]))
        brute_ms.append((time.perf_counter() - start) * 1000)
        if total != r["total"] or any(found.get(i) != n for i, n in r["hits"].items()):
            mismatches += 1
            print(f"  MISMATCH {r['query']!r}: index {r['total']} vs brute force {total}")
    for label, rows in (
        ("Han queries as before", [r for r in results if not _new_way(str(r["category"]))]),
        ("pinyin queries", [r for r in results if "pinyin" in str(r["category"])]),
        ("简/繁 queries", [r for r in results if "query" in str(r["category"])]),
    ):
        times = sorted(float(str(r["ms"])) for r in rows)
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(
            f"search(), {label}, top 20 with snippets, warm, {len(times)} queries: "
            f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
        )
    ms = sorted(r["ms"] for r in results)
    with_total = sorted(r["ms_total"] for r in results)
    p95 = with_total[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    print(
        f"run_search(), the same plus the exact total: p50 {statistics.median(with_total):.1f} ms, "
        f"p95 {p95:.1f} ms, max {with_total[-1]:.1f} ms; searcher peak RSS {child['rss_mb']:.0f} MB"
    )
    print(
        f"brute-force scan of the folded texts (in RAM): p50 {statistics.median(brute_ms):.0f} ms;"
        f" total {sum(brute_ms) / sum(ms):.0f}x the index's time; "
        f"results identical: {len(ms) - mismatches}/{len(ms)}"
    )
    print("by category (p50 / max ms, matches):")
    categories: dict[str, list[dict[str, object]]] = {}
    for r in results:
        categories.setdefault(r["category"], []).append(r)
    for category, rows in categories.items():
        times = [float(str(r["ms"])) for r in rows]
        totals = [int(str(r["total"])) for r in rows]
        print(
            f"  {category:26s} {statistics.median(times):6.1f} / {max(times):6.1f}"
            f"   {min(totals)}–{max(totals)}"
        )
    print("slowest:")
    for r in sorted(results, key=lambda r: -r["ms"])[:8]:
        print(f"  {r['ms']:6.1f} ms  {r['total']:6d} matches  {r['query']}")


if __name__ == "__main__":
    main()
