"""Reading input: text files, directories, JSONL and standard input become `Document`s.

Bad input never stops a run: each problem is handed to `on_error` as an `InputError` and the
remaining documents are still read.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any

from statextract.errors import InputError

MAX_CHARACTERS = 2_000_000  # a "document" larger than this is a whole dump pasted into one field
ROW_SUFFIXES = (".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".parquet")
HEADER_RE = re.compile(r"\A\ufeff?date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(?:\r?\n|\Z)")


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str  # exactly as read, after decoding: record offsets point into it
    date: str | None = None  # ISO date from metadata or the `date YYYY-MM-DD` header line


def header_date(text: str) -> str | None:
    """The date of a first line `date YYYY-MM-DD`, as scraped news carries, if it is a real date.

    >>> header_date("date 2025-03-12\\nАстана.")
    '2025-03-12'
    """
    match = HEADER_RE.match(text)
    return metadata_date(match.group(1)) if match else None


def metadata_date(value: object) -> str | None:
    """The ISO date of a metadata value: a date or datetime (Parquet), or a string starting with one
    ("2019-08-10", "2019-08-10 03:26:00", "2019-08-10T03:26:00+03:00"); None for anything else.

    >>> metadata_date("2019-08-10 03:26:00"), metadata_date("10.08.2019"), metadata_date(None)
    ('2019-08-10', None, None)
    """
    if isinstance(value, date):  # datetime too
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def make_document(doc_id: str, text: str, date_: str | None = None) -> Document:
    """A document whose date is the given metadata, else its header line."""
    return Document(doc_id, text, date_ or header_date(text))


def checked(source: str, document: Document, line: int | None = None) -> Document:
    """The document, or an InputError if it is empty or too large to be one article."""
    if not document.text.strip():
        raise InputError(source, "empty document", line=line)
    if len(document.text) > MAX_CHARACTERS:
        raise InputError(
            source, f"too large ({len(document.text):,} characters; the limit is {MAX_CHARACTERS:,})", line=line
        )
    return document


def suffix_of(path: Path) -> str:
    """ ".jsonl.gz" for a gzipped JSONL file, else the plain suffix."""
    return "".join(path.suffixes[-2:]) if path.suffix == ".gz" else path.suffix


def count_rows(path: Path) -> int:
    """How many documents a row file holds (lines of JSONL, rows of CSV or Parquet), read as a stream."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    return len(row_starts(path))


def open_lines(path: Path) -> IO[bytes] | gzip.GzipFile:
    """A JSONL or CSV file as lines of bytes, split at "\n" only (a JSONL line is decoded alone, in
    `row_document`; CSV lines by `CsvLines`)."""
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


class CsvLines:
    """A CSV file's lines as the csv module reads text ("\r\n" as "\n", the byte-order mark Excel puts
    before the header dropped), counting the bytes read: where one record ends, the next begins."""

    def __init__(self, lines: IO[bytes] | gzip.GzipFile, offset: int = 0) -> None:
        self.lines = lines
        self.offset = offset

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            text = line.decode("utf-8")
            if self.offset == 0:
                text = text.removeprefix("\ufeff")
            self.offset += len(line)
            yield text[:-2] + "\n" if text.endswith("\r\n") else text


def row_starts(path: Path) -> array[int]:
    """The byte offset where each row of a JSONL or CSV file starts, found in one pass: how many rows it
    holds, and where a batch task of an uncompressed file seeks to its first row instead of reading every
    row before it. A CSV row is a record after the header that is not blank (csv.DictReader skips blank
    ones), and its quoted fields may span lines."""
    starts = array("q")
    with open_lines(path) as lines:
        if ".csv" not in path.suffixes:
            offset = 0
            for line in lines:
                starts.append(offset)
                offset += len(line)
            return starts
        counted = CsvLines(lines)
        records = csv.reader(counted)
        next(records, None)  # the header
        while True:
            start = counted.offset
            record = next(records, None)
            if record is None:
                return starts
            if record:
                starts.append(start)


def read_rows(
    path: Path, start: int, stop: int, on_error: Callable[[InputError], None], offset: int = 0
) -> Iterator[Document]:
    """Documents start..stop-1 of a JSONL, CSV or Parquet file (columns `id`, `text`, optional `date`);
    `offset`, if given, is where row `start` of an uncompressed JSONL or CSV file begins (`row_starts`)."""
    try:
        rows = enumerate(islice(iter_rows(path, start, offset), stop - start), start=start + 1)
        for number, row in rows:
            document = row_document(path, number, row, on_error)
            if document is not None:
                yield document
    except (OSError, UnicodeDecodeError, EOFError, ValueError) as error:
        on_error(InputError(str(path), f"cannot be read ({error})"))


