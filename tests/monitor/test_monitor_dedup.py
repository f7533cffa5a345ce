"""Deduplication before the pipeline: canonical URLs, content hashes, near-duplicate texts."""

from __future__ import annotations

import pytest
from feeds_data import CLAIM, REPUBLISHERS, TAHOUA, republished

from eventcoder.monitor._dedup import (
    NearDuplicateIndex,
    canonical_url,
    figures,
    fingerprint,
    novel_words,
    text_hash,
)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://Example.org/news/mali-attack/?utm_source=rss&utm_medium=feed#comments", "https://example.org/news/mali-attack"),
    ("HTTP://example.org:80/a//b/", "http://example.org/a/b"),
    ("https://example.org:443/x?b=2&a=1&fbclid=IwAR0&gclid=xyz", "https://example.org/x?a=1&b=2"),
    ("https://example.org:8443/x?id=7&mc_cid=1&_ga=2", "https://example.org:8443/x?id=7"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org/article?id=42&ref=twitter&xtor=RSS-1", "https://example.org/article?id=42"),
    ("ftp://example.org/file", None),
    ("not a url", None),
    (None, None),
])
def test_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_text_hash_folds_case_space_and_punctuation() -> None:
    a = "Gunmen killed twelve soldiers near Diafarabe on Monday."
    assert text_hash(a) == text_hash("GUNMEN killed  twelve soldiers\nnear Diafarabe, on Monday")
    assert text_hash(a) != text_hash(a.replace("twelve", "fifteen"))


def test_figures() -> None:
    assert figures("Gunmen killed twelve soldiers and 3 civilians on March 12") == "3 12 march"
    assert figures("une vingtaine de civils tués, 4 blessés") == "4 20"


def test_republished_wire_story_is_one_text() -> None:
    index = NearDuplicateIndex(0.8)
    original = republished(TAHOUA, *REPUBLISHERS[0], 0)
    index.add(1, fingerprint(original.text))
    for number, (outlet, template) in enumerate(REPUBLISHERS[1:], start=1):
        copy = republished(TAHOUA, outlet, template, number)
        found = index.find(fingerprint(copy.text))
        assert found is not None and found[0] == 1, outlet
        assert novel_words(copy.text, original.text) <= 12, outlet


def test_revised_toll_or_added_claim_is_not_a_repeat() -> None:
    index = NearDuplicateIndex(0.8)
    index.add(1, fingerprint(TAHOUA.text))
    revised = TAHOUA.text.replace("killed nine soldiers", "killed seventeen soldiers")
    assert index.find(fingerprint(revised)) is None  # a new figure
    claimed = TAHOUA.text + "\n\nOn Thursday, the Islamic State Sahel Province claimed the attack in a statement " \
                            "carried by its Amaq news agency, saying its fighters had overrun the post."
    # the estimate may still point at the story; the exact check sees the new paragraph
    assert novel_words(claimed, TAHOUA.text) > 12
    assert novel_words(TAHOUA.text, claimed) == 0  # the shorter text adds nothing to the longer one


def test_unrelated_texts_do_not_collide() -> None:
    index = NearDuplicateIndex(0.8)
    index.add(1, fingerprint(TAHOUA.text))
    assert index.find(fingerprint(CLAIM.text)) is None
    assert index.find(fingerprint("")) is None


def test_same_words_weeks_apart_are_different_reports() -> None:
    """A templated report of a new attack weeks later is not a republication of the first one."""
    text = ("Gunmen killed four civilians in an attack on Djibo in the Sahel region of Burkina Faso on {day}, "
            "residents told reporters. The attackers also burnt shops and stole cattle before leaving.")
    index = NearDuplicateIndex(0.8)
    index.add(1, fingerprint(text.format(day="Monday"), "2024-03-05"))
    assert index.find(fingerprint(text.format(day="Monday"), "2024-03-06")) is not None  # a republication
    assert index.find(fingerprint(text.format(day="Monday"), "2024-04-16")) is None  # six weeks later
    assert index.find(fingerprint(text.format(day="Sunday"), "2024-03-06")) is None  # another day named
