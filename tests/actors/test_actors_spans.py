"""Actor spans in running text (find_spans) and the patterns handed to the NLP stage's entity ruler."""

from __future__ import annotations

import pytest

from eventcoder.actors import ActorDictionary

# Sentences as they appear in the corpus reports (newarab-2023-04-21, bfa-r09, lac-r20, mli2-r08, mix-r02,
# mli1-r09, ner-r09).
NEWARAB = ("On Friday, Jama'at Nasr al-Islam wal Muslimin (JNIM) claimed responsibility for the attack, "
           "saying it had killed Traore and two members of the army, according to a statement reported by "
           "SITE, which monitors jihadist websites.")
GASKINDE = ("Entre-temps, le Groupe de soutien à l'islam et aux musulmans (GSIM ou JNIM), lié à Al-Qaïda, a "
            "revendiqué l'attaque dans un texte relayé par des spécialistes des mouvements jihadistes.")
BARKARAM = ("L'île de Barkaram se trouve tout près de la frontière nigériane, dans une zone où opèrent à la fois "
            "la faction de Boko Haram dite JAS et l'État islamique en Afrique de l'Ouest (Iswap).")
BAMBA = ("Le Gouvernement de la Transition informe l'opinion nationale et internationale que ce jeudi "
         "7 septembre 2023, le bateau « TOMBOUCTOU » de la Compagnie malienne de navigation (COMANAV) et la "
         "position des Forces armées maliennes (FAMa) de Bamba, dans la région de Gao, ont été la cible de "
         "deux attaques terroristes distinctes.")
BAMAKO = ("Selon le Premier ministre Boubou Cissé, onze personnes ont perdu la vie et plus de 120 ont été "
          "blessées au cours des manifestations et des affrontements qui ont suivi l'appel à la désobéissance "
          "civile lancé par le Mouvement du 5 juin – Rassemblement des forces patriotiques (M5-RFP).")
BOULKESSI = ("Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al Qaeda's Sahel affiliate, on Monday formally "
             "claimed the nearly simultaneous attacks of 30 September on the G5 Sahel joint force camp at "
             "Boulkessi and the Malian army post at Mondoro, in Mali's Mopti region.")
KOURE = ("Les enquêteurs attribuent l'attaque à la branche sahélienne de l'organisation, l'État islamique au "
         "Grand Sahara (EIGS), qui opère dans la zone dite des trois frontières.")


@pytest.mark.parametrize(("text", "expected"), [
    (NEWARAB, [(11, 45, "ACTOR", "jnim"), (47, 51, "ACTOR", "jnim")]),
    (GASKINDE, [(16, 60, "ACTOR", "jnim"), (62, 66, "ACTOR", "jnim"), (70, 74, "ACTOR", "jnim"),
                (83, 91, "ACTOR", "?al qaida")]),
    (BARKARAM, [(103, 133, "ACTOR", "jas"), (139, 175, "ACTOR", "?etat islamique en afrique de l ouest"),
                (177, 182, "ACTOR", "?iswap")]),
    (BAMBA, [(203, 226, "ACTOR", "?forces armees maliennes"), (228, 232, "ACTOR", "?fama")]),
    (BAMAKO, [(214, 273, "ACTOR", "m5-rfp"), (275, 281, "ACTOR", "m5-rfp")]),
    (BOULKESSI, [(0, 36, "ACTOR", "jnim"), (38, 42, "ACTOR", "jnim"),
                 (45, 71, "ACTOR", "?al qaeda s sahel affiliate"), (155, 175, "ACTOR", "?g5 sahel joint force"),
                 (202, 213, "ACTOR", "?malian army")]),
    (KOURE, [(81, 111, "ACTOR", "?etat islamique au grand sahara"), (113, 117, "ACTOR", "?eigs")]),
])
def test_spans_in_corpus_sentences(actors: ActorDictionary, text: str,
                                   expected: list[tuple[int, int, str, str]]) -> None:
    assert actors.find_spans(text) == expected


def test_span_offsets_cut_the_original_text(actors: ActorDictionary) -> None:
    spans = actors.find_spans(BAMAKO + " " + GASKINDE)
    surfaces = [(BAMAKO + " " + GASKINDE)[s:e] for s, e, _, _ in spans]
    assert surfaces == ["Mouvement du 5 juin – Rassemblement des forces patriotiques", "M5-RFP",
                        "Groupe de soutien à l'islam et aux musulmans", "GSIM", "JNIM", "Al-Qaïda"]


def test_offsets_survive_ligatures_and_decomposed_accents(actors: ActorDictionary) -> None:
    text = "Bœuf volé; l'E\u0301tat islamique au Grand Sahara (EIGS) a frappé."
    spans = actors.find_spans(text)
    assert [text[s:e] for s, e, _, _ in spans] == ["E\u0301tat islamique au Grand Sahara", "EIGS"]


