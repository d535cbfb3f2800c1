"""The corpus of sentences for the number checks (fixtures/numbers-corpus.yaml): correct ones raise
nothing, wrong ones are caught by the check named with the arithmetic shown, and the known misses
still pass unflagged (so a change that starts catching one is noticed and the corpus updated).

Every paragraph of the seed reports is checked too: they are real published text, and raise
nothing but the one real mistake they hold (listed in SEED_MISTAKES).
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.model.checks import check_text
from support import FIXTURES

CORPUS = yaml.safe_load((FIXTURES / "numbers-corpus.yaml").read_text("utf-8"))

# Real mistakes in the published seeds: (seed, words of the message).
SEED_MISTAKES = {
    ("self-inspection-district-2022", "从 63.59% 到 61.6% 相差 1.99 个百分点"),
}


def _ids(kind: str) -> list[str]:
    return [f"{kind}-{n}" for n in range(1, len(CORPUS[kind]) + 1)]


@pytest.mark.parametrize("entry", CORPUS["correct"], ids=_ids("correct"))
def test_correct_sentence_raises_nothing(entry):
    assert check_text(entry["text"]) == []


@pytest.mark.parametrize("entry", CORPUS["wrong"], ids=_ids("wrong"))
def test_wrong_sentence_is_caught(entry):
    found = check_text(entry["text"])
    assert [(c, m) for c, m, _ in found if c == entry["check"] and entry["says"] in m], found
    assert len(found) == 1, found  # one mistake, one warning


@pytest.mark.parametrize("entry", CORPUS["missed"], ids=_ids("missed"))
def test_known_miss_still_passes(entry):
    assert check_text(entry["text"]) == [], f"now caught — move it to wrong: ({entry['why']})"


def _seed_paragraphs():
    for path in sorted((FIXTURES / "seeds").glob("*.txt")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                yield pytest.param(path.stem, line, id=f"{path.stem}:{n}")


@pytest.mark.parametrize(("seed", "paragraph"), list(_seed_paragraphs()))
def test_seed_paragraph_raises_only_its_real_mistakes(seed, paragraph):
    found = [m for _, m, _ in check_text(paragraph)]
    unexplained = [m for m in found if not any(s == seed and w in m for s, w in SEED_MISTAKES)]
    assert unexplained == []


# Pieces of the sentences the checks read, shuffled: whatever a clerk writes, they answer with
# findings, never an exception.
_PIECES = [
    *"0123456789.,，、；。（）()%-－其中共计合计增加增长下降减少提高到至从由较比上年率占的分别各约近余",
    *["万", "亿", "万元", "亿元", "人", "所", "个百分点", "百分之", "两万", "三千二百", "十二"],
    *["99999999999999999999999999999", "0", "0.000001", "1e5", "“", "”", "《", "》", "负"],
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_without_an_exception(text):
    for check, message, hint in check_text(text):
        assert check and message and hint
