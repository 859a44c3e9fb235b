"""Score PROFESSION finders on NEREL dev by overlap plus shared head lemma.

    uv run python scripts/eval_profession_ner.py [--nerel ../shared/corpora/nerel] [--model models/profession_ner]

A gold PROFESSION mention is found when a predicted span overlaps it and has the same head lemma; a
predicted span is correct when it overlaps a gold mention with the same head lemma. The head of a span
is its first token whose pymorphy3 part of speech is NOUN, else its last word token; its lemma is
pymorphy3's first normal form, lower-case, with ё -> е. Tokens are statextract's (`spacy.blank("ru")`
with hyphenated words whole), and a span's tokens are all those it overlaps: NEREL's gold
"президента" inside "экс-президента" has the head lemma "экс-президент", like a prediction of the
whole token. Every gold PROFESSION mention counts, nested ones included (mentions with identical
offsets count once); a discontinuous mention counts as its first fragment.

Other predictors are scored with the same code: a predictor is any callable text -> [(start, end)],
and `evaluate(predictor, docs)` or `score(predictions, docs)` score it, e.g.

    from eval_profession_ner import read_split, evaluate
    docs = read_split(Path("../shared/corpora/nerel/dev"))
    print(evaluate(my_lexicon_finder, docs))
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NEREL = ROOT.parent / "shared" / "corpora" / "nerel"
DEFAULT_MODEL = ROOT / "models" / "profession_ner"
LABEL = "PROFESSION"
HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"

Span = tuple[int, int]
Predictor = Callable[[str], Iterable[Span]]


class GoldDoc(NamedTuple):
    text: str
    spans: list[Span]  # every PROFESSION mention, nested ones included, sorted


class Mention(NamedTuple):
    start: int
    end: int
    discontinuous: bool


def read_doc(txt: Path, label: str = LABEL) -> tuple[str, list[Mention]]:
    """The text of a BRAT document and its `label` mentions (first fragment of discontinuous ones)."""
    text = txt.read_text(encoding="utf-8")
    mentions: list[Mention] = []
    ann = txt.with_suffix(".ann")
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, surface = line.split("\t", 2)
        kind, offsets = info.split(" ", 1)
        if kind != label:
            continue
        fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
        start, end = fragments[0]
        if len(fragments) == 1 and text[start:end] != surface:
            raise ValueError(f"{ann}: {line!r} does not match the text {text[start:end]!r}")
        mentions.append(Mention(start, end, len(fragments) > 1))
    return text, sorted(set(mentions))


def read_split(directory: Path, label: str = LABEL) -> dict[str, GoldDoc]:
    """{document name: GoldDoc} for every NAME.txt + NAME.ann in `directory`."""
    docs: dict[str, GoldDoc] = {}
    for txt in sorted(directory.glob("*.txt")):
        text, mentions = read_doc(txt, label)
        docs[txt.stem] = GoldDoc(text, sorted({(m.start, m.end) for m in mentions}))
    if not docs:
        raise SystemExit(f"{directory}: no BRAT documents")
    return docs


def keep_hyphenated_words(nlp: Any) -> None:
    """statextract's tokenisation: "вице-премьер" stays one token (see statextract.pipeline)."""
    from spacy.util import compile_infix_regex

    infixes = [p for p in nlp.Defaults.infixes or () if not (isinstance(p, str) and HYPHEN_INFIX in p)]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@cache
def tokenizer() -> Any:
    import spacy

    nlp = spacy.blank("ru")
    keep_hyphenated_words(nlp)
    return nlp


@cache
def morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def parse(word: str) -> tuple[str | None, str]:
    """(part of speech, lemma) of pymorphy3's first parse."""
    best = morph().parse(word)[0]
    return best.tag.POS, best.normal_form.lower().replace("ё", "е")


class Heads:
    """Head lemmas of spans of one text, tokenised once."""

    def __init__(self, text: str) -> None:
        doc = tokenizer().make_doc(text)
        self.tokens = [(t.idx, t.idx + len(t.text), t.text) for t in doc if not t.is_space]
        self.cache: dict[Span, str] = {}

    def __call__(self, span: Span) -> str:
        if span not in self.cache:
            start, end = span
            words = [w for s, e, w in self.tokens if s < end and e > start]
            if not words:
                self.cache[span] = ""
            else:
                nouns = [w for w in words if parse(w)[0] == "NOUN"]
                wordy = [w for w in words if any(c.isalnum() for c in w)] or words
                self.cache[span] = parse(nouns[0] if nouns else wordy[-1])[1]
        return self.cache[span]


def matches(span: Span, others: Sequence[Span], head: Callable[[Span], str]) -> bool:
    """Whether `span` overlaps one of `others` with the same head lemma."""
    return any(s < span[1] and e > span[0] and head((s, e)) == head(span) for s, e in others)


def score(
    predicted: Mapping[str, Iterable[Span]],
    gold: Mapping[str, GoldDoc],
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, float]:
    """Precision, recall and F1 of `predicted` {doc name: [(start, end)]} against `gold` {doc name: GoldDoc}.

    Documents missing from `predicted` count as having no predictions. When `errors` is a list, the
    false positives and missed gold mentions are appended to it.
    """
    unknown = set(predicted) - set(gold)
    if unknown:
        raise ValueError(f"predictions for documents without gold: {sorted(unknown)[:5]}")
    n_pred = n_correct = n_gold = n_found = 0
    for name, doc in gold.items():
        spans = sorted({(int(s), int(e)) for s, e in predicted.get(name, ())})
        head = Heads(doc.text)
        n_gold += len(doc.spans)
        n_pred += len(spans)
        for span in spans:
            ok = matches(span, doc.spans, head)
            n_correct += ok
            if not ok and errors is not None:
                errors.append({"doc": name, "kind": "fp", "span": span, "text": doc.text[span[0] : span[1]]})
        for span in doc.spans:
            ok = matches(span, spans, head)
            n_found += ok
            if not ok and errors is not None:
                errors.append({"doc": name, "kind": "fn", "span": span, "text": doc.text[span[0] : span[1]]})
    precision = n_correct / n_pred if n_pred else 0.0
    recall = n_found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "predicted": n_pred,
        "correct": n_correct,
        "gold": n_gold,
        "found": n_found,
    }


def predict(predictor: Predictor, gold: Mapping[str, GoldDoc]) -> dict[str, list[Span]]:
    return {name: [(int(s), int(e)) for s, e in predictor(doc.text)] for name, doc in gold.items()}


def evaluate(predictor: Predictor, gold: Mapping[str, GoldDoc]) -> dict[str, float]:
    """Score a callable text -> [(start, end)] on `gold`."""
    return score(predict(predictor, gold), gold)


def model_predictor(path: Path, label: str = LABEL) -> Predictor:
    """text -> [(start, end)] of the `label` entities found by the spaCy pipeline saved at `path`."""
    import spacy

    nlp = spacy.load(path)

    def find(text: str) -> list[Span]:
        return [(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ == label]

    return find


def show(name: str, result: Mapping[str, float]) -> str:
    return (
        f"{name}: precision {result['precision']:.3f} ({result['correct']}/{result['predicted']})  "
        f"recall {result['recall']:.3f} ({result['found']}/{result['gold']})  F1 {result['f1']:.3f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=DEFAULT_NEREL, help="NEREL folder with train/ and dev/")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--errors", type=int, default=0, help="print this many false positives and misses")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    gold = read_split(args.nerel / args.split)
    errors: list[dict[str, Any]] = []
    result = score(predict(model_predictor(args.model), gold), gold, errors)
    if args.errors:
        for kind in ("fp", "fn"):
            shown = [e for e in errors if e["kind"] == kind][: args.errors]
            print(f"--- {kind} ({sum(e['kind'] == kind for e in errors)})", file=sys.stderr)
            for e in shown:
                print(f"{e['doc']}\t{e['span'][0]}-{e['span'][1]}\t{e['text']}", file=sys.stderr)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"NEREL {args.split}, {len(gold)} documents")
        print(show("model", result))


if __name__ == "__main__":
    main()
