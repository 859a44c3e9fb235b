"""Score statextract's claim detection on NEREL, news written by others, against its number mentions.

    uv run python scripts/eval_quantities_nerel.py [--nerel ../shared/corpora/nerel] [--split dev] [--show 20]

NEREL marks every NUMBER, MONEY and PERCENT mention, and ages, dates and times apart. Two figures:
- recall: the share of NUMBER, MONEY and PERCENT mentions that some claim overlaps. NEREL's NUMBER also
  covers what statextract leaves out on purpose (scores "1:2", "один из", "№ 26", "AR-15"), so 1.0 is
  out of reach by design;
- supported: the share of claims that overlap a NUMBER, MONEY, PERCENT or AGE mention, or a DATE or TIME
  that is a length of time ("два года", "три часа") rather than a point in it. A claim outside all of
  them is most often a year, a rank or an identifier taken for a figure.
`--show N` prints N of the mentions missed and N of the claims unsupported, to read.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_profession_ner import read_doc  # noqa: E402

QUANTITIES = ("NUMBER", "MONEY", "PERCENT")
SUPPORTING = (*QUANTITIES, "AGE")
LENGTH_OF_TIME = re.compile(r"год|лет|месяц|недел|дн|сут|час|минут|секунд|век", re.I)
YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")

Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def read_mentions(directory: Path) -> dict[str, tuple[str, dict[str, list[Span]]]]:
    """{document: (text, {NEREL type: mention spans})} for the types scored here."""
    docs = {}
    for txt in sorted(directory.glob("*.txt")):
        mentions = {kind: [(m.start, m.end) for m in read_doc(txt, kind)[1]] for kind in (*SUPPORTING, "DATE", "TIME")}
        docs[txt.stem] = (txt.read_text(encoding="utf-8"), mentions)
    if not docs:
        raise SystemExit(f"{directory}: no BRAT documents")
    return docs


def supported(claim: Span, text: str, mentions: dict[str, list[Span]]) -> bool:
    if any(overlaps(claim, m) for kind in SUPPORTING for m in mentions[kind]):
        return True
    return any(
        overlaps(claim, m) and LENGTH_OF_TIME.search(text[m[0] : m[1]]) and not YEAR.search(text[m[0] : m[1]])
        for kind in ("DATE", "TIME")
        for m in mentions[kind]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=ROOT.parent / "shared" / "corpora" / "nerel")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()

    from statextract import Extractor
    from statextract.reader import Document

    docs = read_mentions(args.nerel / args.split)
    claims: dict[str, list[Span]] = {}
    for claim in Extractor().pipe(Document(name, text) for name, (text, _) in docs.items()):
        claims.setdefault(claim.doc_id, []).append((claim.start, claim.end))
    missed, unsupported, gold, found, total = [], [], 0, 0, 0
    for name, (text, mentions) in docs.items():
        ours = claims.get(name, [])
        for kind in QUANTITIES:
            for mention in mentions[kind]:
                gold += 1
                if any(overlaps(mention, claim) for claim in ours):
                    found += 1
                else:
                    missed.append((kind, text, mention))
        for claim in ours:
            total += 1
            if not supported(claim, text, mentions):
                unsupported.append(("claim", text, claim))
    print(f"NEREL {args.split}: {len(docs)} documents")
    print(f"recall     {found / gold:.3f}  ({found} of {gold} NUMBER, MONEY and PERCENT mentions)")
    print(f"supported  {(total - len(unsupported)) / total:.3f}  ({total - len(unsupported)} of {total} claims)")
    rng = random.Random(0)
    for title, rows in (("missed", missed), ("unsupported", unsupported)):
        for kind, text, (start, end) in rng.sample(rows, min(args.show, len(rows))):
            context = text[max(0, start - 50) : end + 40].replace("\n", " ")
            print(f"{title} {kind}: [{text[start:end]}] {context}")


if __name__ == "__main__":
    main()
