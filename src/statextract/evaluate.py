"""`statextract eval`: detection precision/recall/F1 and per-field accuracy against a gold JSONL.

Predicted and gold claims of a document are paired one to one by character overlap, largest overlap
first; fields are then compared on the pairs only, so a missed claim costs recall, not accuracy.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS_SCORED = (
    "value",
    "bounds",
    "relation",
    "qualifier",
    "change",
    "unit",
    "subject",
    "professions",
    "speaker",
    "speaker_role",
    "speech",
    "date",
)


def normal_text(value: Any) -> Any:
    return value.lower().replace("ё", "е").strip() if isinstance(value, str) else value


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def field_equal(name: str, gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    if name == "value":
        return same_number(gold["value"], predicted["value"])
    if name == "bounds":
        return same_number(gold["low"], predicted["low"]) and same_number(gold["high"], predicted["high"])
    if name == "professions":
        return {normal_text(p) for p in gold["professions"]} == {normal_text(p) for p in predicted["professions"]}
    return normal_text(gold[name]) == normal_text(predicted[name])


def pair(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping claims, largest overlap first."""
    candidates = []
    for g, gold_claim in enumerate(gold):
        for p, claim in enumerate(predicted):
            overlap = min(gold_claim["end"], claim["end"]) - max(gold_claim["start"], claim["start"])
            if overlap > 0:
                candidates.append((overlap, g, p))
    used_gold, used_predicted, pairs = set(), set(), []
    for _, g, p in sorted(candidates, reverse=True):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((gold[g], predicted[p]))
    return pairs


@dataclass
class Report:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    attributed: int = 0  # matched pairs whose gold claim has a speaker
    attributed_correct: int = 0
    profession_gold: int = 0
    profession_predicted: int = 0
    profession_correct: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)  # one per wrong field, for reading

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.matched if self.matched else 0.0

    def summary(self) -> dict[str, Any]:
        ratio = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "accuracy": {name: round(self.accuracy(name), 4) for name in FIELDS_SCORED},
            "speaker_accuracy_attributed": ratio(self.attributed_correct, self.attributed),
            "profession_precision": ratio(self.profession_correct, self.profession_predicted),
            "profession_recall": ratio(self.profession_correct, self.profession_gold),
        }


def score(gold: Iterable[dict[str, Any]], predicted: Iterable[dict[str, Any]]) -> Report:
    """Compare claim dicts (the record contract) of the same documents."""
    by_doc: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for claim in gold:
        by_doc[claim["doc_id"]][0].append(claim)
    for claim in predicted:
        by_doc[claim["doc_id"]][1].append(claim)
    report = Report()
    for doc_gold, doc_predicted in by_doc.values():
        report.gold += len(doc_gold)
        report.predicted += len(doc_predicted)
        pairs = pair(doc_gold, doc_predicted)
        for gold_claim, claim in pairs:
            report.matched += 1
            for name in FIELDS_SCORED:
                if field_equal(name, gold_claim, claim):
                    report.correct[name] += 1
                else:
                    report.misses.append(
                        {
                            "doc_id": gold_claim["doc_id"],
                            "text": gold_claim["text"],
                            "field": name,
                            "gold": gold_claim.get(name),
                            "predicted": claim.get(name),
                        }
                    )
            if gold_claim["speaker"] is not None:
                report.attributed += 1
                report.attributed_correct += field_equal("speaker", gold_claim, claim)
            gold_set = {normal_text(p) for p in gold_claim["professions"]}
            predicted_set = {normal_text(p) for p in claim["professions"]}
            report.profession_gold += len(gold_set)
            report.profession_predicted += len(predicted_set)
            report.profession_correct += len(gold_set & predicted_set)
        paired_gold = {id(g) for g, _ in pairs}
        paired_predicted = {id(p) for _, p in pairs}
        report.misses += [
            {"doc_id": c["doc_id"], "text": c["text"], "field": "spurious"}
            for c in doc_predicted
            if id(c) not in paired_predicted
        ]
        report.misses += [
            {"doc_id": c["doc_id"], "text": c["text"], "field": "missed"} for c in doc_gold if id(c) not in paired_gold
        ]
    return report


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
