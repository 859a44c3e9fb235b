"""Train the PROFESSION recogniser (a small CPU spaCy NER) on NEREL into models/profession_ner/.

    uv run python scripts/train_profession_ner.py [--nerel ../shared/corpora/nerel] [--output models/profession_ner]

Steps: NEREL train/ and dev/ (BRAT) -> spaCy DocBin files, tokenised like statextract's pipeline
(`spacy.blank("ru")` with hyphenated words kept whole), PROFESSION mentions only; nested mentions
are flattened by keeping the longest of overlapping ones, discontinuous mentions keep their first
fragment. Then a tok2vec (hash embeddings of NORM, PREFIX, SUFFIX, SHAPE + a maxout CNN; no
pretrained vectors) + transition-based NER is trained on CPU. Every --eval-every steps the model is
scored on dev with the head-lemma metric of scripts/eval_profession_ner.py; the best step is kept,
and training stops after --patience steps without improvement, at --max-steps or at --max-minutes.
The best pipeline goes to --output together with meta_statextract.json (inputs, command, settings,
dev scores). Training is deterministic for a given --seed; one run takes about 20 minutes on one CPU core.

Settings tried (dev head-lemma F1 of the best step): the defaults 0.843; NORM rows 5000 with dropout
0.15: 0.828; dropout 0.3: 0.843 (0.848 with --seed 1); dropout 0.4: 0.842; width 128 and hidden 128:
0.844; --nested both: 0.841; --batch-stop 500: 0.840; --embed char: 0.818. Every setting peaks after
3-7 epochs and then overfits.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words
from spacy.util import filter_spans, fix_random_seed
from thinc.api import Adam, Config, compounding

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_profession_ner import LABEL, GoldDoc, keep_hyphenated_words, read_doc, score  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MAX_MODEL_MB = 30

CONFIG = """
[nlp]
lang = "ru"
pipeline = ["tok2vec","ner"]
batch_size = 256

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

