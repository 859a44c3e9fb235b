"""Compile the profession lexicon into models/professions/ from ../shared/corpora/lexicons.

    uv run python scripts/build_professions.py [--shared ../shared/corpora]

Inputs: the ОКПДТР names, the everyday job-role list and statextract's own
src/statextract/data/professions_extra.txt. Output: lexicon.tsv (one lower-case nominative
singular name a line, sorted, with the lemmas of its words, which is how it is matched in text in
any inflected form), first_forms.txt (every inflected form of the names' first words, a cheap test
before any morphological analysis) and meta.json (inputs and counts). The result is committed, so no run of
statextract needs ../shared.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "professions"


def clean(name: str, *, alternatives: bool = False) -> list[str]:
    """Lower-case names without parenthesised variants: "Механик (техник) по планеру" -> "механик по планеру";
    with `alternatives`, "SMM-менеджер, контент-менеджер" is two names."""
    name = re.sub(r"\([^)]*\)", " ", name.lower().replace("ё", "е"))
    name = re.sub(r"\s+", " ", name).strip(" ,.;")
    if not alternatives:
        return [name] if name else []
    return [part.strip() for part in re.split(r",|;| / ", name) if part.strip()]


# First nouns of classifier names that are no profession by themselves.
NOT_HEADS = {"член", "представитель", "уполномоченный", "специалист", "рабочий", "работник", "сотрудник", "лицо"}


def head_noun(name: str) -> str:
    """The first noun of a classifier name in the nominative singular, when it names a person's work:
    "сталевар установки внепечной обработки стали" -> "сталевар"; "" otherwise."""
    from statextract.morphology import parses

    for word in name.split():
        found = parses(word)
        noun = next((p for p in found if p.tag.POS == "NOUN" and p.tag.case == "nomn" and "anim" in p.tag), None)
        if found and found[0].tag.POS == "ADJF":
            continue
        if noun is None or noun.normal_form in NOT_HEADS or word != noun.normal_form or len(word) < 4:
            return ""
        return word
    return ""


def nominative_title(title: str) -> str:
    """An official title as written in news ("президента", "главы") in the nominative singular."""
    from statextract.morphology import parses

    words = title.lower().replace("ё", "е").split()
    if len(words) != 1:
        return ""  # multiword titles carry their place ("губернатора области"): the head is enough
    found = [p for p in parses(words[0]) if p.tag.POS == "NOUN" and "anim" in p.tag]
    return found[0].normal_form.replace("ё", "е") if found else ""


def adjective_alone(name: str) -> bool:
    """ "старший", "ведущий": an adjective on its own names no profession."""
    from statextract.morphology import parses

    found = parses(name)
    return " " not in name and bool(found) and found[0].tag.POS in ("ADJF", "PRTF")


def word_lemma(word: str) -> str:
    """The lemma a name's word is matched by: of its nominative reading where it has one ("техник", not
    "техника"), else of its likeliest reading ("машинного" -> "машинный")."""
    from statextract.morphology import parses

    found = parses(word)
    nominative = next((p for p in found if p.tag.case == "nomn"), None)
    return (nominative or found[0]).normal_form.replace("ё", "е") if found else word


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    lexicons = args.shared / "lexicons"
    names: set[str] = set()
    counts: dict[str, int] = {}
    okpdtr = (lexicons / "okpdtr_names.txt").read_text(encoding="utf-8").splitlines()
    for line in okpdtr:
        names.update(clean(line))
        names.update(head_noun(name) for name in clean(line))  # "Сталевар установки ..." -> "сталевар"
    counts["okpdtr_names.txt"] = len(okpdtr)
    with (lexicons / "hh_professional_roles.tsv").open(encoding="utf-8") as file:
        roles = [row["role_name"] for row in csv.DictReader(file, delimiter="\t")]
    for role in roles:
        names.update(n for n in clean(role, alternatives=True) if re.fullmatch(r"[а-я -]+", n))
    counts["hh_professional_roles.tsv"] = len(roles)
    with (lexicons / "official_titles_factRuEval.tsv").open(encoding="utf-8") as file:
        titles = [row["position_surface"] for row in csv.DictReader(file, delimiter="\t")]
    names.update(nominative_title(title) for title in titles)  # "президента" -> "президент"
    counts["official_titles_factRuEval.tsv"] = len(titles)
    extra = ROOT / "src" / "statextract" / "data" / "professions_extra.txt"
    extras = [line for line in extra.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    names.update(n for line in extras for n in clean(line))
    counts["professions_extra.txt"] = len(extras)
    data = ROOT / "src" / "statextract" / "data"
    roles = {
        line
        for line in (data / "not_professions.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    names = {name for name in names if name and not adjective_alone(name)} - roles - {"другое"}
    OUT.mkdir(parents=True, exist_ok=True)
    rows = [f"{name}\t{' '.join(word_lemma(word) for word in name.split())}" for name in sorted(names)]
    (OUT / "lexicon.tsv").write_text("# name\tlemmas\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (OUT / "lexicon.txt").unlink(missing_ok=True)
    from statextract.morphology import forms_of

    # every inflected form of the names' first words, "ё" read as "е": a word outside it starts no name
    first_lemmas = frozenset(row.split("\t")[1].split()[0] for row in rows)
    forms = {form.replace("ё", "е") for form in forms_of(first_lemmas)}
    (OUT / "first_forms.txt").write_text("\n".join(sorted(forms)) + "\n", encoding="utf-8")
    meta = {
        "command": "uv run python scripts/build_professions.py",
        "inputs": counts,
        "names": len(names),
        "first_forms": len(forms),
    }
    (OUT / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(names)} profession names -> {OUT / 'lexicon.tsv'}")


if __name__ == "__main__":
    main()
