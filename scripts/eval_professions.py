"""Score statextract's profession finders on NEREL dev: the lexicon alone, the model alone, both together.

    uv run python scripts/eval_professions.py [--nerel ../shared/corpora/nerel]

The metric is scripts/eval_profession_ner.py's: a gold PROFESSION mention is found when a predicted
span overlaps it and shares its head lemma. The finders read statextract's own tokens, the way the
pipeline does; the model's mentions pass statextract's filter (animate, not a generic word).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_profession_ner import evaluate, read_split  # noqa: E402

Finder = Callable[[str], Iterable[tuple[int, int]]]


def finders() -> dict[str, Finder]:
    from spacy.tokens import Doc

    from statextract import load
    from statextract.professions import lexicon_mentions, model_profession, profession_model

    nlp, model = load(), profession_model()

    def lexicon(text: str) -> list[tuple[int, int]]:
        doc = nlp.make_doc(text)
        return [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end, _ in lexicon_mentions(doc)]

    def statistical(text: str) -> list[tuple[int, int]]:
        doc = nlp.make_doc(text)
        parsed = Doc(model.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for _, component in model.pipeline:
            parsed = component(parsed)
        spans = [doc[ent.start : ent.end] for ent in parsed.ents]
        return [(span.start_char, span.end_char) for span in spans if model_profession(span)]

    def combined(text: str) -> list[tuple[int, int]]:
        listed = lexicon(text)
        return listed + [s for s in statistical(text) if not any(a < s[1] and s[0] < b for a, b in listed)]

    return {"lexicon": lexicon, "model": statistical, "combined": combined}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=ROOT.parent / "shared" / "corpora" / "nerel")
    args = parser.parse_args()
    gold = read_split(args.nerel / "dev")
    for name, finder in finders().items():
        result = evaluate(finder, gold)
        print(f"{name:<9} " + json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    main()