def test_context_dependent_span_ids_resolve_in_context(actors: ActorDictionary) -> None:
    (_, _, _, fama), = actors.find_spans("les FAMa")
    assert fama == "?fama"
    assert actors.resolve_id(fama, date="2019-09-30").name == "Military Forces of Mali (2013-2020)"  # type: ignore[union-attr]
    assert actors.resolve_id(fama, date="2023-09-07").name == "Military Forces of Mali (2021-)"  # type: ignore[union-attr]
    (_, _, _, iswap), = actors.find_spans("(Iswap)")
    assert actors.resolve_id(iswap, country="Chad").name == "Islamic State West Africa Province"  # type: ignore[union-attr]
    assert actors.resolve_id("ml-military-2013-2020", date="2023-01-01").id == "ml-military-2021"  # type: ignore[union-attr]
    assert actors.resolve_id("no-such-entry") is None


@pytest.mark.parametrize("text", [
    "jas", "the jasmine market", "It was absurd.", "Urdu speakers", "Fama Diarra", "a fan of football",
    "the MSAs", "on the platform", "sur la plateforme", "Is it true? IS IT?", "the famous Malian singer",
    "une cma de santé", "he said it was the army's job", "les Burkinabè", "the state of Borno",
    "a village chief", "Ouagadougou", "VDPS", "mujaos", "the Sahel region", "a province of the Sahel",
])
def test_no_false_hits_on_common_words(actors: ActorDictionary, text: str) -> None:
    assert actors.find_spans(text) == []


def test_acronyms_match_in_capitals_and_title_case_only(actors: ActorDictionary) -> None:
    assert [i for *_, i in actors.find_spans("JAS fighters and jas")] == ["jas"]
    assert [i for *_, i in actors.find_spans("Minusma, MINUSMA, minusma")] == ["minusma", "minusma"]
    assert [i for *_, i in actors.find_spans("FAMa, FAMA, Fama")] == ["?fama", "?fama"]
    assert [i for *_, i in actors.find_spans("Aqmi and AQMI")] == ["aqim", "aqim"]


def test_whole_words_only(actors: ActorDictionary) -> None:
    assert actors.find_spans("JNIMs") == []
    assert actors.find_spans("xJNIM") == []
    assert [(s, e) for s, e, _, _ in actors.find_spans("(JNIM)")] == [(1, 5)]
    assert [(s, e) for s, e, _, _ in actors.find_spans("l'EIGS")] == [(2, 6)]


def test_longest_match_wins(actors: ActorDictionary) -> None:
    text = "the Islamic State West Africa Province claimed it"
    assert actors.find_spans(text) == [(4, 38, "ACTOR", "?islamic state west africa province")]


def test_language_filter(actors: ActorDictionary) -> None:
    text = "casques bleus and UN peacekeepers"
    assert [text[s:e] for s, e, _, _ in actors.find_spans(text, language="fr")] == ["casques bleus"]
    assert [text[s:e] for s, e, _, _ in actors.find_spans(text, language="en")] == ["UN peacekeepers"]
    assert len(actors.find_spans(text)) == 2


def test_span_patterns_per_language(actors: ActorDictionary) -> None:
    english = dict(actors.span_patterns("en"))
    french = dict(actors.span_patterns("fr"))
    assert english["JNIM"] == french["JNIM"] == "jnim"
    assert english["Jama'at Nasr al-Islam wal Muslimin"] == "jnim"
    assert french["Groupe de soutien à l'islam et aux musulmans"] == "jnim"
    assert "Groupe de soutien à l'islam et aux musulmans" not in english
    assert "Volunteers for the Defence of the Homeland" not in french
    assert english["Islamic State"] == "?islamic state"
    assert "IS" not in english and "EI" not in french  # two-letter acronyms are never spans
    ids = {entry.id for entry in actors.entries}
    assert all(i in ids or i.startswith("?") for i in english.values())


def test_ruler_patterns_shape(actors: ActorDictionary) -> None:
    patterns = actors.ruler_patterns("fr")
    assert {"label": "ACTOR", "pattern": [{"ORTH": "JNIM"}], "id": "jnim"} in patterns
    assert {"label": "ACTOR", "pattern": [{"ORTH": "Jnim"}], "id": "jnim"} in patterns
    assert {"label": "ACTOR", "pattern": "groupe de soutien a l'islam et aux musulmans", "id": "jnim"} in patterns
    assert all(p["label"] == "ACTOR" and p["id"] for p in patterns)
    assert not any(p["pattern"] == [{"ORTH": "jas"}] for p in patterns)
