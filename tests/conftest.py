"""Heavy objects built once per test session, and the path to ../shared (absent on users' machines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from statextract import Extractor, load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load()


@pytest.fixture(scope="session")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp)


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    path = ROOT.parent / "shared" / "corpora"
    return path if path.is_dir() else pytest.skip("../shared/corpora is absent")
