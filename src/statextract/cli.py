"""The `statextract` command: a thin shell that reads, calls the library, writes and reports."""

from __future__ import annotations

import json
import sys
from datetime import date as Date
from pathlib import Path

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


def main() -> None:
    app()
