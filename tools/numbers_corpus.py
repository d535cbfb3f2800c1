"""Count how the number checks do on the corpus (tests/fixtures/numbers-corpus.yaml) and the seeds.

    uv run python tools/numbers_corpus.py          # counts
    uv run python tools/numbers_corpus.py -v       # and every sentence that raised something

caught: wrong sentences flagged by the check named; missed: wrong sentences not flagged (the
corpus's `missed` list, and any `wrong` one that slipped); false alarms: correct sentences, and seed
paragraphs, that raised something other than the seeds' known real mistakes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from reportgen.model.checks import check_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_MISTAKES = ["从 63.59% 到 61.6% 相差 1.99 个百分点"]  # self-inspection-district-2022


def main(verbose: bool) -> None:
    corpus = yaml.safe_load((FIXTURES / "numbers-corpus.yaml").read_text("utf-8"))
    caught = missed = false_alarms = seed_caught = 0
    for entry in corpus["wrong"]:
        found = check_text(entry["text"])
        if any(c == entry["check"] and entry["says"] in m for c, m, _ in found):
            caught += 1
        else:
            missed += 1
            print("missed:", entry["text"])
    for entry in corpus["missed"]:
        if check_text(entry["text"]):
            caught += 1
            print("now caught (move to wrong):", entry["text"])
        else:
            missed += 1
    correct = list(corpus["correct"])
    paragraphs = [
        line
        for path in sorted((FIXTURES / "seeds").glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    for text in [e["text"] for e in correct] + paragraphs:
        found = check_text(text)
        real = [m for _, m, _ in found if any(w in m for w in SEED_MISTAKES)]
        seed_caught += len(real)
        alarms = [m for _, m, _ in found if m not in real]
        false_alarms += len(alarms)
        for m in alarms:
            print("false alarm:", text[:60], "→", m)
        if verbose and real:
            print("seed mistake:", real[0])
    wrong_total = len(corpus["wrong"]) + len(corpus["missed"])
    print(
        f"wrong sentences: {wrong_total} (caught {caught}, missed {missed}); "
        f"correct sentences: {len(correct)} and seed paragraphs: {len(paragraphs)} "
        f"(false alarms {false_alarms}); real mistakes found in the seeds: {seed_caught}"
    )


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
