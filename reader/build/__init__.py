"""Building a corpus's database: the whole way from source files to a fresh SQLite file.

`build` (atomic, under a lock) and `open_library` (build when stale, then open) are the entry
points; `staleness` decides when to rebuild, `sources` fingerprints the files, `collect` hands
them to `workers` (`jobs` is what a worker does) and takes them back in order, `cache` keeps each
file's parsed articles and words, `repairer` trains the reading-order repair on the corpus, and
`write` fills the new database. Reading it is `reader.store.Library`'s business alone.
"""

from reader.build.builder import BuildReport, build, open_library
from reader.build.collect import Progress, collect
from reader.build.staleness import is_stale

__all__ = ["BuildReport", "Progress", "build", "collect", "is_stale", "open_library"]
