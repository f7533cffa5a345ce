"""Dictionary actors travel as typed spans (``doc.spans[ACTOR_SPAN_KEY]``: label the ACLED category, kb_id
the entry), and extraction reads the category from there, not from the entity label (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from spacy.tokens import Span

from eventcoder.extract._actors import find_actors
from eventcoder.extract._triggers import find_triggers
from eventcoder.lexicon import load_lexicon
from eventcoder.nlp.factories import ACTOR_SPAN_KEY
from eventcoder.pipeline import ActorSpans

TEXT = "JNIM fighters ambushed FAMa soldiers near Boni on Sunday."


@pytest.mark.slow
def test_the_actor_finder_puts_typed_spans_in_the_doc(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp.parse(TEXT, "en")
    typed = {span.text: (span.label_, span.kb_id_) for span in doc.spans[ACTOR_SPAN_KEY]}
    assert typed["JNIM fighters"] == ("group", "jnim")
    assert typed["FAMa"][0] == "military"
    assert {e.text: e.label_ for e in doc.ents}["JNIM fighters"] == "ACTOR_GROUP"


@pytest.mark.slow
def test_extraction_reads_the_category_from_the_typed_spans(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp.parse(TEXT, "en")
    doc.spans[ACTOR_SPAN_KEY] = [Span(doc, s.start, s.end, label="militia" if s.kb_id_ == "jnim" else s.label_,
                                      kb_id=s.kb_id_) for s in doc.spans[ACTOR_SPAN_KEY]]
    lexicon = load_lexicon("en")
    (sent,) = doc.sents
    kinds = {a.entry_id: a.kind for a in find_actors(sent, find_triggers(sent, lexicon), lexicon)}
    assert kinds["jnim"] == "militia"  # the entity label still says ACTOR_GROUP


@dataclass(frozen=True)
class _Entry:
    inter: int


class _Dictionary:
    """Two entries share the alias "the movement" (an armed group and a militia); "army" is state forces,
    "odd" has an inter code of no category, "gone" no entry."""

    def get(self, key: str) -> _Entry | None:
        return {"group": _Entry(2), "militia": _Entry(3), "army": _Entry(1), "odd": _Entry(0)}.get(key)

    def alias_index(self) -> dict[str, tuple[str, ...]]:
        return {"the movement": ("group", "militia")}

    def find_spans(self, text: str) -> list[tuple[int, int, str, str]]:
        return [(0, 12, "ACTOR", "?the movement"), (17, 25, "ACTOR", "army"), (30, 33, "ACTOR", "odd"),
                (40, 45, "ACTOR", "gone")]


def test_a_name_whose_entries_disagree_is_a_group_with_the_plain_actor_label() -> None:
    spans = ActorSpans(_Dictionary())
    labels = [label for _, _, label, _ in spans.find_spans("")]
    assert labels == ["ACTOR", "ACTOR_MILITARY", "ACTOR_GROUP", "ACTOR_GROUP"]
    assert [spans.span_type(key) for key in ("?the movement", "army", "odd", "gone")] == [
        "group", "military", "group", "group"]
    assert spans.span_key == ACTOR_SPAN_KEY
