"""A datatrove formatter block: `UnglueFormatter` cleans `doc.text` like
datatrove's own `FTFYFormatter`, in batches with the GIL released.

    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from unglue.datatrove import UnglueFormatter

    pipeline = [JsonlReader("raw/"), UnglueFormatter(), JsonlWriter("clean/")]

datatrove is an optional dependency: `pip install "unglue[datatrove]"`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as e:  # pragma: no cover - exercised only without datatrove
    raise ImportError(
        "unglue.datatrove needs datatrove: pip install 'unglue[datatrove]'"
    ) from e

from ._unglue import Cleaned, Cleaner

__all__ = ["UnglueFormatter"]


class UnglueFormatter(BaseFormatter):
    """Cleans each document's text with an unglue `Cleaner`.

    Stats: `changed` counts documents whose text changed, and each rule id
    counts its fixes per document. With `fixes_in_metadata`, the fixes (as
    dicts) and the rules' extracted values go to `doc.metadata[metadata_key]`.
    """

    name = "🧽 unglue"

    def __init__(
        self,
        profile: str = "default",
        rules: Sequence[str] | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        fixes_in_metadata: bool = False,
        metadata_key: str = "unglue",
        batch_size: int = 256,
    ):
        super().__init__()
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        # Compiled here so that a broken rule pack fails when the pipeline is
        # built, not on a worker; pickling sends the configuration, and each
        # worker compiles its own copy.
        self.cleaner = Cleaner(profile=profile, rules=rules, select=select, ignore=ignore)
        self.fixes_in_metadata = fixes_in_metadata
        self.metadata_key = metadata_key
        self.batch_size = batch_size

    def format(self, text: str) -> str:
        return self.cleaner.clean(text).text

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        for batch in _batches(data, self.batch_size):
            with self.track_time(unit="batch"):
                results = self.cleaner.clean_batch([doc.text for doc in batch])
            for doc, cleaned in zip(batch, results):
                self._record(doc, cleaned)
                yield doc

    def _record(self, doc: Document, cleaned: Cleaned) -> None:
        self.stat_update(StatHints.total)
        if cleaned.changed:
            self.stat_update("changed")
            for rule, count in cleaned.counts().items():
                self.stat_update(rule, value=count)
        doc.text = cleaned.text
        if self.fixes_in_metadata:
            doc.metadata[self.metadata_key] = {
                "fixes": [fix.to_dict() for fix in cleaned.fixes],
                "meta": cleaned.meta,
            }


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch
