"""factRuEval-2016 (../shared): the people statextract names as speakers carry factRuEval's normalised names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statextract import Extractor
from statextract.mentions import people
from statextract.reader import Document

pytestmark = pytest.mark.shared


def words(name: str) -> set[str]:
    return {w.lower().replace("ё", "е") for w in name.split() if not w.endswith(".")}


def speaker_names(shared: Path, extractor: Extractor) -> list[tuple[str, set[str]]]:
    """(our name, factRuEval's normalised names for the same mentions) for every person named as a speaker."""
    rows = [json.loads(line) for line in (shared / "news" / "factruEval2016.jsonl").read_text("utf-8").splitlines()]
    found = []
    for row, doc in zip(rows, extractor.docs(Document(r["id"], r["text"]) for r in rows), strict=True):
        speakers = {claim.speaker for claim in doc._.claims}
        gold = [e for e in row["entities"] if e["type"] == "Person"]
        for person in people(doc):
            norms = {g["norm"] for g in gold for at in person.mentions if g["start"] <= at < g["end"]}
            if person.name in speakers and norms:
                found.append((person.name, norms))
    return found


def test_speaker_names_agree_with_factrueval(shared_corpora: Path, extractor: Extractor) -> None:
    """factRuEval normalises a person to surname and first name: ours agrees when it holds both."""
    pairs = speaker_names(shared_corpora, extractor)
    agreed = [name for name, norms in pairs if any(words(norm) <= words(name) for norm in norms)]
    assert len(pairs) >= 80
    assert len(agreed) / len(pairs) >= 0.9, sorted(set(n for n, _ in pairs) - set(agreed))
