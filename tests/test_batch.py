from __future__ import annotations

import csv
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from statextract.batch import batch, plan
from statextract.errors import StatextractError
from statextract.records import FIELDS

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpora" / "dev").glob("*.txt"))


def dev_folder(tmp_path: Path, count: int) -> Path:
    """A folder of the first `count` dev documents as .txt files."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in DEV[:count]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def rows_of(texts: list[Path]) -> list[dict[str, str]]:
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": ""} for p in texts]


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """An archive of every input kind, made of our dev documents."""
    folder = tmp_path / "archive"
    (folder / "txt").mkdir(parents=True)
    for path in DEV[:6]:
        (folder / "txt" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "a.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_of(DEV[6:10])), encoding="utf-8"
    )
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as file:
        file.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_of(DEV[10:13]))
    for name, opener in (("c.csv", open), ("d.csv.gz", gzip.open)):
        with opener(folder / name, "wt", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=["id", "text", "date"])
            writer.writeheader()
            writer.writerows(rows_of(DEV[13:16] if name == "c.csv" else DEV[16:18]))
    pq.write_table(pa.Table.from_pylist(rows_of(DEV[18:22])), folder / "e.parquet")
    return folder


def test_every_input_kind_into_every_output(archive: Path, tmp_path: Path) -> None:
    summary = batch([archive], tmp_path / "out.parquet", chunk_size=3)
    table = pq.read_table(tmp_path / "out.parquet")
    assert summary.documents == 22 and summary.errors == 0 and summary.records == table.num_rows > 100
    assert table.column_names == list(FIELDS)
    assert set(table.column("doc_id").to_pylist()) == {p.stem for p in DEV[:22]}
    batch([archive], tmp_path / "out.jsonl", chunk_size=5)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == table.to_pylist()
    batch([archive], tmp_path / "out.csv", chunk_size=5)
    with (tmp_path / "out.csv").open(encoding="utf-8") as file:
        assert len(list(csv.DictReader(file))) == table.num_rows
    assert (tmp_path / "out.csv.errors.jsonl").read_text(encoding="utf-8") == ""
    assert not (tmp_path / "out.csv.parts").exists()


def test_bad_documents_go_to_the_errors_file_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Заняты 57 тысяч фермеров.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\xff" * 50)
    (folder / "rows.jsonl").write_text(
        '{"id": "r1", "text": "Заняты 5 человек."}\n{oops\n'
        + json.dumps({"id": "big", "text": "x" * 2_000_001})
        + "\n",
        encoding="utf-8",
    )
    summary = batch([folder], tmp_path / "out.jsonl", chunk_size=2)
    assert summary.documents == 2 and summary.errors == 3
    assert [json.loads(line)["doc_id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == ["good", "r1"]
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert [e["reason"] for e in errors] == [
        f"{folder / 'bad.txt'}: not UTF-8 or cp1251 text; re-encode it as UTF-8",
        f"{folder / 'rows.jsonl'}:2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{folder / 'rows.jsonl'}:3: too large (2,000,001 characters; the limit is 2,000,000)",
    ]


def test_plan_is_deterministic_and_covers_every_document(archive: Path) -> None:
    problems: list = []
    tasks = plan([archive], chunk_size=2, problems=problems)
    assert tasks == plan([archive], chunk_size=2, problems=[]) and problems == []
    assert sum(t.stop - t.start if t.stop else len(t.paths) for t in tasks) == 22


def test_a_small_archive_is_cut_into_tasks_that_keep_every_worker_busy(tmp_path: Path) -> None:
    """2,000 rows in tasks of up to 200 would make ten tasks, two workers one long wait at the end; the plan
    cuts them finer (at least 64 tasks of 25 documents or more), and the same whatever the workers."""
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": i, "text": "Заняты 57 тысяч."}) + "\n" for i in range(2_000)))
    tasks = plan([rows], chunk_size=200, problems=[])
    assert len(tasks) == 65 and {t.stop - t.start for t in tasks[:-1]} == {31}
    assert (tasks[-1].start, tasks[-1].stop) == (64 * 31, 2_000)
    assert len(plan([rows], chunk_size=10, problems=[])) == 200  # a smaller chunk size is kept


def run_cli(*args: str) -> subprocess.Popen:
    script = Path(sys.executable).parent / "statextract"
    return subprocess.Popen([str(script), "batch", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_killed_run_resumes_to_exactly_the_uninterrupted_output(tmp_path: Path) -> None:
    folder = dev_folder(tmp_path, 40)
    batch([folder], tmp_path / "whole.parquet", chunk_size=2)

    out = tmp_path / "out.parquet"
    parts = tmp_path / "out.parquet.parts"
    process = run_cli(str(folder), "--output", str(out), "--chunk-size", "2")
    deadline = time.time() + 240
    while time.time() < deadline and len(list(parts.glob("part-*.parquet"))) < 4:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = len(list(parts.glob("part-*.parquet")))
    assert 4 <= done_before < 20 and not out.exists()

    refused = run_cli(str(folder), "--output", str(out), "--chunk-size", "2")
    assert refused.wait() == 1 and "add --resume" in refused.stderr.read()

    resumed = run_cli(str(folder), "--output", str(out), "--chunk-size", "2", "--resume")
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read()
    assert pq.read_table(out).equals(pq.read_table(tmp_path / "whole.parquet"))
    assert not parts.exists()


def test_workers_and_the_dask_engine_give_the_same_output(tmp_path: Path) -> None:
    folder = dev_folder(tmp_path, 12)
    alone = batch([folder], tmp_path / "one.parquet", chunk_size=3)
    pooled = batch([folder], tmp_path / "two.parquet", chunk_size=3, workers=2)
    batch([folder], tmp_path / "dask.parquet", chunk_size=3, workers=2, engine="dask")
    # every worker reports the time its tasks took (the benchmark's throughput without start-up)
    assert len(alone.busy) == 1 and 1 <= len(pooled.busy) <= 2 and os.getpid() not in pooled.busy
    assert all(seconds > 0 for seconds in [*alone.busy.values(), *pooled.busy.values()])
    one = pq.read_table(tmp_path / "one.parquet")
    assert one.num_rows > 50
    assert one.equals(pq.read_table(tmp_path / "two.parquet"))
    assert one.equals(pq.read_table(tmp_path / "dask.parquet"))


def test_partitioned_output_is_a_folder_of_parts(tmp_path: Path) -> None:
    folder = dev_folder(tmp_path, 5)
    batch([folder], tmp_path / "parts", chunk_size=2)
    assert sorted(p.name for p in (tmp_path / "parts").glob("*.parquet")) == [
        "part-000000.parquet",
        "part-000001.parquet",
        "part-000002.parquet",
    ]
    assert pq.read_table(tmp_path / "parts").num_rows > 10


def test_a_run_resumed_with_another_plan_is_refused(tmp_path: Path) -> None:
    """Parts are known by task number: resumed with another --chunk-size, task 1 would be other rows."""
    folder = dev_folder(tmp_path, 5)
    out = tmp_path / "parts"
    batch([folder], out, chunk_size=2)
    first = pq.read_table(out)
    with pytest.raises(StatextractError, match="another --chunk-size"):
        batch([folder], out, chunk_size=3, resume=True)
    summary = batch([folder], out, chunk_size=2, resume=True)  # the same plan: nothing left to do
    assert summary.skipped == 3 and summary.documents == 0 and pq.read_table(out).equals(first)


def test_a_run_in_this_process_leaves_the_vocabulary_as_it_was(tmp_path: Path) -> None:
    """One worker runs the tasks in this process, in one memory zone over all of them; the zone ends with
    the run, so the words of the archive do not stay in this process's vocabulary."""
    from statextract.batch import worker_extractor

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.txt").write_text(f"Работают {n + 5} тысяч виолончелистов{n}.", encoding="utf-8")
    batch([folder], tmp_path / "out.jsonl", chunk_size=1)
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["value"] for r in rows] == [5000, 6000, 7000, 8000]
    extractor = worker_extractor()
    assert not extractor.in_zone and "виолончелистов2" not in extractor.nlp.vocab.strings
