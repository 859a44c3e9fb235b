from __future__ import annotations

import json
from pathlib import Path

import pytest

from statextract.errors import InputError
from statextract.reader import count_rows, decode, header_date, parquet_rows, read_documents, read_rows, row_starts

TEXT = "date 2025-03-12\nАстана. Заняты 57 тысяч фермеров."


def read(paths: list[Path | str], **kwargs) -> tuple[list, list[str]]:
    problems: list[InputError] = []
    documents = list(read_documents(paths, on_error=problems.append, **kwargs))
    return documents, [str(p) for p in problems]


def test_text_file_gives_its_stem_and_header_date(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    [document], problems = read([tmp_path / "report.txt"])
    assert (document.doc_id, document.date, document.text, problems) == ("report", "2025-03-12", TEXT, [])


def test_cp1251_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(TEXT.encode("cp1251"))
    [document], problems = read([tmp_path / "old.txt"])
    assert document.text == TEXT and problems == []


def test_binary_is_one_clear_problem(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(128, 256)) * 4)
    documents, problems = read([tmp_path / "image.txt"])
    assert documents == []
    assert problems == [f"{tmp_path / 'image.txt'}: not UTF-8 or cp1251 text; re-encode it as UTF-8"]


def test_directory_is_read_in_sorted_order_and_bad_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Заняты 5 человек.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Заняты 7 человек.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("  \n", encoding="utf-8")
    documents, problems = read([tmp_path])
    assert [d.doc_id for d in documents] == ["a", "b"]
    assert problems == [f"{tmp_path / 'c.txt'}: empty document"]


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    documents, problems = read([tmp_path / "nope.txt", tmp_path / "empty"])
    assert documents == []
    assert problems == [
        f"{tmp_path / 'nope.txt'}: no such file",
        f"{tmp_path / 'empty'}: directory holds no .txt files",
    ]


def test_jsonl_rows_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "n1", "text": "Заняты 5 человек.", "date": "2024-01-02"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "n2"}),
        json.dumps({"id": "n3", "text": TEXT}, ensure_ascii=False),
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(rows), encoding="utf-8")
    documents, problems = read([tmp_path / "news.jsonl"])
    assert [(d.doc_id, d.date) for d in documents] == [("n1", "2024-01-02"), ("n3", "2025-03-12")]
    path = tmp_path / "news.jsonl"
    assert problems == [
        f"{path}:2: not valid JSON (Expecting property name enclosed in double quotes)",
        f'{path}:3: expected an object with a "text" string',
    ]


def test_date_option_fills_documents_without_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Заняты 5 человек.", encoding="utf-8")
    [document], _ = read([tmp_path / "a.txt"], date_="2023-05-06")
    assert document.date == "2023-05-06"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("date 2025-03-12\nТекст", "2025-03-12"),
        ("date 2025-13-40\nТекст", None),
        ("Текст\ndate 2025-03-12", None),
    ],
)
def test_header_date(text: str, date: str | None) -> None:
    assert header_date(text) == date


def test_decode_prefers_utf8() -> None:
    assert decode("ёлка".encode(), "x") == "ёлка"


def test_metadata_datetimes_give_their_date(tmp_path: Path) -> None:
    """Archives stamp articles with a time ("2019-08-10 03:26:00"): the record's date is its day, and a "вчера"
    in the text is counted from it; a date in another format is left out rather than failing the document."""
    from statextract import Extractor

    rows = [
        {"id": "a", "text": "Вчера на биржу вышли 57 тысяч фермеров.", "date": "2019-08-10 03:26:00"},
        {"id": "b", "text": "Заняты 12 тысяч сварщиков.", "date": "2019-08-10T03:26:00+03:00"},
        {"id": "c", "text": "Заняты 5 человек.", "date": "10.08.2019"},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")
    documents, problems = read([path])
    assert problems == [] and [d.date for d in documents] == ["2019-08-10", "2019-08-10", None]
    assert [claim.date for claim in Extractor().pipe(documents)] == ["2019-08-09", "2019-08-10", None]


def rows_file(tmp_path: Path) -> tuple[Path, list[str]]:
    """A JSONL file of lines of different lengths in bytes: Cyrillic, a blank line, a CRLF ending, a raw
    U+2028 inside a string (legal JSON), and one line that is not UTF-8."""
    texts = [f"Документ {i}: заняты {57 * i} тысяч сварщиков." + " ещё" * (i % 7) for i in range(40)]
    texts[11] = "Строка\u2028с разделителем строк внутри: 12 тысяч."
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False).encode("utf-8") for i, t in enumerate(texts)]
    lines[5] += b"\r"
    lines[17] = "не UTF-8: 5 тысяч".encode("cp1251")
    lines.insert(30, b"")
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, texts


