"""Batch processing of archives: planned in tasks, run on local processes or a dask cluster, resumable.

A run is planned as numbered tasks (a few hundred documents each: a run of `.txt` files, or a range
of rows of a JSONL, CSV or Parquet file), in the order of the inputs. A worker reads its own task's
documents, extracts the records and writes them as one Parquet part, atomically; the parts are then
joined, in task order, into the output. So the output is the same whatever the number of workers or
the engine, a crash loses only tasks in flight, and `--resume` runs only the tasks without a part.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from statextract.errors import InputError, StatextractError
from statextract.reader import (
    ROW_SUFFIXES,
    Document,
    count_rows,
    read_rows,
    read_text_file,
    row_starts,
    suffix_of,
)

SUPPORTED = (".txt", *ROW_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Task:
    """Documents a worker reads on its own: `.txt` files, or rows start..stop-1 of one row file."""

    number: int
    paths: tuple[str, ...]
    start: int = 0
    stop: int = 0
    offset: int = 0  # the byte where row `start` begins, in an uncompressed JSONL or CSV file

    @property
    def part(self) -> str:
        return f"part-{self.number:06d}"


@dataclass(frozen=True, slots=True)
class Outcome:
    number: int
    documents: int
    records: int
    errors: int
    worker: int = 0  # the process id of the worker that ran the task
    seconds: float = 0.0  # time the task took in its worker, the pipeline's first load excluded


@dataclass
class Summary:
    documents: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0  # tasks already done, with --resume
    busy: dict[int, float] = field(default_factory=dict)  # seconds each worker (by process id) spent on tasks
    problems: list[StatextractError] = field(default_factory=list)  # inputs that could not be planned


def input_files(inputs: Iterable[Path], problems: list[StatextractError]) -> list[Path]:
    """Every supported file named or below a named directory, in sorted order per input."""
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and suffix_of(p) in SUPPORTED)
            if not found:
                problems.append(InputError(str(path), f"directory holds no {', '.join(SUPPORTED)} files"))
            files += found
        elif path.is_file() and suffix_of(path) in SUPPORTED:
            files.append(path)
        elif path.is_file():
            problems.append(InputError(str(path), f"not a supported input ({', '.join(SUPPORTED)})"))
        else:
            problems.append(InputError(str(path), "no such file or directory"))
    return files


def plan(inputs: Iterable[Path], *, chunk_size: int, problems: list[StatextractError]) -> list[Task]:
    """The run as numbered tasks, in input order: consecutive `.txt` files grouped, row files cut in ranges.

    Tasks hold at most `chunk_size` documents, and fewer in a small archive (`task_size`), so that the
    workers share out the last tasks instead of one finishing a long task alone. The plan depends on the
    inputs and `chunk_size` only, never on the workers, so `--resume` with other workers finds the same
    tasks.
    """
    # A .txt file (no rows), or a row file: its rows, and the bytes where they start when a task can seek
    # to them (an uncompressed JSONL or CSV file).
    sources: list[tuple[Path, int | None, Sequence[int]]] = []
    for path in input_files(inputs, problems):
        try:
            if path.suffix == ".txt":
                sources.append((path, None, ()))
            elif path.suffix in (".jsonl", ".csv"):
                offsets = row_starts(path)
                sources.append((path, len(offsets), offsets))
            else:
                sources.append((path, count_rows(path), ()))
        except (OSError, UnicodeDecodeError, EOFError, ValueError) as error:
            problems.append(InputError(str(path), f"cannot be read ({error})"))
    size = task_size(sum(1 if rows is None else rows for _, rows, _ in sources), chunk_size)
    tasks: list[Task] = []
    texts: list[str] = []

    def flush() -> None:
        for at in range(0, len(texts), size):
            tasks.append(Task(len(tasks), tuple(texts[at : at + size])))
        texts.clear()

    for path, rows, starts in sources:
        if rows is None:
            texts.append(str(path))
            continue
        flush()
        for start in range(0, rows, size):
            tasks.append(Task(len(tasks), (str(path),), start, min(rows, start + size), starts[start] if starts else 0))
    flush()
    return tasks


# A run is cut into at least this many tasks while they keep SMALLEST_TASK documents or more: with
# tasks of 200 documents, 1,189 news articles made six tasks, and of two workers one sat idle for the
# last quarter of the run while the other finished a task of long articles.
FEWEST_TASKS = 64
SMALLEST_TASK = 25


def task_size(documents: int, chunk_size: int) -> int:
    """Documents per task: `chunk_size`, or fewer so that a small archive still makes FEWEST_TASKS.

    >>> task_size(100_000, 200), task_size(1_189, 200), task_size(300, 200), task_size(1_189, 10)
    (200, 25, 25, 10)
    """
    return min(chunk_size, max(SMALLEST_TASK, documents // FEWEST_TASKS))


def task_documents(task: Task, on_error: Callable[[InputError], None], date: str | None) -> Iterator[Document]:
    if task.stop:
        for document in read_rows(Path(task.paths[0]), task.start, task.stop, on_error, task.offset):
            yield document if document.date or not date else Document(document.doc_id, document.text, date)
        return
    for path in task.paths:
        try:
            yield read_text_file(Path(path), date)
        except InputError as error:
            on_error(error)


@cache
def worker_extractor() -> Any:
    """The pipeline, loaded once per worker process, its models loaded too (they load on first use)."""
    from statextract.pipeline import Extractor, warm_up

    extractor = Extractor()
    warm_up(extractor)
    return extractor


@dataclass
class WorkerZone:
    """A worker's memory zone, kept open from one task to the next until `ZONE` documents have gone
    through it, as `Extractor.stream` keeps one over a stream: a zone per task of 25 documents made
    the worker create the same common words again for every task."""

    zone: ExitStack = field(default_factory=ExitStack)
    documents: int = 0

    def enter(self, extractor: Any) -> None:
        from statextract.pipeline import ZONE

        if self.documents >= ZONE:
            self.close()
        if not extractor.in_zone:
            self.zone.enter_context(extractor.memory_zone())

    def close(self) -> None:
        self.zone.close()
        self.documents = 0


WORKER_ZONE = WorkerZone()


def run_task(task: Task, parts: str, what: str = "claims", date: str | None = None) -> Outcome:
    """Extract one task's records and write them as `parts/part-NNNNNN.parquet`, errors beside it.

    The errors file is written first and the Parquet part last, each by an atomic rename, so a part
    on disk is always a finished task. Runs in the worker; returns only counts.
    """
    from statextract.output import RECORD_TYPES, What, write_parquet

    errors: list[dict[str, Any]] = []

    def failed(error: StatextractError) -> None:
        source = error.source if isinstance(error, InputError) else ""
        errors.append(
            {"task": task.number, "source": source, "line": getattr(error, "line", None), "reason": str(error)}
        )

    extractor = worker_extractor()
    extractor.on_error = failed
    WORKER_ZONE.enter(extractor)
    started = time.perf_counter()
    documents = 0

    def counted() -> Iterator[Document]:
        nonlocal documents
        for document in task_documents(task, failed, date):
            documents += 1
            yield document

    records = list(extractor.records(counted(), what))
    WORKER_ZONE.documents += documents
    directory = Path(parts)
    write_atomically(
        directory / f"_{task.part}.errors.jsonl",  # "_": Parquet readers skip it
        lambda path: path.write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8"
        ),
    )
    write_atomically(
        directory / f"{task.part}.parquet", lambda path: write_parquet(records, RECORD_TYPES[What(what)], path)
    )
    return Outcome(task.number, documents, len(records), len(errors), os.getpid(), time.perf_counter() - started)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write to a temporary name beside `path`, then rename: a reader sees the whole file or none."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(temporary)
    os.replace(temporary, path)


def keep_plan(parts: Path, tasks: list[Task], *, resume: bool) -> None:
    """Write the plan beside the parts, or check a resumed run's against it: parts are known by task
    number only, so a run resumed with other inputs or another --chunk-size would take a part for rows
    it does not hold, and skip or repeat documents."""
    planned = [[t.number, [str(Path(p).resolve()) for p in t.paths], t.start, t.stop, t.offset] for t in tasks]
    path = parts / "_plan.json"  # "_": Parquet readers skip it
    if resume and path.is_file() and json.loads(path.read_text(encoding="utf-8")) != planned:
        raise StatextractError(
            f"{parts}: the run there was planned from other inputs or another --chunk-size; resume it "
            "with the same ones, or remove the folder to start again"
        )
    write_atomically(path, lambda temporary: temporary.write_text(json.dumps(planned), encoding="utf-8"))


def done(parts: Path, task: Task) -> bool:
    return (parts / f"{task.part}.parquet").is_file()


def run_local(tasks: list[Task], parts: Path, what: str, date: str | None, workers: int) -> Iterator[Outcome]:
    """Tasks on this machine: in this process for one worker, else in a pool of spawned processes."""
    if workers <= 1:
        try:
            for task in tasks:
                yield run_task(task, str(parts), what, date)
        finally:
            WORKER_ZONE.close()  # this process goes on: nothing of the run's words stays behind
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    one_thread_each()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(run_task, task, str(parts), what, date) for task in tasks]
        for future in as_completed(futures):
            yield future.result()


ONE_THREAD = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")


def one_thread_each() -> None:
    """Worker processes share the cores: one BLAS thread each (natasha's models multiply with numpy),
    or two workers on two cores fight over four threads."""
    for name, value in ONE_THREAD.items():
        os.environ.setdefault(name, value)


def run_dask(
    tasks: list[Task], parts: Path, what: str, date: str | None, workers: int, scheduler: str | None
) -> Iterator[Outcome]:
    """The same tasks on a dask.distributed cluster: a LocalCluster, or the scheduler at `scheduler`.

    Workers read their inputs and write their parts themselves, so inputs and output must be on storage
    every worker sees; only task descriptions and counts travel through the scheduler.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = (
        None
        if scheduler
        else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    )
    client = Client(scheduler or cluster)
    try:
        futures = [
            client.submit(run_task, task, str(parts), what, date, key=f"statextract-{task.part}", pure=False)
            for task in tasks
        ]
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def assemble(tasks: list[Task], parts: Path, output: Path, what: str) -> None:
    """Join the parts, in task order, into the output file, streaming part by part; errors beside it."""
    import pyarrow.parquet as pq

    from statextract.output import RECORD_TYPES, What, arrow_schema

    record_type = RECORD_TYPES[What(what)]
    suffix = output.suffix

    def write(path: Path) -> None:
        if suffix == ".parquet":
            with pq.ParquetWriter(path, arrow_schema(record_type)) as writer:
                for task in tasks:
                    writer.write_table(pq.read_table(parts / f"{task.part}.parquet"))
            return
        with path.open("w", encoding="utf-8", newline="") as out:
            header = True
            for task in tasks:
                rows = pq.read_table(parts / f"{task.part}.parquet").to_pylist()
                write_rows(rows, record_type, out, suffix, header=header)
                header = False

    write_atomically(output, write)
    write_atomically(errors_path(output), lambda path: join_errors(tasks, parts, path))


def write_rows(rows: list[dict[str, Any]], record_type: type, out: Any, suffix: str, *, header: bool) -> None:
    import csv

    from statextract.records import fields_of

    if suffix == ".csv":
        writer = csv.DictWriter(out, fieldnames=fields_of(record_type))
        if header:
            writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
        return
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def join_errors(tasks: list[Task], parts: Path, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for task in tasks:
            errors = parts / f"_{task.part}.errors.jsonl"
            if errors.is_file():
                out.write(errors.read_text(encoding="utf-8"))


def errors_path(output: Path) -> Path:
    return output / "_errors.jsonl" if is_partitioned(output) else output.with_name(output.name + ".errors.jsonl")


def is_partitioned(output: Path) -> bool:
    """An output without a suffix is a directory of Parquet parts: the partitioned output for a cluster."""
    return output.suffix not in (".parquet", ".jsonl", ".csv")


def parts_of(output: Path) -> Path:
    return output if is_partitioned(output) else output.with_name(output.name + ".parts")


def batch(
    inputs: Iterable[Path],
    output: Path,
    *,
    what: str = "claims",
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    date: str | None = None,
    chunk_size: int = 200,
    progress: Callable[[Outcome, int], None] | None = None,
) -> Summary:
    """Run a batch; `progress(outcome, documents_planned)` is called as each task finishes."""
    summary = Summary()
    tasks = plan(inputs, chunk_size=chunk_size, problems=summary.problems)
    parts = parts_of(output)
    if parts.exists() and not resume and any(parts.glob("part-*.parquet")):
        raise StatextractError(
            f"{parts}: an earlier run left its parts here; add --resume to continue it, "
            "or remove the folder to start again"
        )
    parts.mkdir(parents=True, exist_ok=True)
    keep_plan(parts, tasks, resume=resume)
    pending = [task for task in tasks if not done(parts, task)]
    summary.skipped = len(tasks) - len(pending)
    planned = sum(task.stop - task.start if task.stop else len(task.paths) for task in pending)
    runner = (
        run_dask(pending, parts, what, date, workers, scheduler)
        if engine == "dask"
        else run_local(pending, parts, what, date, workers)
    )
    for outcome in runner:
        summary.documents += outcome.documents
        summary.records += outcome.records
        summary.errors += outcome.errors
        summary.busy[outcome.worker] = summary.busy.get(outcome.worker, 0.0) + outcome.seconds
        if progress is not None:
            progress(outcome, planned)
    if is_partitioned(output):
        join_errors(tasks, parts, errors_path(output))
    else:
        assemble(tasks, parts, output, what)
        shutil.rmtree(parts)
    return summary
