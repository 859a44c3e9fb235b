"""NEREL dev (../shared): the lexicon and the model together find professions as NEREL marks them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared
ROOT = Path(__file__).resolve().parents[1]


def test_lexicon_and_model_together_reach_085(shared_corpora: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_profession_ner import evaluate, read_split
    from eval_professions import finders

    gold = read_split(shared_corpora / "nerel" / "dev")
    combined = evaluate(finders()["combined"], gold)
    assert combined["precision"] >= 0.85 and combined["recall"] >= 0.85, combined