def test_a_task_seeks_to_its_rows_of_a_jsonl_file(tmp_path: Path) -> None:
    """Rows read from a byte offset are the rows read by skipping every line before them."""
    path, texts = rows_file(tmp_path)
    assert count_rows(path) == 41
    starts = list(range(0, 41, 6))
    offsets = [row_starts(path)[start] for start in starts]
    assert offsets[0] == 0 and offsets == sorted(set(offsets)) and len(offsets) == len(starts)
    for start, offset in zip(starts, offsets, strict=True):
        errors: list[InputError] = []
        sought = list(read_rows(path, start, start + 6, errors.append, offset))
        skipped = list(read_rows(path, start, start + 6, [].append))
        line_ids = [*range(30), None, *range(30, 40)]  # the blank line is line 30
        expected = [str(i) for i in line_ids[start : start + 6] if i is not None and i != 17]
        assert sought == skipped and [d.doc_id for d in sought] == expected
        assert [e.line for e in errors] == ([18] if start <= 17 < start + 6 else [])
    everything = list(read_rows(path, 0, 41, [].append))
    assert [d.text for d in everything] == [t for i, t in enumerate(texts) if i != 17]


def test_parquet_rows_start_in_the_right_row_group(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "rows.parquet"
    rows = [{"id": str(i), "text": f"Заняты {i} тысяч."} for i in range(1000)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=300)
    assert pq.ParquetFile(path).num_row_groups == 4
    for start in (0, 1, 299, 300, 301, 555, 899, 900, 999, 1000):
        assert list(parquet_rows(path, start)) == rows[start:]


def test_a_line_separator_inside_a_jsonl_string_is_no_line_break(tmp_path: Path) -> None:
    """JSON allows a raw U+2028 in a string (scraped news has them); only "\n" ends a JSONL line."""
    path = tmp_path / "rows.jsonl"
    text = "Первая строка\u2028вторая: 12 тысяч."
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    errors: list[InputError] = []
    assert [d.text for d in read_documents([path], on_error=errors.append)] == [text] and not errors


def test_a_byte_order_mark_before_the_first_line_is_read_past(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    lines = [json.dumps({"id": n, "text": f"Заняты {n} тысяч."}, ensure_ascii=False) for n in (1, 2)]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    errors: list[InputError] = []
    assert [d.doc_id for d in read_rows(path, 0, 2, errors.append)] == ["1", "2"] and not errors
    assert [d.doc_id for d in read_documents([path], on_error=errors.append)] == ["1", "2"] and not errors
    table = tmp_path / "rows.csv"
    table.write_bytes(b'\xef\xbb\xbfid,text\r\n7,"\xd0\x94\xd0\xb0: 5 %"\r\n')  # as Excel saves it
    assert [(d.doc_id, d.text) for d in read_rows(table, 0, 1, errors.append)] == [("7", "Да: 5 %")] and not errors


def test_a_task_seeks_to_its_rows_of_a_csv_file(tmp_path: Path) -> None:
    """CSV rows read from a byte offset are the rows read from the start: quoted fields spanning lines
    (with CRLF inside), a blank line between rows, and a byte-order mark before the header."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "text", "date"])
    for i in range(30):
        text = f"Абзац {i}: заняты {i} тысяч.\r\nВторой абзац, «в кавычках», ещё {i}%." if i % 3 else f"Строка {i}"
        writer.writerow([str(i), text, "2024-05-0" + str(1 + i % 9)])
        if i == 12:
            out.write("\r\n")
    path = tmp_path / "rows.csv"
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    assert count_rows(path) == 30
    starts = list(range(0, 30, 4))
    offsets = [row_starts(path)[start] for start in starts]
    assert offsets[0] > 0 and offsets == sorted(set(offsets)) and len(offsets) == len(starts)
    everything = list(read_rows(path, 0, 30, [].append))
    assert [d.doc_id for d in everything] == [str(i) for i in range(30)]
    # CRLF inside a quoted field read as "\n", as text mode reads it
    assert everything[1].text == "Абзац 1: заняты 1 тысяч.\nВторой абзац, «в кавычках», ещё 1%."
    for start, offset in zip(starts, offsets, strict=True):
        errors: list[InputError] = []
        assert list(read_rows(path, start, start + 4, errors.append, offset)) == everything[start : start + 4]
        assert not errors
