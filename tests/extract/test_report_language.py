"""A report that gives no language is coded in the language its text is in (extract_mentions), not in a
default one."""

from __future__ import annotations

import pytest

from eventcoder.extract import extract_mentions
from eventcoder.nlp._pipelines import load_language
from eventcoder.records import Report

pytestmark = pytest.mark.slow

TEXT = ("Des hommes armés ont tué douze civils dans le village de Djibo mardi, selon des sources locales. "
        "Les assaillants ont également incendié des boutiques avant de se retirer.")


def test_a_report_without_a_language_is_coded_in_the_language_of_its_text() -> None:
    report = Report(id="fr-no-language", text=TEXT, published="2024-03-14")
    mentions = extract_mentions(load_language("fr")(TEXT), report)
    assert mentions
    assert {m.language for m in mentions} == {"fr"}
