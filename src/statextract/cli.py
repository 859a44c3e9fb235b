"""The `statextract` command: a thin shell that reads, calls the library, writes and reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from statextract.errors import InputError, StatextractError
from statextract.output import RECORD_TYPES, WRITERS, Format, What

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Statistical claims from Russian text: every quantity with its value, unit, subject, speaker and date.",
)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def report(problems: list[StatextractError]) -> int:
    """One stderr line per problem; the exit status: 1 if there were any."""
    for problem in problems:
        errors.print(f"[red]error[/red] {problem}", markup=True)
    return 1 if problems else 0


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


@app.command()
def parse(
    paths: list[str] = typer.Argument(..., help=".txt files, directories of .txt, .jsonl files, or - for stdin"),
    what: What = typer.Option(What.claims, "--what", help="claims, quotes or professions"),
    output_format: Format = typer.Option(Format.table, "--format", "-f", help="output format"),
    output: Path | None = typer.Option(None, "--output", "-o", help="write here instead of stdout"),
    date: str | None = typer.Option(None, "--date", callback=check_date, help="date of documents without one"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks of internal errors"),
) -> None:
    """Extract claims (or quotes, or profession mentions) from text files, a directory, JSONL or stdin."""
    from statextract.pipeline import Extractor
    from statextract.reader import read_documents

    if output_format == Format.parquet and output is None:
        raise typer.BadParameter("parquet needs --output FILE", param_hint="--format")
    problems: list[StatextractError] = []
    extractor = Extractor(on_error=problems.append, debug=debug)
    records = extractor.records(read_documents(paths, on_error=problems.append, date_=date), what.value)
    record_type = RECORD_TYPES[what]
    if output_format == Format.parquet:
        from statextract.output import write_parquet

        assert output is not None
        write_parquet(records, record_type, output)
    elif output is None:
        WRITERS[output_format](records, record_type, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as out:
            WRITERS[output_format](records, record_type, out)
    raise typer.Exit(report(problems))


@app.command("eval")
def evaluate_command(
    gold: Path = typer.Argument(..., help="gold claims, one JSON record a line"),
    docs: Path = typer.Argument(..., help="the directory of the gold documents"),
    misses: Path | None = typer.Option(None, "--misses", help="write every wrong field here, as JSONL"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
) -> None:
    """Score extraction against gold claims: detection P/R/F1 and accuracy per field."""
    from rich.table import Table

    from statextract.evaluate import FIELDS_SCORED, read_gold, score
    from statextract.pipeline import Extractor
    from statextract.reader import read_documents

    problems: list[StatextractError] = []
    try:
        gold_claims = read_gold(gold)
    except (OSError, json.JSONDecodeError) as error:
        raise typer.Exit(report([InputError(str(gold), f"cannot read gold claims ({error})")])) from None
    wanted = {claim["doc_id"] for claim in gold_claims}
    documents = [d for d in read_documents([docs], on_error=problems.append) if d.doc_id in wanted]
    predicted = [claim.to_dict() for claim in Extractor(on_error=problems.append).pipe(documents)]
    result = score(gold_claims, predicted)
    if misses is not None:
        misses.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in result.misses), encoding="utf-8")
    summary = result.summary()
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        table = Table(title=f"{len(documents)} documents, {result.gold} gold claims, {result.predicted} predicted")
        table.add_column("measure")
        table.add_column("value", justify="right")
        for name in ("precision", "recall", "f1"):
            table.add_row(f"detection {name}", f"{summary[name]:.3f}")
        for name in FIELDS_SCORED:
            table.add_row(f"{name} accuracy", f"{summary['accuracy'][name]:.3f}")
        table.add_row("speaker accuracy (attributed)", f"{summary['speaker_accuracy_attributed']:.3f}")
        table.add_row("profession precision", f"{summary['profession_precision']:.3f}")
        table.add_row("profession recall", f"{summary['profession_recall']:.3f}")
        Console().print(table)
    raise typer.Exit(report(problems))


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command("batch")
def batch_command(
    inputs: list[Path] = typer.Argument(..., help="directories or files: .txt, .jsonl(.gz), .csv(.gz), .parquet"),
    output: Path = typer.Option(..., "--output", "-o", help="OUT.parquet, OUT.jsonl, OUT.csv, or a folder for parts"),
    what: What = typer.Option(What.claims, "--what", help="claims, quotes or professions"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="worker processes"),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local processes or a dask.distributed cluster"),
    scheduler: str | None = typer.Option(None, "--scheduler", help="a dask scheduler address (with --engine dask)"),
    resume: bool = typer.Option(False, "--resume", help="continue an interrupted run where it stopped"),
    date: str | None = typer.Option(None, "--date", callback=check_date, help="date of documents without one"),
    chunk_size: int = typer.Option(200, "--chunk-size", min=1, help="documents per task, at most"),
) -> None:
    """Process an archive: streaming, resumable, on local processes or a dask cluster."""
    from statextract.batch import batch

    if scheduler and engine != Engine.dask:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    with progress_bar() as advance:
        try:
            summary = batch(
                inputs,
                output,
                what=what.value,
                workers=workers,
                engine=engine.value,
                scheduler=scheduler,
                resume=resume,
                date=date,
                chunk_size=chunk_size,
                progress=advance,
            )
        except StatextractError as error:
            raise typer.Exit(report([error])) from None
    status = report(summary.problems)
    errors = f"; {summary.errors} documents failed, see {output.name}.errors.jsonl" if summary.errors else ""
    resumed = f" ({summary.skipped} tasks done before)" if summary.skipped else ""
    errors_console = Console(stderr=True, highlight=False)
    errors_console.print(f"{summary.documents} documents, {summary.records} {what.value}{resumed}{errors} -> {output}")
    raise typer.Exit(1 if summary.errors or status else 0)


@contextmanager
def progress_bar() -> Iterator[Callable[[Any, int], None]]:
    """Documents, records, documents per second and ETA on a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda outcome, planned: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("{task.completed:.0f}/{task.total:.0f} documents"),
        BarColumn(),
        TextColumn("{task.fields[records]} records"),
        TextColumn("{task.speed} docs/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=errors) as bar:
        task = bar.add_task("batch", total=None, records=0)
        seen = {"records": 0}

        def advance(outcome: Any, planned: int) -> None:
            seen["records"] += outcome.records
            bar.update(task, total=planned, advance=outcome.documents, records=seen["records"])

        yield advance


def main() -> None:
    app()
