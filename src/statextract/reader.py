"""Reading input: text files, directories, JSONL and standard input become `Document`s.

Bad input never stops a run: each problem is handed to `on_error` as an `InputError` and the
remaining documents are still read.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from statextract.errors import InputError

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
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def make_document(doc_id: str, text: str, date_: str | None = None) -> Document:
    """A document whose date is the given metadata, else its header line."""
    return Document(doc_id, text, date_ or header_date(text))


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
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(str(path), "empty document")
    return make_document(path.stem, text, date_)


def read_jsonl(path: Path, on_error: Callable[[InputError], None], date_: str | None = None) -> Iterator[Document]:
    """One document a line: {"id": ..., "text": ..., "date": optional}."""
    try:
        lines = decode(path.read_bytes(), str(path)).splitlines()
    except FileNotFoundError:
        on_error(InputError(str(path), "no such file"))
        return
    except InputError as error:
        on_error(error)
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            on_error(InputError(str(path), f"not valid JSON ({error.msg})", line=number))
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            on_error(InputError(str(path), 'expected an object with a "text" string', line=number))
            continue
        if not row["text"].strip():
            on_error(InputError(str(path), "empty document", line=number))
            continue
        doc_id = str(row.get("id", f"{path.stem}:{number}"))
        row_date = row.get("date") if isinstance(row.get("date"), str) else None
        yield make_document(doc_id, row["text"], row_date or date_)


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
