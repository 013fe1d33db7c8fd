"""The build's reading-order repairer: its seam model trained on the corpus's page text."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

from reader.ingest.formats import format_of
from reader.ingest.pipeline import Repairer, SourceFile
from reader.ingest.reflow import fragments_of
from reader.model import Fragment, Move, RawArticle

MAX_FRAGMENTS = 500
"""Articles with more column lines than this (about 7,500 characters) are not repaired: the move
search tries every line at every place, so its time grows with the cube of the length (12,000
characters take seconds, a megabyte would take hours), and a page article is far shorter."""


def corpus_repairer(
    files: Sequence[SourceFile], read: MutableMapping[str, list[RawArticle]] | None = None
) -> Repairer | None:
    """A repairer whose seam model is trained on the raw page text of the corpus.

    Only formats that are repaired (page text; not Markdown, whose lines are whole paragraphs,
    nor PDF, whose layout gives the order) train the model; a corpus without page text gets no
    repairer and jieba is not loaded for it. Training reads each page file into raw articles,
    the slow part of parsing it (extracted page text takes about half a second a page): with
    `read`, they are kept there by file name, for `parse_file` to take instead of reading the
    file again.

    Raises:
        DecodeError: a page file cannot be read.
    """
    from reader.ingest.ngram import SeamModel
    from reader.ingest.repair import repair_blocks, training_text

    texts = []
    for source in files:
        form = format_of(source.name)
        if not form.repaired:
            continue
        raws = list(form.read(source.path, source.name))
        if read is not None:
            read[source.name] = raws
        for raw in raws:
            if raw.reflow and raw.blocks:
                texts.append(training_text([fragments_of(block) for block in raw.blocks]))
    if not texts:
        return None
    model = SeamModel.train(texts)

    def repair(
        blocks: Sequence[Sequence[Fragment]],
    ) -> tuple[Sequence[Sequence[Fragment]], Sequence[Move]]:
        if sum(len(block) for block in blocks) > MAX_FRAGMENTS:
            return blocks, ()
        result = repair_blocks(blocks, model=model)
        return result.blocks, result.moves

    return repair
