"""Whoosh's file format, with each field's lengths read once when a segment is written.

Writing a segment's postings asks the length of the field for every posting (for the
block statistics BM25 uses); Whoosh's own reader answers each from the column file it
has just written, one seek and read at a time, which was about a tenth of a rebuild.
Here the lengths of a field are read into memory on its first posting.

The codec is kept with the segments it wrote (in the index's table of contents), so
this module's name is part of the index format: an index that names a codec that is
gone cannot be read, and is rebuilt like any unreadable index.
"""

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader
from whoosh.codec.whoosh3 import _lenfield as _length_column
from whoosh.util.numeric import byte_to_length


class LengthsInMemoryCodec(W3Codec):
    """The standard codec, with per-document readers that keep field lengths in memory."""

    def per_document_reader(self, storage, segment):
        return _LengthsInMemory(storage, segment)


class _LengthsInMemory(W3PerDocReader):
    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"asked for document {docnum} of {self._doccount}")
        lengths = self.__dict__.setdefault("_lengths_in_memory", {})
        column = lengths.get(fieldname)
        if column is None:
            stored = self._cached_reader(_length_column(fieldname), LENGTHS_COLUMN)
            column = lengths[fieldname] = bytes(stored) if stored is not None else b""
        length_byte = column[docnum] if docnum < len(column) else 0
        return byte_to_length(length_byte) if length_byte else default
