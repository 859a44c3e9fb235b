from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from statextract import Extractor
from statextract.output import RECORD_TYPES, WRITERS, Format, What, to_frame, write_parquet
from statextract.records import FIELDS, fields_of

TEXT = (
    "date 2025-03-12\nВице-премьер Аида Балаева сообщила, что сварщиков — около 25 тысяч, "
    "а зарплата выросла на 9%.\n«Слесарей не хватает 16 тысяч», — отметила Балаева."
)


@pytest.mark.parametrize("what", list(What))
def test_every_format_carries_the_same_fields(extractor: Extractor, tmp_path: Path, what: What) -> None:
    record_type = RECORD_TYPES[what]
    records = list(extractor.records([TEXT], what.value))
    rows = [r.to_dict() for r in records]
    assert rows and all(list(row) == list(fields_of(record_type)) for row in rows)

    out = io.StringIO()
    WRITERS[Format.jsonl](records, record_type, out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == rows

    out = io.StringIO()
    WRITERS[Format.json](records, record_type, out)
    assert json.loads(out.getvalue()) == rows

    out = io.StringIO()
    WRITERS[Format.csv](records, record_type, out)
    table_rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(table_rows[0]) == list(fields_of(record_type)) and len(table_rows) == len(rows)

    write_parquet(records, record_type, tmp_path / "records.parquet")
    table = pq.read_table(tmp_path / "records.parquet")
    assert table.column_names == list(fields_of(record_type))
    assert table.to_pylist() == rows

    frame = to_frame(records, record_type)
    assert list(frame.columns) == list(fields_of(record_type)) and len(frame) == len(rows)


def test_claims_in_csv_flatten_lists(extractor: Extractor) -> None:
    out = io.StringIO()
    WRITERS[Format.csv](list(extractor.pipe([TEXT])), RECORD_TYPES[What.claims], out)
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (first["professions"], first["value"], first["relation"]) == ("сварщик", "25000.0", "~")


def test_quotes_and_professions_as_records(extractor: Extractor) -> None:
    [quote] = [q.to_dict() for q in extractor.quotes([TEXT])]
    assert quote["text"] == "Слесарей не хватает 16 тысяч"
    assert (quote["cue"], quote["speaker"], quote["speech"], quote["claims"]) == (
        "отметила",
        "Аида Балаева",
        "direct",
        ["16 тысяч"],
    )
    assert TEXT[quote["start"] : quote["end"]] == quote["text"]
    mentions = [(m.text, m.profession, m.claim_text) for m in extractor.professions([TEXT])]
    assert mentions == [
        ("Вице-премьер", "вице-премьер", None),
        ("сварщиков", "сварщик", "около 25 тысяч"),
        ("Слесарей", "слесарь", "16 тысяч"),
    ]


def test_empty_output_keeps_the_schema(tmp_path: Path) -> None:
    write_parquet([], RECORD_TYPES[What.claims], tmp_path / "none.parquet")
    table = pq.read_table(tmp_path / "none.parquet")
    assert table.num_rows == 0 and table.column_names == list(FIELDS)
    assert str(table.schema.field("value").type) == "double"
    assert pa.types.is_list(table.schema.field("professions").type)


def test_table_shows_the_claims(extractor: Extractor) -> None:
    out = io.StringIO()
    WRITERS[Format.table](list(extractor.pipe([TEXT])), RECORD_TYPES[What.claims], out)
    assert "около 25 тысяч" in out.getvalue() and "Аида Балаева" in out.getvalue()
