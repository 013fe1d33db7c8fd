"""Import hygiene, in one fresh process: the core never imports Textual, importing does no work
(jieba is not loaded, even by a search), and the read side does not import the builder."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sqlite3, sys
import reader

def loaded(*roots):
    return sorted(m for m in sys.modules if m.split(".")[0] in roots or m.startswith(roots))

import reader.store
read_side = loaded("reader.build", "reader.ingest", "reader.themes", "reader.search")
core = [
    m.name
    for m in pkgutil.walk_packages(reader.__path__, "reader.")
    if not m.name.startswith("reader.tui") and m.name != "reader.__main__"  # it runs the CLI
]
for name in core:
    importlib.import_module(name)
from reader.search import SearchDoc, create_schema, index_articles, search
conn = sqlite3.connect(":memory:")
create_schema(conn)
index_articles(conn, [SearchDoc("x", "标题", "", "正文")], [["正文"]])
found = [hit.id for hit in search(conn, "正文")]
print(json.dumps({
    "core": core, "read_side": read_side, "found": found, "loaded": loaded("textual", "jieba"),
}))
"""


def test_core_imports_neither_textual_nor_jieba_and_reading_needs_no_builder() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # Every module outside the UI: the layers of the core, the CLI, the build.
    for name in ("reader.cli", "reader.layout", "reader.build.collect", "reader.text.segment"):
        assert name in report["core"]
    assert report["found"] == ["x"], "a search ran"
    assert report["loaded"] == [], "textual or jieba was imported"
    assert report["read_side"] == [], "opening a library must not import the build or the ingest"