def iter_rows(path: Path, start: int = 0, offset: int = 0) -> Iterator[dict[str, Any] | bytes]:
    """Raw rows from row `start` on: dicts from CSV and Parquet, lines from JSONL.

    A task of a large file must not read the rows before its own: an uncompressed JSONL or CSV file
    is read from byte `offset` (`row_starts`), a Parquet file from the row group holding `start`, its
    earlier batches left undecoded. A gzip file is read from its start.
    """
    if path.suffix == ".parquet":
        yield from parquet_rows(path, start)
        return
    with open_lines(path) as lines:
        if ".csv" not in path.suffixes and offset:
            lines.seek(offset)
            yield from lines
        elif ".csv" not in path.suffixes:
            yield from islice(lines, start, None)
        elif offset:
            header = next(csv.reader(CsvLines(lines)), None)
            lines.seek(offset)
            yield from csv.DictReader(CsvLines(lines, offset), fieldnames=header)
        else:
            yield from islice(csv.DictReader(CsvLines(lines)), start, None)


def parquet_rows(path: Path, start: int) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    file = pq.ParquetFile(path)
    groups: list[int] = []
    first = 0  # the first row of groups[0], the row group holding `start`
    for group in range(file.num_row_groups):
        rows = file.metadata.row_group(group).num_rows
        if groups or first + rows > start:
            groups.append(group)
        else:
            first += rows
    if not groups:
        return
    for batch in file.iter_batches(batch_size=256, row_groups=groups):
        if first + batch.num_rows > start:
            yield from batch.slice(max(start - first, 0)).to_pylist()
        first += batch.num_rows


def row_document(
    path: Path, number: int, row: dict[str, Any] | str | bytes, on_error: Callable[[InputError], None]
) -> Document | None:
    if isinstance(row, bytes):
        try:
            row = row.decode("utf-8")
        except UnicodeDecodeError:
            on_error(InputError(str(path), "not UTF-8 text; re-encode the file as UTF-8", line=number))
            return None
    if isinstance(row, str):
        row = row.removeprefix("\ufeff")  # the byte-order mark Windows tools put before the first line
        if not row.strip():
            return None
        try:
            row = json.loads(row)
        except json.JSONDecodeError as error:
            on_error(InputError(str(path), f"not valid JSON ({error.msg})", line=number))
            return None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        on_error(InputError(str(path), 'expected an object with a "text" string', line=number))
        return None
    row_date = metadata_date(row.get("date"))
    doc_id = str(row["id"]) if row.get("id") not in (None, "") else f"{path.name}:{number}"
    try:
        return checked(str(path), make_document(doc_id, row["text"], row_date), number)
    except InputError as error:
        on_error(error)
        return None


def decode(data: bytes, source: str) -> str:
    """UTF-8, or cp1251 (common in Russian archives) when the bytes are not UTF-8 but read as Cyrillic."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = ""
    letters = [ch for ch in text if ch.isalpha()]
    controls = sum(ch < " " and ch not in "\n\r\t" for ch in text)
    if letters and not controls and sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in letters) / len(letters) > 0.5:
        return text
    raise InputError(source, "not UTF-8 or cp1251 text; re-encode it as UTF-8")


def read_text_file(path: Path, date_: str | None = None) -> Document:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})") from None
    return checked(str(path), make_document(path.stem, decode(data, str(path)), date_))


def read_jsonl(path: Path, on_error: Callable[[InputError], None], date_: str | None = None) -> Iterator[Document]:
    """One document a line: {"id": ..., "text": ..., "date": optional}; a file of any encoding we read."""
    try:
        lines = decode(path.read_bytes(), str(path)).split("\n")  # not splitlines: U+2028 may be in a string
    except FileNotFoundError:
        on_error(InputError(str(path), "no such file"))
        return
    except InputError as error:
        on_error(error)
        return
    for number, line in enumerate(lines, start=1):
        document = row_document(path, number, line, on_error)
        if document is not None:
            yield document if document.date or not date_ else Document(document.doc_id, document.text, date_)


def read_documents(
    paths: Iterable[Path | str], *, on_error: Callable[[InputError], None], date_: str | None = None
) -> Iterator[Document]:
    """Documents from `.txt` files, directories (every `.txt` below, sorted), `.jsonl` files or `-` (stdin)."""
    for path in map(Path, paths):
        try:
            if str(path) == "-":
                text = decode(sys.stdin.buffer.read(), "<stdin>")
                if not text.strip():
                    raise InputError("<stdin>", "empty document")
                yield make_document("stdin", text, date_)
            elif path.is_dir():
                files = sorted(p for p in path.rglob("*.txt") if p.is_file())
                if not files:
                    raise InputError(str(path), "directory holds no .txt files")
                for file in files:
                    try:
                        yield read_text_file(file, date_)
                    except InputError as error:
                        on_error(error)
            elif path.suffix == ".jsonl":
                yield from read_jsonl(path, on_error, date_)
            else:
                yield read_text_file(path, date_)
        except InputError as error:
            on_error(error)
