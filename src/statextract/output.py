"""Writers: records (claims, quotations, profession mentions) with the same fields in the same order,
as a table, JSONL, JSON, CSV, Parquet or a DataFrame."""

from __future__ import annotations

import csv
import json
import typing
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from statextract.records import Claim, ProfessionMention, Quotation, Record, fields_of

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# The columns the terminal table shows; every other format carries every field.
TABLE_COLUMNS = {
    Claim: ("doc_id", "start", "text", "value", "relation", "unit", "subject", "professions", "speaker", "speech"),
    Quotation: ("doc_id", "start", "text", "cue", "speaker", "speaker_role", "claims"),
    ProfessionMention: ("doc_id", "start", "text", "profession", "claim_text"),
}


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"


class What(StrEnum):
    """The kind of record a run produces."""

    claims = "claims"
    quotes = "quotes"
    professions = "professions"


RECORD_TYPES: dict[What, type] = {What.claims: Claim, What.quotes: Quotation, What.professions: ProfessionMention}


def flat_row(record: Record) -> dict[str, Any]:
    """A record for formats without lists: list items joined by "; "."""
    return {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in record.to_dict().items()}


def write_jsonl(records: Iterable[Record], record_type: type, out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_json(records: Iterable[Record], record_type: type, out: IO[str]) -> int:
    rows = [record.to_dict() for record in records]
    json.dump(rows, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(rows)


def write_csv(records: Iterable[Record], record_type: type, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=fields_of(record_type))
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(flat_row(record))
        count += 1
    return count


def write_table(records: Iterable[Record], record_type: type, out: IO[str]) -> int:
    """A readable terminal table of the main columns."""
    from rich.console import Console
    from rich.table import Table

    columns = TABLE_COLUMNS[record_type]
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold")
    count = 0
    for record in records:
        row = flat_row(record)
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
        count += 1
    Console(file=out, width=None if out.isatty() else 200).print(table)
    return count


def arrow_type(annotation: Any) -> pa.DataType:
    import pyarrow as pa

    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is tuple:
        return pa.list_(arrow_type(args[0]))
    base = args[0] if args and typing.get_origin(annotation) is not tuple else annotation
    simple = {int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return simple.get(base, pa.string())


def arrow_schema(record_type: type = Claim) -> pa.Schema:
    """One Parquet/DataFrame schema per record type, from its dataclass: an all-null column keeps its type."""
    import pyarrow as pa

    hints = typing.get_type_hints(record_type)
    return pa.schema([(name, arrow_type(hints[name])) for name in fields_of(record_type)])


def to_table(records: Iterable[Record], record_type: type = Claim) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist([record.to_dict() for record in records], schema=arrow_schema(record_type))


def to_frame(records: Iterable[Record], record_type: type = Claim) -> pd.DataFrame:
    """A DataFrame with the record's columns, in order; list fields stay lists."""
    return to_table(records, record_type).to_pandas()


def write_parquet(records: Iterable[Record], record_type: type, path: Path) -> int:
    import pyarrow.parquet as pq

    table = to_table(records, record_type)
    pq.write_table(table, path)
    return table.num_rows


TextWriter = Callable[[Iterable[Record], type, IO[str]], int]
WRITERS: dict[Format, TextWriter] = {
    Format.table: write_table,
    Format.jsonl: write_jsonl,
    Format.json: write_json,
    Format.csv: write_csv,
}
