"""Wire reading-order repair into the ingest: train its model on the corpus, return a repairer."""

from __future__ import annotations

from collections.abc import Sequence

from reader.ingest.pipeline import Repairer, SourceFile


def corpus_repairer(files: Sequence[SourceFile]) -> Repairer | None:
    """A repairer for the page-text files of a corpus (None until repair is wired in)."""
    return None
