"""Writers: the same records, with the same fields in the same order, as a table, JSONL, JSON, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from statextract.records import FIELDS, Claim

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

TABLE_COLUMNS = (
    "doc_id",
    "start",
    "text",
    "value",
    "relation",
    "unit",
    "subject",
    "professions",
    "speaker",
    "speech",
)


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"


def flat_row(claim: Claim) -> dict[str, Any]:
    """A record for formats without lists: professions joined by "; "."""
    row = claim.to_dict()
    row["professions"] = "; ".join(row["professions"])
    return row


def write_jsonl(claims: Iterable[Claim], out: IO[str]) -> int:
    count = 0
    for claim in claims:
        out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_json(claims: Iterable[Claim], out: IO[str]) -> int:
    records = [claim.to_dict() for claim in claims]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


def write_csv(claims: Iterable[Claim], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    count = 0
    for claim in claims:
        writer.writerow(flat_row(claim))
        count += 1
    return count


def write_table(claims: Iterable[Claim], out: IO[str]) -> int:
    """A readable terminal table; it shows the main columns only (the other formats carry every field)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in TABLE_COLUMNS:
        table.add_column(column, overflow="fold")
    count = 0
    for claim in claims:
        row = flat_row(claim)
        table.add_row(*("" if row[c] is None else str(row[c]) for c in TABLE_COLUMNS))
        count += 1
    Console(file=out, width=200 if not out.isatty() else None).print(table)
    return count


def arrow_schema() -> pa.Schema:
    """One Parquet/DataFrame schema for the contract, so an all-null column keeps its type."""
    import pyarrow as pa

    types = {
        "start": pa.int64(),
        "end": pa.int64(),
        "value": pa.float64(),
        "low": pa.float64(),
        "high": pa.float64(),
        "approximate": pa.bool_(),
        "professions": pa.list_(pa.string()),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in FIELDS])


def to_table(claims: Iterable[Claim]) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist([claim.to_dict() for claim in claims], schema=arrow_schema())


def to_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """A DataFrame with the contract's columns, in order; professions stay lists."""
    return to_table(claims).to_pandas()


def write_parquet(claims: Iterable[Claim], path: Path) -> int:
    import pyarrow.parquet as pq

    table = to_table(claims)
    pq.write_table(table, path)
    return table.num_rows


TextWriter = Callable[[Iterable[Claim], IO[str]], int]
WRITERS: dict[Format, TextWriter] = {
    Format.table: write_table,
    Format.jsonl: write_jsonl,
    Format.json: write_json,
    Format.csv: write_csv,
}
