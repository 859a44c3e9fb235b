"""Benchmark statextract on real news (../shared/corpora/news), in one run, and print the ratios.

    uv run python scripts/benchmark.py [--shared ../shared/corpora] [--limit N] [--natasha-limit N] [--workers N]

Reports: documents per second of the whole extraction (in a fresh process, so that no cache has seen
the documents); each stage's share of its time; how many
quantity expressions per second the normaliser reads (`parse_quantity`, and `find_quantities` over
whole texts); natasha's full pipeline (segment, morph, syntax, NER) and razdel's tokenisation on the
same documents; `statextract batch` with one worker and with N, over the whole run and while the
workers run tasks (each worker's start-up, the same for one worker or many, left out: it is measured
on its own); the peak resident memory of a worker; the time from a process's start to its first
document processed. It prints statextract's figures as ratios of the others. Timings are wall-clock
on a shared machine, so each is the best of `--repeats` runs (5: single runs here move 10-20% either
way with the machine's other load, and the best of 3 still moved 7%), the two sides of a ratio taking
turns; compare the ratios of one run, never absolute figures across runs.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def load_news(shared: Path, limit: int | None) -> list[tuple[str, str]]:
    """(id, text) of every article in news/*.jsonl, in a fixed order."""
    docs: list[tuple[str, str]] = []
    for path in sorted((shared / "news").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            docs.append((str(row["id"]), row["text"]))
    return docs[:limit] if limit else docs


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def stage_times(texts: list[str]) -> tuple[float, dict[str, float]]:
    """Total seconds and seconds per stage (the tokenizer included) of extracting claims from every text,
    each stage run over the whole stream as `nlp.pipe` runs it (in batches where a stage batches)."""
    from statextract import load

    nlp = load()
    spent: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    spent["tokenizer"] = time.perf_counter() - start
    for name, component in nlp.pipeline:
        t = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
        spent[name] = time.perf_counter() - t
    return time.perf_counter() - start, dict(spent)


def extraction_rate(texts: list[str]) -> float:
    """Documents per second of `Extractor.pipe`, the path every user takes, in a fresh process: its models
    loaded (untimed), but none of the words of `texts` seen before, as when a run meets an article."""
    import subprocess
    import sys
    import tempfile

    code = (
        "import json, sys, time; from statextract.pipeline import Extractor, warm_up\n"
        "texts = [json.loads(line) for line in open(sys.argv[1], encoding='utf-8')]\n"
        "extractor = Extractor(); warm_up(extractor)\n"
        "start = time.perf_counter(); claims = sum(1 for _ in extractor.pipe(texts))\n"
        "print(len(texts) / (time.perf_counter() - start))"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
        file.write("".join(json.dumps(text, ensure_ascii=False) + "\n" for text in texts))
        file.flush()
        finished = subprocess.run([sys.executable, "-c", code, file.name], capture_output=True, text=True, check=True)
    return float(finished.stdout.split()[-1])


def natasha_models() -> tuple[Any, ...]:
    """natasha's segmenter, morphology tagger, syntax parser and NER, loaded (outside the timings, as
    statextract's models are)."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)


def natasha_full(texts: list[str], models: tuple[Any, ...]) -> None:
    from natasha import Doc

    segmenter, morph, syntax, ner = models
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)


def razdel_tokens(texts: list[str]) -> None:
    from razdel import tokenize

    for text in texts:
        for _ in tokenize(text):
            pass


def batch_rate(texts: list[tuple[str, str]], workers: int, folder: Path) -> tuple[float, float, int]:
    """`statextract batch` with this many workers, run in a fresh process: documents per second over the
    whole run (start-up included), documents per second while the workers run tasks (each worker's busy
    time, the slowest worker's total: start-up excluded), and the peak resident memory (MB) of one
    worker: the process itself for one worker, its largest child for more."""
    import os
    import subprocess
    import sys

    archive = folder / "archive.jsonl"
    if not archive.exists():
        archive.write_text(
            "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in texts), encoding="utf-8"
        )
    output = folder / f"out-{workers}.parquet"
    code = (
        "import resource, sys, time; from pathlib import Path; from statextract.batch import batch\n"
        f"start = time.perf_counter(); summary = batch([Path({str(archive)!r})], Path({str(output)!r}),"
        f" workers={workers}, chunk_size=50)\n"
        # The process's own high-water mark (VmHWM): its ru_maxrss would keep the benchmark's own, which
        # it shared between fork and exec; a pool's largest worker from RUSAGE_CHILDREN.
        "own = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) // 1024\n"
        f"peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024 if {workers} > 1 else own\n"
        "print(time.perf_counter() - start, max(summary.busy.values()), peak)"
    )
    # One BLAS thread per worker, as `batch` gives its pool workers, for one worker too: else the lone
    # worker's matrix products would borrow the second core.
    from statextract.batch import ONE_THREAD

    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, **ONE_THREAD}
    )
    seconds, busy, memory = finished.stdout.split()[-3:]
    return len(texts) / float(seconds), len(texts) / float(busy), int(memory)


def startup_seconds(text: str) -> float:
    """Seconds from a fresh process's start to its first document (`text`) processed."""
    import subprocess
    import sys

    code = (
        "import sys, time; from statextract import Extractor;"
        "list(Extractor().pipe([sys.stdin.read()])); print(time.time())"
    )
    start = time.time()
    finished = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    return float(finished.stdout.strip().splitlines()[-1]) - start


def rates(runs: list[float]) -> str:
    return "(" + ", ".join(f"{rate:.1f}" for rate in runs) + ")"


def best_batch(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """The best whole-run and busy rates of a batch's runs, and the highest peak memory of any."""
    return max(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles only")
    parser.add_argument("--natasha-limit", type=int, default=300, help="articles for natasha's full pipeline")
    parser.add_argument("--workers", type=int, default=2, help="workers for the scaling figure")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each timed side; the best counts")
    args = parser.parse_args()

    docs = load_news(args.shared, args.limit)
    if not docs:
        raise SystemExit(f"{args.shared / 'news'}: no *.jsonl articles to measure on (give --shared)")
    texts = [text for _, text in docs]
    print(f"{len(texts)} articles, {sum(map(len, texts)) / len(texts):.0f} characters on average")

    from statextract import load
    from statextract.quantities import find_quantities, parse_quantity

    load()  # build once, outside the timings
    stage_times(texts[:20])  # warm caches the way a long run would have them
    total, spent = stage_times(texts)
    docs_per_second = len(texts) / total
    print(f"\nstatextract, one process: {docs_per_second:.1f} documents/s ({total:.1f} s)")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:<12} {seconds:7.2f} s  {seconds / total:6.1%}")
    quantities_share = spent.get("quantities", 0.0) / total
    subjects_share = (spent.get("subjects", 0.0) + spent.get("professions", 0.0)) / total

    scan = timed(lambda: [find_quantities(text) for text in texts])
    expressions = [text[q.start : q.end] for text in texts for q in find_quantities(text)]
    normalise = timed(lambda: [parse_quantity(expression) for expression in expressions])
    print(
        f"\nnormaliser: {len(expressions) / normalise:,.0f} expressions/s (parse_quantity on "
        f"{len(expressions)} expressions); find_quantities: {len(texts) / scan:,.0f} documents/s"
    )

    # Each side is run `--repeats` times, the runs of the two sides taking turns, and its best rate
    # kept: on a shared machine other work only ever slows a run down.
    sample = texts[: args.natasha_limit]
    repeats = range(args.repeats)
    natasha_runs, sample_runs, ours_runs, razdel_runs = [], [], [], []
    models = natasha_models()
    for _ in repeats:
        sample_runs.append(extraction_rate(sample))
        natasha_runs.append(len(sample) / timed(lambda: natasha_full(sample, models)))
        ours_runs.append(extraction_rate(texts))
        razdel_runs.append(len(texts) / timed(lambda: razdel_tokens(texts)))
    ours_on_sample, natasha_rate, ours, razdel_rate = map(max, (sample_runs, natasha_runs, ours_runs, razdel_runs))
    print(f"\nbest of {args.repeats} runs each, taking turns (every run's rate in brackets):")
    print(f"statextract via Extractor.pipe: {ours:.1f} documents/s {rates(ours_runs)}")
    print(f"  on the first {len(sample)}:           {ours_on_sample:.1f} documents/s {rates(sample_runs)}")
    print(f"natasha full pipeline, on the first {len(sample)}: {natasha_rate:.1f} documents/s {rates(natasha_runs)}")
    print(f"razdel tokenisation:            {razdel_rate:.1f} documents/s {rates(razdel_runs)}")

    import tempfile

    batches: dict[int, list[tuple[float, float, int]]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in repeats:
            for workers in batches:
                batches[workers].append(batch_rate(docs, workers, Path(folder)))
    (one, one_busy, one_rss), (many, many_busy, many_rss) = (best_batch(runs) for runs in batches.values())
    startup = min(startup_seconds(texts[0]) for _ in repeats)
    print(f"\nstatextract batch, whole run: {one:.1f} documents/s with 1 worker, {many:.1f} with {args.workers}")
    print(f"statextract batch, workers busy: {one_busy:.1f} docs/s with 1 worker, {many_busy:.1f} with {args.workers}")
    for workers, runs in batches.items():
        every = ", ".join(f"{whole:.1f}/{busy:.1f}" for whole, busy, _ in runs)
        print(f"  {workers} worker(s), every run (whole run/busy): {every}")
    print(f"peak resident memory per worker: {one_rss} MB (1 worker), {many_rss} MB (largest of {args.workers})")
    print(f"start-up to the first document (the first article) processed: {startup:.2f} s (quickest of {args.repeats})")

    print("\nratios (this run)")
    print(f"  statextract / natasha full pipeline   {ours_on_sample / natasha_rate:6.2f}x  (target >= 7)")
    print(f"  statextract / razdel tokenisation     {ours / razdel_rate:6.2f}x  (target >= 0.25)")
    print(f"  quantities stage share of extraction  {quantities_share:6.1%}")
    print(f"  subjects + professions share          {subjects_share:6.1%}  (target <= 33%)")
    print(f"  {args.workers} workers / 1 worker, workers busy     {many_busy / one_busy:6.2f}x  (target >= 1.8)")
    print(f"  {args.workers} workers / 1 worker, whole run        {many / one:6.2f}x  (start-up included)")
    print(f"  peak memory per worker                {max(one_rss, many_rss):6d} MB (target <= 600)")
    print(f"  start-up to first document            {startup:6.2f} s  (target <= 2)")


if __name__ == "__main__":
    main()
