"""Leave-one-fold-out scoring: folds by event, the vocabulary only one fold uses, and its removal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.evaluate import assign_folds, common_word, fold_specific_entries
from eventcoder.extract import lexicon_entries, load_lexicon


def _reports() -> list[dict[str, object]]:
    return [
        {"id": "a1", "event_ids": ["e1"]}, {"id": "a2", "event_ids": ["e1", "e2"]}, {"id": "a3", "event_ids": ["e2"]},
        {"id": "b1", "event_ids": ["e3"]}, {"id": "b2", "event_ids": ["e3"]},
        {"id": "c1", "event_ids": []}, {"id": "c2", "event_ids": []}, {"id": "d1", "event_ids": ["e4"]},
    ]


def test_reports_of_one_event_and_of_linked_events_share_a_fold() -> None:
    folds = assign_folds(_reports(), 3)
    assert folds["a1"] == folds["a2"] == folds["a3"]  # a2 links e1 and e2
    assert folds["b1"] == folds["b2"]
    assert set(folds) == {str(r["id"]) for r in _reports()}


def test_folds_are_balanced_and_deterministic() -> None:
    first = assign_folds(_reports(), 3)
    assert first == assign_folds(list(reversed(_reports())), 3)
    sizes = sorted(list(first.values()).count(f) for f in range(3))
    assert sizes == [2, 3, 3]  # the three-report unit alone in one fold; the rest spread over the others


def test_one_fold_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        assign_folds(_reports(), 1)


def test_an_entry_found_in_one_fold_only_is_that_folds_own() -> None:
    texts = {0: ["gunmen stormed the village and claimed the ambush"], 1: ["soldiers repelled an ambush"],
             2: ["the army said nothing"]}
    found = fold_specific_entries(["ambush", "claimed the ambush", "repel", "stormed", "army"], texts)
    assert found == {0: {"claimed the ambush", "stormed"}, 1: {"repel"}, 2: {"army"}}
    assert "ambush" not in found[0] | found[1]  # two folds use it: general, kept


def test_common_single_words_are_kept_and_phrases_and_rare_words_are_not() -> None:
    texts = {0: ["an explosion near the koglweogo post, not repeated here"], 1: ["quiet"]}
    keep = lambda entry: common_word(entry, "en")  # noqa: E731
    found = fold_specific_entries(["explosion", "koglweogo", "not repeated here"], texts, keep=keep)
    assert found[0] == {"koglweogo", "not repeated here"}


def test_a_lexicon_without_an_entry_no_longer_matches_it() -> None:
    lexicon = load_lexicon("en")
    assert "not repeated here" in lexicon_entries(lexicon)
    assert lexicon.recall is not None and lexicon.recall.search("the attack is not repeated here")
    smaller = lexicon.without({"Not Repeated Here"})
    assert "not repeated here" not in lexicon_entries(smaller)
    assert smaller.recall is not None and not smaller.recall.search("the attack is not repeated here")
    assert smaller.recall.search("the attack came after another")  # the rest of the list is intact
    assert ("ambush",) in smaller.triggers and smaller.vague_numbers == lexicon.vague_numbers
    without_number = lexicon.without({"several"})
    assert "several" not in without_number.vague_numbers and "dozens" in without_number.vague_numbers
    assert lexicon.without(set()) is lexicon



def test_parts_of_parsed_triggers_are_entries_and_leave_with_them() -> None:
    lexicon = load_lexicon("fr")
    assert {"piégé", "irruption", "engin"} <= lexicon_entries(lexicon)
    assert lexicon.trigger_modifiers["piégé"] == "suicide" and ("faire", "irruption") in lexicon.verb_objects
    smaller = lexicon.without({"piégé", "irruption"})
    assert "piégé" not in smaller.trigger_modifiers and "kamikaze" in smaller.trigger_modifiers
    assert ("faire", "irruption") not in smaller.verb_objects and ("ouvrir", "feu") in smaller.verb_objects
    assert ("faire", "irruption") not in lexicon.without({"faire"}).verb_objects  # a pair without its verb

@pytest.mark.slow
def test_eval_folds_prints_both_figures_and_each_folds_entries(shared: Path, tmp_path: Path) -> None:
    corpus = shared / "corpus"
    reports = [json.loads(line) for line in (corpus / "reports.jsonl").read_text("utf-8").splitlines() if line]
    chosen = [r for r in reports if r["language"] == "en"][:8]
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "eval", "--reports", str(path), "--gold",
         str(corpus / "events.jsonl"), "--folds", "2", "--format", "json"],
        capture_output=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    payload = json.loads(result.stdout)
    full, held_out = payload["full"], payload["leave_one_fold_out"]
    assert full["reports"] == held_out["reports"] == len(chosen)
    assert held_out["gold"] == full["gold"] > 0
    assert [f["fold"] for f in payload["folds"]] == [0, 1]
    assert sum(f["reports"] for f in payload["folds"]) == len(chosen)
    for fold in payload["folds"]:
        assert all(isinstance(e, str) for e in fold["dropped_entries"])
        assert fold["full"]["reports"] == fold["reports"]


def test_a_miss_is_classed_by_the_one_field_that_kept_its_prediction_out() -> None:
    from eventcoder.evaluate._classes import classify_miss, error_classes
    from eventcoder.evaluate._scores import Details, FalsePositive, Miss

    gold = {"id": "g", "event_date": "2023-04-18", "latitude": 15.0, "longitude": -7.0, "report_ids": ["r"]}
    far = {"event_date": "2023-04-18", "latitude": 16.5, "longitude": -7.0, "report_ids": ["r"]}
    late = {"event_date": "2023-04-25", "latitude": 15.0, "longitude": -7.0, "report_ids": ["r"]}
    other = {"event_date": "2023-04-18", "latitude": 16.5, "longitude": -7.0, "report_ids": ["s"]}
    miss = Miss(gold, None)
    assert classify_miss(miss, (FalsePositive(far, 0, None, "no compatible gold event"),)).cause == "place"
    assert classify_miss(miss, (FalsePositive(late, 0, None, "no compatible gold event"),)).cause == "date"
    assert classify_miss(miss, (FalsePositive(other, 0, None, "no compatible gold event"),)).cause == "not found"
    classes = error_classes(Details(misses=(miss,), false_positives=(FalsePositive(far, 0, None, "x"),)))
    assert classes.misses["place"] == 1 and classes.not_found == 0 and classes.invented == 0
