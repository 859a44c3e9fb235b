"""NeMo's Russian text-normalisation pairs (../shared): a written number and its spoken form must read alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from statextract.quantities import find_quantities, parse_quantity

pytestmark = pytest.mark.shared
KINDS = ("cardinal", "decimal", "money", "measure")
MAGNITUDES = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9}
# Pairs whose written side is not a quantity statextract should read, judged wrong for this purpose:
# compound adjectives ("4-х килограммовый мешок", "4,2-килограммовый"), words glued to numbers
# ("9мешок", "тест-8", "тест-1,02", "тест2", "30код"), per-unit rates with no number on one side
# ("1/кг"), and a number kept as a word on the written side ("один м²").
JUDGED_WRONG = {
    "четырех килограммовый мешок",
    "девять мешок",
    "четыре целых два десятых килограммовый мешок",
    "тест одна целая две сотых",
    "тест восемь",
    "один в килограме",
    "один квадратный метр",
    "четыре килограма в килограме",
    "тест два",
    "тридцать код",
}


def reference(written: str) -> float | None:
    """The value a written form states, read by a deliberately simple rule of its own."""
    match = re.search(r"(-?)(\d[\d .,]*\d|\d)\s*(тыс|млн|млрд)?", written)
    if match is None:
        return None
    digits = match.group(2).replace(" ", "")
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".")
    elif digits.count(".") == 1 and len(digits.split(".")[1]) != 3:
        pass
    else:
        digits = digits.replace(".", "")
    value = float(digits) * MAGNITUDES.get(match.group(3) or "", 1.0)
    return -value if match.group(1) else value


def pairs(shared: Path) -> list[tuple[str, str, str]]:
    found = []
    for direction in ("data_text_normalization", "data_inverse_text_normalization"):
        for kind in KINDS:
            path = shared / "numerals" / "nemo_ru" / direction / f"test_cases_{kind}.txt"
            for line in path.read_text(encoding="utf-8").splitlines():
                spoken, _, written = line.partition("~")
                if written and spoken not in JUDGED_WRONG and reference(written) is not None:
                    found.append((kind, spoken, written))
    return found


def first_value(text: str) -> float | None:
    """The value of the expression; kopecks, which statextract reads as a figure of their own, added."""
    first = parse_quantity(text)
    if first is None:
        return None
    kopecks = [q for q in find_quantities(text)[1:] if "коп" in text[q.start : q.end]]
    return (first.value or 0.0) + sum((q.value or 0.0) / 100 for q in kopecks)


def test_spoken_and_written_forms_read_alike(shared_corpora: Path) -> None:
    cases = pairs(shared_corpora)
    failures = []
    for kind, spoken, written in cases:
        expected = reference(written)
        for side in (spoken, written):
            got = first_value(side)
            if got is None or abs(got - expected) > 1e-6 * max(1.0, abs(expected)):
                failures.append((kind, side, expected, got))
    checks = 2 * len(cases)
    assert len(cases) >= 100
    assert 1 - len(failures) / checks >= 0.98, failures
