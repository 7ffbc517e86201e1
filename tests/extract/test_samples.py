"""Scores on the five sample notices and on the corpus of notices in other conventions.

The samples come with gold plans in shared/; the corpus (tests/extract/corpus/)
holds notices written for this project in conventions the samples do not use,
each NAME.txt beside its gold NAME.json. Both are scored with the project's own
scorer, shared/tools/score_extraction.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban.extract import extract_file
from duban.extract.readers import legacy

CORPUS = Path(__file__).parent / "corpus"
THRESHOLD = 0.97
# The samples are read exactly; anything less is a regression a rule for
# another convention caused.
SAMPLE_THRESHOLD = 1.0


def _score(scorer, gold_path: Path, notice: Path) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return scorer.score(gold, extract_file(notice).to_json())


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_each_sample_scores_at_least_the_threshold(shared, scorer, name):
    (gold,) = (shared / "gold").glob(f"{name}_*.json")
    result = _score(scorer, gold, shared / "seeds" / f"{gold.stem}.txt")
    assert result["score"] >= SAMPLE_THRESHOLD, result["misses"][:10]
    assert all(result["document"].values()), result["document"]


@pytest.mark.parametrize("gold", sorted(CORPUS.glob("*.json")), ids=lambda p: p.stem)
def test_each_corpus_notice_scores_at_least_the_threshold(scorer, gold):
    result = _score(scorer, gold, gold.with_suffix(".txt"))
    assert result["score"] >= THRESHOLD, result["misses"][:10]


FORMATS = CORPUS / "formats"


@pytest.mark.parametrize("gold", sorted(FORMATS.glob("*.json")), ids=lambda p: p.stem)
def test_each_held_out_file_in_its_own_format_scores_at_least_the_threshold(scorer, gold):
    """Real .docx/.xlsx/.html/.pdf/.ofd/.doc notices written by a second author."""
    (notice,) = [p for p in FORMATS.glob(f"{gold.stem}.*") if p.suffix != ".json"]
    if notice.suffix == ".doc" and legacy.soffice() is None:
        pytest.skip("LibreOffice is not installed here")
    result = _score(scorer, gold, notice)
    assert result["score"] >= THRESHOLD, result["misses"][:10]
