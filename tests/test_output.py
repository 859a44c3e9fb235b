from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from statextract import Extractor
from statextract.output import WRITERS, Format, to_frame, write_parquet
from statextract.records import FIELDS

TEXT = "date 2025-03-12\nВице-премьер Аида Балаева сообщила, что сварщиков — около 25 тысяч, а зарплата выросла на 9%."


def test_every_format_carries_the_same_fields(extractor: Extractor, tmp_path: Path) -> None:
    claims = list(extractor.pipe([TEXT]))
    records = [c.to_dict() for c in claims]
    assert len(records) == 2 and list(records[0]) == list(FIELDS)

    out = io.StringIO()
    WRITERS[Format.jsonl](claims, out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == records

    out = io.StringIO()
    WRITERS[Format.json](claims, out)
    assert json.loads(out.getvalue()) == records

    out = io.StringIO()
    WRITERS[Format.csv](claims, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(FIELDS)
    assert rows[0]["professions"] == "сварщик" and rows[0]["value"] == "25000.0"

    write_parquet(claims, tmp_path / "claims.parquet")
    table = pq.read_table(tmp_path / "claims.parquet")
    assert table.column_names == list(FIELDS)
    assert table.to_pylist() == records

    frame = to_frame(claims)
    assert list(frame.columns) == list(FIELDS)
    assert frame["professions"].tolist()[0].tolist() == ["сварщик"]


def test_empty_output_keeps_the_schema(tmp_path: Path) -> None:
    write_parquet([], tmp_path / "none.parquet")
    table = pq.read_table(tmp_path / "none.parquet")
    assert table.num_rows == 0 and table.column_names == list(FIELDS)
    assert str(table.schema.field("value").type) == "double"


def test_table_shows_the_claims() -> None:
    claims = list(Extractor().pipe([TEXT]))
    out = io.StringIO()
    WRITERS[Format.table](claims, out)
    assert "около 25 тысяч" in out.getvalue() and "Аида Балаева" in out.getvalue()
