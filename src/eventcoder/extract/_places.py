"""The places a sentence names, and how the text relates each to the event.

A place is a gazetteer or model entity (GPE, LOC, FAC) that survives the checks for names that are no place,
or a name the text itself calls a place ("the village of Kiebani", "province du Soum", "near the Malian
border"). Each gets its relation to the event (in, near, between, an offset, a border), its admin level, and
why it is not the event's place where it is not. Every word these checks read is in the language's
``places`` lexicon section: an empty section finds only plain entity places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum, auto

from spacy.tokens import Doc, Span

from eventcoder.extract._context import country_of_name, find_borders, world_country
from eventcoder.extract._tokens import DATELINE, doc_text, head_chain, lemma_key, sent_start
from eventcoder.lexicon import Lexicon

__all__ = ["PLACE_LABELS", "PlaceMention", "Relation", "find_admin_phrases", "find_named_localities",
           "find_places"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_POSSESSIVE = re.compile(r"['’]s\s")  # "Chad's Lac province": the province is "Lac"
_DASHES = ("-", "–")  # "between Gao - Ansongo"


class Relation(StrEnum):
    """How a sentence relates a place to the event: codes of ``records.PlacePhrase.relation`` (the event's
    place phrase adds ``area`` and ``admin``)."""

    IN = auto()
    NEAR = auto()
    BETWEEN = auto()
    OFFSET = auto()
    BORDER = auto()


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in a sentence, with how the text relates it to the event."""

    start: int
    end: int
    text: str
    key: str
    relation: str = Relation.IN
    anchor: str = ""  # the other end of "between A and B"
    distance_km: float | None = None
    bearing: str | None = None
    admin_level: str = ""  # "region", "province", ... when the text names an admin unit
    attached: bool = False  # syntactically attached to a trigger
    excluded: str = ""  # why it is not the event's place (dateline, hospital, speaker's seat, ...)
    country: str = ""  # set when the name is a country's
    located: int = 0  # +1 after a location preposition ("in", "at", "à", "près de"), -1 as a noun's genitive


def find_places(doc: Doc, sent: Span, ents: list[Span], trigger_tokens: set[int],
                lexicon: Lexicon) -> list[PlaceMention]:
    """The places of ``sent``: its place entities, classified, then the names the text calls places."""
    places = [e for e in ents if e.label_ in PLACE_LABELS and not _inside_word(doc, e)
              and not _not_a_name(e, lexicon) and not _common_noun_guess(e, lexicon)
              and not _names_an_issuer(e, lexicon) and not _after_a_plural_article(doc, e, lexicon)]
    found = [_classify_place(doc, ent, places, trigger_tokens, lexicon) for ent in places]
    anchors = {p.anchor for p in found if p.relation == Relation.BETWEEN and p.anchor}
    found = [p for p in found if p.text not in anchors or p.relation == Relation.BETWEEN]
    for span in _coordinated_unknown_places(doc, found, ents, sent, lexicon):
        found.append(PlaceMention(span.start, span.end, span.text, span.text.lower(), Relation.IN, located=1,
                                  attached=True))
    found.extend(_said_places(doc, sent, found, lexicon))
    return found


def _said_places(doc: Doc, sent: Span, places: list[PlaceMention], lexicon: Lexicon) -> list[PlaceMention]:
    """Places the text says are places: admin units, named localities, borders (none overlapping ``places``)."""
    text = sent.text
    found: list[PlaceMention] = []

    def free(span: Span) -> bool:
        return not any(p.start <= span.start < p.end or span.start <= p.start < span.end for p in places + found)

    for start, end, name, level in find_admin_phrases(text, lexicon):
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None and free(span):
            found.append(PlaceMention(span.start, span.end, name, name.lower(), Relation.IN, admin_level=level))
    near = lexicon.pattern("places.near")
    for start, end, name in find_named_localities(text, lexicon):
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None and free(span):
            before = doc_text(doc)[max(sent.start_char, span.start_char - 60):span.start_char]
            relation = Relation.NEAR if near is not None and near.search(before) else Relation.IN
            found.append(PlaceMention(span.start, span.end, name, name.lower(), relation, attached=True, located=1))
    for start, end, country in find_borders(text, lexicon):
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None:
            found.append(PlaceMention(span.start, span.end, country, country.lower(), Relation.BORDER,
                                      country=country))
    return found


