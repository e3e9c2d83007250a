"""How a rebuild sorts the postings that do not fit in its memory: in runs on disk.

Whoosh's posting pool writes each posting of a run with its own pickle call and reads
it back the same way, which was two fifths of a 100k-paper rebuild. Here a run is
written and read a chunk of postings at a time, one call per chunk. The runs live only
while the segment is written, in the process that wrote them.
"""

import marshal
from itertools import islice

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

# Postings per chunk: a few MB each, so a merge holds one chunk per run at a time.
CHUNK = 20_000
# Each chunk on disk: its size in bytes, then its postings.
_SIZE_BYTES = 8


class ChunkedPostingPool(PostingPool):
    """Whoosh's posting pool, each run on disk as chunks of postings."""

    def _write_run(self, f, items) -> None:
        # `items` is the sorted list of a run, or a merge of runs (when runs are reduced).
        items = iter(items)
        while chunk := list(islice(items, CHUNK)):
            data = marshal.dumps(chunk)
            f.write(len(data).to_bytes(_SIZE_BYTES, "little"))
            f.write(data)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            # One read per chunk: marshal.load on a file reads it a field at a time.
            while size := int.from_bytes(f.read(_SIZE_BYTES), "little"):
                yield from marshal.loads(f.read(size))
        finally:
            f.close()
            self._remove_run(path)


def use_chunked_pool(writer: SegmentWriter) -> None:
    """Give a writer that holds no postings yet the chunked pool, with the same limit."""
    pool = writer.pool
    if isinstance(pool, ChunkedPostingPool):
        return
    if pool.current or pool.runs:
        raise ValueError("the writer holds postings already")
    writer.pool = ChunkedPostingPool(pool.tempstore, pool.segment, limitmb=pool.limit // 2**20)


class ChunkedMpWriter(MpWriter):
    """Whoosh's writer in several processes, each sorting its postings with the chunked pool.

    Whoosh makes each process's writer itself, with its own pool; the process swaps it
    for the chunked pool before its first document.
    """

    def _new_task(self) -> SubWriterTask:
        task = _ChunkedSubWriter(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


class _ChunkedSubWriter(SubWriterTask):
    def _process_file(self, filename, doc_count) -> None:
        use_chunked_pool(self.writer)
        super()._process_file(filename, doc_count)