{embed}

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = {window}
maxout_pieces = 3

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"
"""


HASH_EMBED = """[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [{embed_size},{sub_size},{sub_size},{sub_size}]
include_static_vectors = false
"""

CHAR_EMBED = """[components.tok2vec.model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = {width}
rows = {embed_size}
nM = 32
nC = 16
include_static_vectors = false
feature = "NORM"
"""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of `text`, each with the line breaks after it."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*\n*", text)]


def shortest(spans: list[Span]) -> list[Span]:
    """The shortest of overlapping spans (the first on ties), in text order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.end - s.start, s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def convert(
    nlp: Language, directory: Path, split_paragraphs: bool, nested: str = "longest"
) -> tuple[list[Doc], dict[str, int]]:
    """Docs with PROFESSION entities for the BRAT documents in `directory`, and counts for the record.

    Overlapping mentions: `nested` = "longest" keeps the longest, "shortest" the shortest, and "both"
    keeps the longest and adds a second copy of each paragraph with nested mentions that keeps the
    shortest (training data only).
    """
    docs: list[Doc] = []
    stats = dict.fromkeys(
        ("documents", "examples", "mentions", "discontinuous", "kept", "dropped_nested", "expanded"), 0
    )
    for txt in sorted(directory.glob("*.txt")):
        text, mentions = read_doc(txt)
        stats["documents"] += 1
        stats["mentions"] += len(mentions)
        stats["discontinuous"] += sum(m.discontinuous for m in mentions)
        pieces = paragraphs(text) if split_paragraphs else [(0, len(text))]
        for start, end in pieces:
            doc = nlp.make_doc(text[start:end])
            spans = []
            for m in mentions:
                if start <= m.start and m.end <= end:
                    span = doc.char_span(m.start - start, m.end - start, label=LABEL, alignment_mode="expand")
                    if span is None:
                        raise ValueError(f"{txt}: no tokens for {m}")
                    stats["expanded"] += (span.start_char, span.end_char) != (m.start - start, m.end - start)
                    spans.append(span)
                elif start < m.end and m.start < end:
                    raise ValueError(f"{txt}: {m} crosses a paragraph break")
            kept = filter_spans(spans) if nested != "shortest" else shortest(spans)
            stats["kept"] += len(kept)
            stats["dropped_nested"] += len(spans) - len(kept)
            doc.ents = kept
            docs.append(doc)
            if nested == "both" and len(kept) < len(spans):
                inner = nlp.make_doc(doc.text)
                inner.ents = [Span(inner, s.start, s.end, label=LABEL) for s in shortest(spans)]
                docs.append(inner)
                stats["inner_copies"] = stats.get("inner_copies", 0) + 1
    stats["examples"] = len(docs)
    return docs, stats


def build_nlp(args: argparse.Namespace) -> Language:
    embed = (CHAR_EMBED if args.embed == "char" else HASH_EMBED).format(
        width=args.width, embed_size=args.embed_size, sub_size=max(args.embed_size // 2, 500)
    )
    text = CONFIG.format(
        embed=embed,
        width=args.width,
        depth=args.depth,
        window=args.window,
        hidden=args.hidden,
    )
    nlp = spacy.util.load_model_from_config(Config().from_str(text), auto_fill=True, validate=True)
    keep_hyphenated_words(nlp)
    return nlp


def dev_scores(nlp: Language, dev_docs: dict[str, GoldDoc], dev_examples: list[Example]) -> dict[str, Any]:
    predicted = {}
    names = list(dev_docs)
    for name, doc in zip(names, nlp.pipe((dev_docs[n].text for n in names), batch_size=16), strict=True):
        predicted[name] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == LABEL]
    head = score(predicted, dev_docs)
    exact = nlp.evaluate(dev_examples)
    return {
        "head_lemma": {k: round(v, 4) if isinstance(v, float) else v for k, v in head.items()},
        "exact_flat": {k: round(exact[f"ents_{k}"], 4) for k in ("p", "r", "f")},
    }


def directory_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def command_line(argv: list[str]) -> str:
    return "uv run python scripts/train_profession_ner.py" + "".join(" " + shlex.quote(a) for a in argv)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=Path("../shared/corpora/nerel"), help="relative to the repo root")
    parser.add_argument("--output", type=Path, default=Path("models/profession_ner"), help="relative to the repo root")
    parser.add_argument("--data-dir", type=Path, help="keep the DocBin files here (default: a temporary folder)")
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--window", type=int, default=1)
    parser.add_argument(
        "--embed",
        choices=("hash", "char"),
        default="hash",
        help="hash: NORM, PREFIX, SUFFIX, SHAPE tables; char: NORM table + 16 UTF-8 bytes (8 first, 8 last)",
    )
    parser.add_argument("--embed-size", type=int, default=10000, help="rows of the NORM table; affixes/shape get half")
    parser.add_argument("--hidden", type=int, default=64, help="hidden width of the NER state layer")
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--batch-start", type=int, default=100, help="words per batch, compounding up to --batch-stop")
    parser.add_argument("--batch-stop", type=int, default=1000)
    parser.add_argument("--no-averages", action="store_true", help="evaluate/save raw weights, not parameter averages")
    parser.add_argument("--whole-docs", action="store_true", help="train on whole documents, not paragraphs")
    parser.add_argument(
        "--nested",
        choices=("longest", "shortest", "both"),
        default="longest",
        help="which of overlapping train mentions to keep (dev always keeps the longest)",
    )
    parser.add_argument("--max-steps", type=int, default=20000)
    parser.add_argument("--patience", type=int, default=3000, help="stop after this many steps without a better dev F1")
    parser.add_argument("--eval-every", type=int, default=250)
    parser.add_argument("--max-minutes", type=float, default=38.0, help="stop training after this wall time")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv
    started = time.time()

    nerel = args.nerel if args.nerel.is_absolute() else ROOT / args.nerel
    output = args.output if args.output.is_absolute() else ROOT / args.output
    fix_random_seed(args.seed)
    random.seed(args.seed)

    nlp = build_nlp(args)
    tmp = tempfile.TemporaryDirectory(prefix="profession_ner_")
    data_dir = args.data_dir or Path(tmp.name) / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    stats = {}
    for split in ("train", "dev"):
        nested = args.nested if split == "train" else "longest"
        docs, stats[split] = convert(nlp, nerel / split, split_paragraphs=not args.whole_docs, nested=nested)
        DocBin(docs=docs, store_user_data=False).to_disk(data_dir / f"{split}.spacy")
        print(f"{split}: {stats[split]}", flush=True)

    # Train from the DocBin files, as `spacy train` would; the predicted side uses nlp's own tokeniser.
    def examples(split: str) -> list[Example]:
        refs = DocBin().from_disk(data_dir / f"{split}.spacy").get_docs(nlp.vocab)
        return [Example(nlp.make_doc(ref.text), ref) for ref in refs]

    train_examples = examples("train")
    dev_examples = examples("dev")
    dev_docs = {}
    for txt in sorted((nerel / "dev").glob("*.txt")):
        text, mentions = read_doc(txt)
        dev_docs[txt.stem] = GoldDoc(text, sorted({(m.start, m.end) for m in mentions}))

    optimizer = Adam(learn_rate=args.learn_rate, L2=0.01, grad_clip=1.0, use_averages=not args.no_averages)
    nlp.initialize(lambda: train_examples, sgd=optimizer)
    best_dir = Path(tmp.name) / "best"
    best: dict[str, Any] = {"f1": -1.0}
    sizes = compounding(args.batch_start, args.batch_stop, 1.001)
    step = epoch = 0
    stop_reason = "max-steps"
    print(f"{'epoch':>5} {'step':>6} {'loss':>9} {'P':>6} {'R':>6} {'F1':>6} {'exactF':>6} {'min':>5}", flush=True)
    done = False
    losses: dict[str, float] = {}
    while not done:
        epoch += 1
        random.shuffle(train_examples)
        for batch in minibatch_by_words(train_examples, size=sizes):  # type: ignore[arg-type]  # any iterable works
            nlp.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
            step += 1
            minutes = (time.time() - started) / 60
            if step % args.eval_every == 0 or step >= args.max_steps or minutes >= args.max_minutes:
                params = optimizer.averages if optimizer.averages else {}
                with nlp.use_params(params):
                    result = dev_scores(nlp, dev_docs, dev_examples)
                    head = result["head_lemma"]
                    better = head["f1"] > best["f1"]
                    if better:
                        best = {"f1": head["f1"], "step": step, "epoch": epoch, "dev": result}
                        nlp.to_disk(best_dir)
                print(
                    f"{epoch:>5} {step:>6} {losses.get('ner', 0.0):>9.1f} {head['precision']:>6.3f} "
                    f"{head['recall']:>6.3f} {head['f1']:>6.3f} {result['exact_flat']['f']:>6.3f} "
                    f"{minutes:>5.1f}{' *' if better else ''}",
                    flush=True,
                )
                losses = {}
                if step >= args.max_steps:
                    done = True
                elif minutes >= args.max_minutes:
                    stop_reason, done = "max-minutes", True
                elif step - best["step"] >= args.patience:
                    stop_reason, done = "patience", True
            if done:
                break
    train_minutes = (time.time() - started) / 60

    if output.exists():
        if any(output.iterdir()) and not (output / "config.cfg").exists():
            raise SystemExit(f"{output} exists and is not a spaCy pipeline; not overwriting it")
        shutil.rmtree(output)
    shutil.copytree(best_dir, output)
    size_mb = float(subprocess.run(["du", "-sk", str(output)], capture_output=True, text=True).stdout.split()[0]) / 1024
    meta = {
        "what": "spaCy NER for PROFESSION mentions in Russian text, trained on NEREL",
        "command": command_line(argv),
        "inputs": {
            "nerel": str(args.nerel),
            "train": stats["train"],
            "dev": stats["dev"],
            "source": "NEREL v1.1 (nerel-ds/NEREL), Russian Wikinews, CC BY 2.5; see ../shared/corpora/PROVENANCE.md",
        },
        "tokenisation": 'spacy.blank("ru") with the hyphen infix removed (statextract.pipeline.keep_hyphenated_words)',
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "training": {
            "best_step": best["step"],
            "best_epoch": best["epoch"],
            "steps": step,
            "stopped_by": stop_reason,
            "minutes": round(train_minutes, 1),
        },
        "dev_scores": best["dev"],
        "metric": "head_lemma: overlap + same pymorphy3 head lemma, all gold mentions incl. nested "
        "(scripts/eval_profession_ner.py); exact_flat: spaCy exact-span scores against the flattened gold",
        "size_mb": round(size_mb, 1),
        "spacy": spacy.__version__,
    }
    (output / "meta_statextract.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    tmp.cleanup()
    print(f"best step {best['step']}: dev {best['dev']}")
    print(f"{output}: {size_mb:.1f} MB, {train_minutes:.1f} minutes")
    if size_mb > MAX_MODEL_MB:
        raise SystemExit(f"{output} is {size_mb:.1f} MB, over the {MAX_MODEL_MB} MB budget")


if __name__ == "__main__":
    main()