def find_admin_phrases(text: str, lexicon: Lexicon) -> list[tuple[int, int, str, str]]:
    """"Yagha province", "province du Soum", "région de Tillabéri", "Borno State": (start, end, name, level)."""
    pattern = lexicon.pattern("places.admin_phrase")
    if pattern is None:
        return []
    not_names = lexicon.words("places.not_names")
    found = []
    for m in pattern.finditer(text):
        groups = m.groupdict()
        name = groups.get("after") or groups.get("before")
        level = (groups.get("level") or groups.get("level2") or "").lower()
        group = "after" if groups.get("after") else "before"
        start = m.start(group)
        if name and (possessive := _POSSESSIVE.search(name)):
            name, start = name[possessive.end():], start + possessive.end()
        if not name or name.split()[0].lower() in not_names or country_of_name(name):
            continue
        found.append((start, m.end(group), name, level))
    return found


def find_named_localities(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """"the village of Kiebani", "la localité de Gaskindé": names the text says are places."""
    pattern = lexicon.pattern("places.locality_phrase")
    if pattern is None:
        return []
    not_names = lexicon.words("places.not_names")
    return [(m.start("name"), m.end("name"), m.group("name")) for m in pattern.finditer(text)
            if m.group("name").split()[0].lower() not in not_names]


def _search(lexicon: Lexicon, name: str, text: str) -> re.Match[str] | None:
    """The first match of the section's pattern in ``text`` (None when the section is empty)."""
    pattern = lexicon.pattern(name)
    return pattern.search(text) if pattern is not None else None


def _match(lexicon: Lexicon, name: str, text: str) -> re.Match[str] | None:
    """The section's pattern matched at the start of ``text`` (None when the section is empty)."""
    pattern = lexicon.pattern(name)
    return pattern.match(text) if pattern is not None else None


def _names_no_place(before: str, after: str, is_country: bool, lexicon: Lexicon) -> str:
    """Why a country's name is not a place here ("" when it is one): it names a river ("the Niger river",
    "le fleuve Niger", "the inner Niger delta") or an institution ("France's foreign ministry")."""
    if not is_country:
        return ""
    if _search(lexicon, "places.river_before", before) or _match(lexicon, "places.river_after", after):
        return "river_or_basin"
    if _match(lexicon, "places.institution_after", after):
        return "institution_of_the_country"
    return ""


def _context_before(doc: Doc, start: int, chars: int = 60) -> str:
    first = doc[sent_start(doc, start)].idx
    begin = max(first, doc[start].idx - chars)
    return doc_text(doc)[begin:doc[start].idx]


def _coordinated_unknown_places(doc: Doc, places: list[PlaceMention], ents: list[Span], sent: Span,
                                lexicon: Lexicon) -> list[Span]:
    """"struck Tchombangou and Zaroumdareye": a capitalised name joined to a known village by "and"/"et"
    is another place, even when the gazetteer does not know it."""
    # a name the small model calls a nationality or an organisation ("Zaroumdareye" NORP) is free to be a
    # village; places, actors and real demonyms are not
    named = [e for e in ents if e.label_ not in ("NORP", "ORG", "PERSON", "PER", "MISC") or country_of_name(e.text)]
    taken = {i for e in named for i in range(e.start, e.end)} | {i for p in places for i in range(p.start, p.end)}
    prepositions = lexicon.words("places.name_prepositions")
    coordinators = lexicon.words("places.coordinators") | {","}
    found = []
    for token in sent:  # "d'une trentaine à Zaroumadareye": a name after a locative word
        if (token.lower_ in prepositions and token.i + 1 < sent.end and doc[token.i + 1].is_title
                and doc[token.i + 1].pos_ in ("PROPN", "NOUN", "X") and doc[token.i + 1].i not in taken
                and token.i + 1 != sent.start
                and len(doc[token.i + 1].text) >= 4 and not doc[token.i + 1].is_stop):
            end = token.i + 2
            while end < sent.end and doc[end].is_title and doc[end].pos_ in ("PROPN", "X") and end not in taken:
                end += 1
            found.append(doc[token.i + 1:end])
            taken.update(range(token.i + 1, end))
    for place in [p for p in places if not p.admin_level and not p.country and not p.excluded]:
        link = doc[place.end:place.end + 1]
        if not len(link) or link[0].lower_ not in coordinators or place.end + 1 >= sent.end:
            continue
        start = place.end + 1
        end = start
        while end < sent.end and doc[end].is_title and doc[end].i not in taken and doc[end].pos_ in ("PROPN", "NOUN", "X"):
            end += 1
        if end > start and not any(t.is_stop for t in doc[start:end]):
            found.append(doc[start:end])
    return found


def _common_noun_guess(ent: Span, lexicon: Lexicon) -> bool:
    """A place guessed by the statistical model (no gazetteer key) that is a common word of our lexicon
    ("des Armées")."""
    if ent.kb_id_ or len(ent) != 1:
        return False
    token = ent[0]
    return any(w in words for words in lexicon.groups.values() for w in (token.lower_, lemma_key(token)))


def _names_an_issuer(ent: Span, lexicon: Lexicon) -> bool:
    """A place guessed by the statistical model that is an official body of our lexicon ("l'État-Major
    général des armées", "the General Staff"): the issuer of a communiqué, not a place."""
    if ent.kb_id_ or lexicon.official_speakers is None:
        return False
    found = lexicon.official_speakers.match(ent.text)
    return found is not None and found.end() == len(ent.text)


def _after_a_plural_article(doc: Doc, ent: Span, lexicon: Lexicon) -> bool:
    """"les Fama sont intervenues": a single name after a plural article (``places.plural_articles``) is a
    people or a force, no place (French place names take no plural article unless it is part of the name,
    "Les Cayes", which the gazetteer matches whole)."""
    return ent.start > 0 and len(ent) == 1 and doc[ent.start - 1].lower_ in lexicon.words("places.plural_articles") \
        and not country_of_name(ent.text)


def _not_a_name(ent: Span, lexicon: Lexicon) -> bool:
    """"province de l'", "Mardi": words that are no place name, whatever the gazetteer holds."""
    not_place = lexicon.words("places.not_place_words")
    return all(t.lower_ in not_place for t in ent)


def _inside_word(doc: Doc, ent: Span) -> bool:
    """"Etat" in "Etat-major": a place name glued to another word is not a place."""
    after = doc_text(doc)[ent.end_char:ent.end_char + 2]
    before = doc_text(doc)[max(0, ent.start_char - 2):ent.start_char]
    return (len(after) == 2 and after[0] == "-" and after[1].islower()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalpha() and before[0].islower())


def _relation(doc: Doc, ent: Span, places: list[Span], before: str,
              lexicon: Lexicon) -> tuple[str, str, float | None, str | None]:
    """(relation, anchor, distance, bearing) that the words before the name give it."""
    offset = _search(lexicon, "places.offset", before)
    if offset:
        return Relation.OFFSET, "", _parse_distance(offset.group("number"), lexicon), \
            _norm_bearing(offset.group("bearing"), lexicon)
    if _search(lexicon, "places.between", before):
        links = lexicon.words("places.between_links") | set(_DASHES)
        partner = next((p for p in places if p.start > ent.end and p.start - ent.end <= 3
                        and doc[ent.end:p.start].text.strip().lower() in links), None)
        return Relation.BETWEEN, partner.text if partner is not None else "", None, None
    if _search(lexicon, "places.near", before):
        return Relation.NEAR, "", None, None
    return Relation.IN, "", None, None


def _admin_level(doc: Doc, ent: Span, places: list[Span], before: str, after: str, lexicon: Lexicon) -> str:
    """The admin unit the text calls the name ("province", "région"), or ""."""
    admin = ""
    if admin_before := _search(lexicon, "places.admin_before", before):
        admin = admin_before.group(0).split()[0].lower()
    elif admin_after := _match(lexicon, "places.admin_after", after):
        admin = admin_after.group(0).strip().lower()
    words = ent.text.lower().split()
    if len(words) > 1 and words[-1] in lexicon.words("places.admin_last_words"):
        admin = words[-1]
    if len(words) > 1 and words[0] in lexicon.words("places.admin_first_words"):
        admin = words[0]
    if not admin and _in_parentheses_after_a_place(doc, ent, places):
        # "Balé (Boucle du Mouhoun)", "(Koutiala, Sikasso)": where the place before lies
        admin = str(lexicon.section("places.enclosing_level") or "")
    return admin


def _classify_place(doc: Doc, ent: Span, places: list[Span], trigger_tokens: set[int],
                    lexicon: Lexicon) -> PlaceMention:
    before = _context_before(doc, ent.start)
    after = doc_text(doc)[ent.end_char:ent.end_char + 40]
    relation, anchor, distance, bearing = _relation(doc, ent, places, before, lexicon)
    admin = _admin_level(doc, ent, places, before, after, lexicon)
    excluded = ""
    if _search(lexicon, "places.exclude_before", before) and relation != Relation.OFFSET:
        excluded = "destination_or_seat"
    named_country, any_country = country_of_name(ent.text), world_country(ent.text)
    excluded = _names_no_place(before, after, bool(named_country or any_country), lexicon) or excluded
    if sent_start(doc, ent.start) == ent.start and DATELINE.match(doc_text(doc)[ent.start_char:ent.start_char + 80]):
        excluded = "dateline"
    attached = any(t.i in trigger_tokens for t in head_chain(ent.root, 4))
    located = 1 if relation in (Relation.BETWEEN, Relation.NEAR, Relation.OFFSET) else _located(
        doc, ent, trigger_tokens, lexicon)
    country = named_country or ""
    if country and ent.text.lower() not in (country.lower(), country.lower() + "'s"):
        country = ""  # a capital or a demonym used as a place name: a real place
    country = country or any_country or ""  # any other country: a country, not a village
    return PlaceMention(ent.start, ent.end, ent.text, ent.kb_id_ or ent.text.lower(), relation, anchor, distance,
                        bearing, admin, attached, excluded, country, located)


def _in_parentheses_after_a_place(doc: Doc, ent: Span, places: list[Span]) -> bool:
    """The name stands in parentheses (alone, or after other names and commas) that follow a place name."""
    i = ent.start - 1
    while i >= 1 and doc[i].text == ",":  # "(Koutiala, Sikasso)": step back over the earlier names
        previous = next((p for p in places if p.end == i), None)
        if previous is None:
            return False
        i = previous.start - 1
    if i < 1 or doc[i].text != "(" or ent.end >= len(doc) or doc[ent.end].text not in (")", ","):
        return False
    return any(p.end == i for p in places)


def _located(doc: Doc, ent: Span, trigger_tokens: set[int], lexicon: Lexicon) -> int:
    """+1 when a location preposition (``places.locative``) governs the name, -1 when it only qualifies a
    non-trigger noun; a genitive after a settlement noun ("the city of Gao", "dans le secteur de Dourou",
    "in the area of Boulkessi") names the place itself."""
    previous = [t for t in doc[max(sent_start(doc, ent.start), ent.start - 3):ent.start] if t.pos_ != "DET"]
    if not previous:
        return 0
    word = previous[-1].lower_
    if word in lexicon.words("places.locative"):
        return 1
    if word in lexicon.words("places.genitive") and len(previous) >= 2:
        noun = previous[-2]
        if noun.lower_.split("-")[0] in lexicon.words("places.settlement_nouns"):  # "la ville-garnison de Kati"
            return 1
        if noun.i not in trigger_tokens and noun.pos_ in ("NOUN", "ADJ", "PROPN"):
            return -1
    return 0


def _parse_distance(text: str | None, lexicon: Lexicon) -> float | None:
    if not text:
        return None
    text = text.lower().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        numbers = lexicon.table("places.distance_numbers")
        return float(numbers[text]) if text in numbers else None


def _norm_bearing(text: str | None, lexicon: Lexicon) -> str | None:
    return lexicon.inverse("places.bearings").get(text.lower()) if text else None
