"""morphology.py: the cheap tests agree with the full analyses they stand in for."""

from __future__ import annotations

from pathlib import Path

from statextract.morphology import may_be_animate_noun, parses
from statextract.numerals import tokenize

ROOT = Path(__file__).resolve().parents[1]


def test_may_be_animate_noun_agrees_with_full_analyses_on_every_word_of_the_dev_corpus() -> None:
    words = {t.lower for path in (ROOT / "corpora" / "dev").glob("*.txt") for t in tokenize(path.read_text("utf-8"))}
    words |= {"сварщиков", "вахтовиков", "аграрии", "медики", "зарплата", "57", "«", "covid-19"}
    animate = {w for w in words if any(p.tag.POS == "NOUN" and "anim" in p.tag for p in parses(w))}
    assert {w for w in words if may_be_animate_noun(w)} == animate
    assert len(words) > 2_000 and {"сварщиков", "медики"} <= animate and "зарплата" not in animate


def test_a_letter_without_a_unicode_name_has_no_analyses() -> None:
    """pymorphy3's shape check asks every letter's Unicode name; a Tangut letter has none."""
    assert parses("a𗀀") == ()
    assert not may_be_animate_noun("a𗀀")
