"""The pure core never imports Textual, and nothing loads jieba at import time."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "reader.cli",
    "reader.store",
    "reader.layout",
    "reader.search",
    "reader.themes",
    "reader.ingest.pipeline",
    "reader.ingest.repair",
    "reader.build",
    "reader.text.linebreak",
    "reader.text.normalize",
    "reader.text.segment",
]


def test_core_imports_neither_textual_nor_jieba() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'jieba')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
