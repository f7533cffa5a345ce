"""Per-sentence analysis: what one sentence says about violence.

A :class:`Frame` holds, for one sentence, the event triggers, the dates (and whether each dates the event,
a statement or a claim), the places, the actors with their roles, the casualty figures with their
speaker, and the attribution cues (claims, denials, "has not confirmed"). :func:`build_frame` assembles it
from the readers of each noun (``_triggers``, ``_date_roles`` and the modules of places, actors, figures and
attribution); ``_events`` then groups frames into the events of the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventcoder.extract._context import (
    country_of_name,
    find_admin_phrases,
    find_borders,
    find_named_localities,
    world_country,
)
from eventcoder.extract._date_roles import date_role, trigger_distance
from eventcoder.extract._dates import DateExpr, find_dates
from eventcoder.extract._layout import item_starts
from eventcoder.extract._negation import negated_word
from eventcoder.extract._numbers import NumberExpr, find_numbers
from eventcoder.extract._tokens import (
    DATELINE,
    Trigger,
    doc_text,
    head_chain,
    index_sentences,
    is_passive,
    lemma_key,
    sent_start,
)
from eventcoder.extract._triggers import find_triggers, under_modal
from eventcoder.lexicon import Lexicon

__all__ = ["ActorMention", "Figure", "Frame", "PlaceMention", "Trigger", "build_frames"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the pipeline gives dictionary actors, by ACLED category (see pipeline.ActorSpans).
ACTOR_LABEL_KINDS = {"ACTOR_STATE": "military", "ACTOR_GROUP": "group", "ACTOR_MILITIA": "militia",
                     "ACTOR_CIVILIANS": "civilians", "ACTOR_PROTESTERS": "protesters", "ACTOR": "group"}
_PERSON_NOUNS_EXTRA = {"dead", "others", "autres", "morts", "tués", "blessés", "victims", "victimes", "bodies",
                       "corps", "body", "lives", "vies", "hostages", "otages", "people", "personnes", "persons"}
_ARMED = {"armed", "armés", "armé", "arme", "armées"}
_MEN = {"man", "men", "homme", "hommes", "individu", "individus", "élément", "éléments", "people", "person",
        "group", "groupe", "groups", "groupes"}
_DATED_CUES = {"protest", "arrest", "handover", "change", "disrupt", "sd_other"}  # weak cues that a dated sentence reports (a gathering, an arrest)
_UNIDENTIFIED = {"unidentified", "unknown", "non", "identifiés", "inconnus", "suspected", "présumés",
                 "presumed", "suspect"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence: a dictionary entry (``entry_id``) or a generic noun (``kind``)."""

    start: int
    end: int
    text: str
    kind: str
    entry_id: str = ""
    role: str = ""  # agent, patient, claimant, blamed, denier, speaker, other
    char_start: int = -1  # char offsets of the words in the parsed text (-1: no words of the text)
    char_end: int = -1


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in a sentence, with how the text relates it to the event."""

    start: int
    end: int
    text: str
    key: str
    relation: str = "in"
    anchor: str = ""  # the other end of "between A and B"
    distance_km: float | None = None
    bearing: str | None = None
    admin_level: str = ""  # "region", "province", ... when the text names an admin unit
    attached: bool = False  # syntactically attached to a trigger
    excluded: str = ""  # why it is not the event's place (dateline, hospital, speaker's seat, ...)
    country: str = ""  # set when the name is a country's
    located: int = 0  # +1 after a location preposition ("in", "at", "à", "près de"), -1 as a noun's genitive


@dataclass(frozen=True, slots=True)
class Figure:
    """A count of people (dead, injured, taken) as one speaker gave it."""

    number: NumberExpr
    kind: str  # dead, injured, hostage, missing
    group: str  # military, militia, civilians, perpetrators, people, others
    speaker: str
    start: int  # char offsets of the figure's phrase
    end: int
    text: str
    revision: bool = False
    credible: bool = True
    perpetrator_claim: bool = False


@dataclass
class Frame:
    """Everything one sentence says about violence."""

    index: int
    sent: Span
    item: int
    triggers: list[Trigger] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    event_dates: list[DateExpr] = field(default_factory=list)
    claim_dates: list[DateExpr] = field(default_factory=list)
    discovery_dates: list[DateExpr] = field(default_factory=list)  # the day remains were found
    place_dates: list[DateExpr] = field(default_factory=list)  # of a sentence with no trigger ("a tragedy in X on ...")
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    speaker: str = ""
    speaker_official: bool = False
    for_document: bool = False  # names no speaker of its own: speaks for the communiqué the report is
    claim: bool = False
    not_claimed: bool = False
    deny: bool = False
    not_confirmed: bool = False
    blame: bool = False
    channel: str = ""
    background: str = ""
    recall: bool = False
    separate: bool = False
    item_header: bool = False
    hypothetical: bool = False

    @property
    def text(self) -> str:
        return self.sent.text

    @property
    def strong_triggers(self) -> list[Trigger]:
        return [] if self.hypothetical else [t for t in self.triggers if not t.weak]

    @property
    def anaphoric(self) -> bool:
        """Every strong trigger refers back to an event already told ("the attack", "l'embuscade")."""
        strong = self.strong_triggers
        return bool(strong) and all(t.definite for t in strong)

    @property
    def counts_dead(self) -> bool:
        """One of the sentence's figures counts dead people."""
        return any(f.kind == "dead" for f in self.figures)

    @property
    def is_event(self) -> bool:
        """A sentence that reports violence (not only mentions a word of it)."""
        if self.strong_triggers:
            return True
        if not self.triggers:
            return False
        if self.hypothetical:
            return False
        if self.event_dates and not self.background and any(t.cue in _DATED_CUES for t in self.triggers) and (
                any(t.cue in ("protest", "sd_other") for t in self.triggers)
                or any(a.kind in ("military", "protesters") for a in self.actors)):
            return True  # "police detained a journalist on Tuesday", "protesting in Niamey on Tuesday"
        deaths = any(f.kind in ("dead", "hostage") for f in self.figures)
        armed = any(a.kind in ("group", "perpetrators") for a in self.actors)
        return deaths or armed


# ---------------------------------------------------------------- places

_NEAR = re.compile(r"(?:\bnear|\bclose to|\boutside|\bnot far from|\bin the vicinity of|\baround|\bnearby|"
                   r"\bprès d[eu']|\bnon loin d[eu']|\baux abords d[eu']|\bà proximité d[eu']|\bà hauteur d[eu']|"
                   r"\baux alentours d[eu']|\bdans les environs d[eu']|\bvers|\bdu côté d[eu'])\s*(?:the\s+|l[ae']\s*|la\s+)?"
                   r"(?:(?:village|town|locality|localité|ville|commune|village de|town of|locality of)\s+(?:of\s+|de\s+)?)?$",
                   re.I)
_OFFSET = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?|[a-zéèàû-]+)(?:(?<=aine)\s+de)?\s*(?:-|\s)?(?:km|kilom[eè]t(?:re|er)s?|kilomètres?)\s*(?:\([^)]*\)\s*)?"
    r"(?:(?P<bearing>north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest|north|"
    r"south|east|west|au nord-est|au nord-ouest|au sud-est|au sud-ouest|au nord|au sud|à l'est|à l'ouest)"
    r"\s*(?:-\s*\w+\s*)?)?\s*(?:of|from|de|du|d'|des|short of|outside)\s*(?:the\s+(?:\w+\s+)?|la\s+ville\s+de\s+|"
    r"la\s+localité\s+de\s+|la\s+|l')?$", re.I)
_BETWEEN = re.compile(r"(?:\bbetween|\bentre|\bon the road between|\bsur l'axe(?:\s+routier)?|\baxe(?:\s+routier)?|\bthe road from|\broad between|"
                      r"\b(?:travell?ing|heading|driving|moving|going|road|route|convoy)\s+from|\breliant|"
                      r"\ballant de|\ben route de)"
                      r"\s*(?:the\s+(?:villages?|towns?|localities)\s+of\s+|les\s+(?:villages?|localités)\s+de\s+|"
                      r"les\s+)?$", re.I)
_ADMIN_BEFORE = re.compile(r"(?:\bprovince|\bregion|\brégion|\bcercle|\bcommune|\bdepartment|\bdépartement|"
                           r"\bstate|\bétat|\bprefecture|\bpréfecture|\bdistrict|\blocal government area|"
                           r"\bzone de gouvernement local)\s+(?:of\s+|de\s+l[ae']\s*|du\s+|de\s+|d')?(?:the\s+)?$",
                           re.I)
_ADMIN_AFTER = re.compile(r"^\s*(?:province|region|cercle|commune|department|state|local government area|"
                          r"lga|prefecture|district)\b", re.I)
_EXCLUDE_BEFORE = re.compile(
    r"(?:\btaken to|\bevacuated to|\bfled to|\bflee to|\breached|\breach|\bairlifted to|\bflown to|\bto the|"
    r"\bmoved to|\bbrought to|\bin the capital|\bcapital,?|\bprosecutor in|\bin a statement in|\bsummit in|"
    r"\bévacués? (?:vers|à|sur)|\btransférés? (?:vers|à)|\bacheminée?s? (?:vers|à)|\bse sont réfugiés à|"
    r"\bont fui vers|\bvers la capitale|\bà destination de|\bdestinés? aux populations de|\bregagner|"
    r"\bheading (?:to|back to)|\bhome to|\bobsèques .{0,30}à|\bfunerals? in|\bburied in|\binhumés à|"
    r"\bconférence de presse à|\bpress conference in|\bmet in|\bhospital in|\bhôpital de|\bcentre médical de|"
    r"\bmedical centre in|\bleaving for|\bquitter|\bprovincial capital|\bregional capital|\bdestined for|"
    r"\bbound for|\bescorted to|\bon (?:its|their) way to|\breturning to|\bback to)\s*(?:[\w'-]+\s+){0,5}$",
    re.I)

# a country's name that names something else: a river ("the Niger river", "le fleuve Niger", "the inner Niger
# delta") or an institution ("France's foreign ministry", "Mali's junta")
_RIVER_BEFORE = re.compile(r"\b(?:fleuve|rivière|river|bassin|basin|vallée|valley|delta(?: intérieur| central)?|"
                           r"boucle)\s+(?:du\s+|de\s+la\s+|de\s+l'|of\s+the\s+)?$", re.I)
_RIVER_AFTER = re.compile(r"^\s*(?:river|basin|valley|delta|bend)\b", re.I)
_INSTITUTION_AFTER = re.compile(
    r"^(?:'s|’s)\s+(?:[a-z-]+\s+){0,2}(?:ministry|ministries|minister|government|junta|presidency|president|"
    r"embassy|authorities|army|military|forces|troops|armed forces|spokesman|spokesperson|officials?|"
    r"prosecutor|foreign office|defence|defense|parliament|state media|state television|public broadcaster)\b",
    re.I)


def _names_no_place(before: str, after: str, is_country: bool) -> str:
    """Why a country's name is not a place here ("" when it is one)."""
    if not is_country:
        return ""
    if _RIVER_BEFORE.search(before) or _RIVER_AFTER.match(after):
        return "a river or basin"
    if _INSTITUTION_AFTER.match(after):
        return "an institution of the country"
    return ""


def _context_before(doc: Doc, start: int, chars: int = 60) -> str:
    first = doc[sent_start(doc, start)].idx
    begin = max(first, doc[start].idx - chars)
    return doc_text(doc)[begin:doc[start].idx]


_NOT_PLACE_WORDS = {"province", "région", "region", "de", "du", "des", "la", "le", "l'", "l’", "d'", "state", "état",
                    "cercle", "commune", "département", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                    "dimanche", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _coordinated_unknown_places(doc: Doc, places: list[PlaceMention], ents: list[Span], sent: Span) -> list[Span]:
    """"struck Tchombangou and Zaroumdareye": a capitalised name joined to a known village by "and"/"et"
    is another place, even when the gazetteer does not know it."""
    # a name the small model calls a nationality or an organisation ("Zaroumdareye" NORP) is free to be a
    # village; places, actors and real demonyms are not
    named = [e for e in ents if e.label_ not in ("NORP", "ORG", "PERSON", "PER", "MISC") or country_of_name(e.text)]
    taken = {i for e in named for i in range(e.start, e.end)} | {i for p in places for i in range(p.start, p.end)}
    found = []
    for token in sent:  # "d'une trentaine à Zaroumadareye": a name after a locative word
        if (token.lower_ in ("à", "in", "at") and token.i + 1 < sent.end and doc[token.i + 1].is_title
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
        if not len(link) or link[0].lower_ not in ("and", "et", ",") or place.end + 1 >= sent.end:
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


# plural articles: a name after them is a people or a force ("les Fama", "aux Dozos"), not a place
_PLURAL_ARTICLES = {"les", "aux", "ces"}


def _after_a_plural_article(doc: Doc, ent: Span) -> bool:
    """"les Fama sont intervenues": a single name after a plural article is no place (French place names
    take no plural article unless it is part of the name, "Les Cayes", which the gazetteer matches whole)."""
    return ent.start > 0 and len(ent) == 1 and doc[ent.start - 1].lower_ in _PLURAL_ARTICLES \
        and not country_of_name(ent.text)


def _not_a_name(ent: Span) -> bool:
    """"province de l'", "Mardi": words that are no place name, whatever the gazetteer holds."""
    words = [t.lower_ for t in ent]
    return all(w in _NOT_PLACE_WORDS for w in words)


def _inside_word(doc: Doc, ent: Span) -> bool:
    """"Etat" in "Etat-major": a place name glued to another word is not a place."""
    after = doc_text(doc)[ent.end_char:ent.end_char + 2]
    before = doc_text(doc)[max(0, ent.start_char - 2):ent.start_char]
    return (len(after) == 2 and after[0] == "-" and after[1].islower()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalpha() and before[0].islower())


def _classify_place(doc: Doc, ent: Span, places: list[Span], trigger_tokens: set[int]) -> PlaceMention:
    before = _context_before(doc, ent.start)
    after = doc_text(doc)[ent.end_char:ent.end_char + 40]
    relation, anchor, distance, bearing, admin, excluded = "in", "", None, None, "", ""
    offset = _OFFSET.search(before)
    if offset:
        relation = "offset"
        distance = _parse_distance(offset.group("num"))
        bearing = _norm_bearing(offset.group("bearing"))
    elif _BETWEEN.search(before):
        relation = "between"
        partner = next((p for p in places if p.start > ent.end and p.start - ent.end <= 3
                        and doc[ent.end:p.start].text.strip().lower() in ("and", "et", "to", "à", "-", "–")), None)
        if partner is not None:
            anchor = partner.text
    elif _NEAR.search(before):
        relation = "near"
    if _ADMIN_BEFORE.search(before):
        admin = _ADMIN_BEFORE.search(before).group(0).split()[0].lower()  # type: ignore[union-attr]
    elif _ADMIN_AFTER.match(after):
        admin = _ADMIN_AFTER.match(after).group(0).strip().lower()  # type: ignore[union-attr]
    words = ent.text.lower().split()
    if len(words) > 1 and words[-1] in ("province", "region", "cercle", "state", "department", "commune", "lga",
                                        "district", "prefecture"):
        admin = words[-1]
    if len(words) > 1 and words[0] in ("province", "région", "region", "cercle", "commune", "département", "état"):
        admin = words[0]
    if not admin and _in_parentheses_after_a_place(doc, ent, places):
        admin = "region"  # "Balé (Boucle du Mouhoun)", "(Koutiala, Sikasso)": where the place before lies
    if _EXCLUDE_BEFORE.search(before) and relation != "offset":
        excluded = "destination or seat"
    named_country, any_country = country_of_name(ent.text), world_country(ent.text)
    excluded = _names_no_place(before, after, bool(named_country or any_country)) or excluded
    if sent_start(doc, ent.start) == ent.start and DATELINE.match(doc_text(doc)[ent.start_char:ent.start_char + 80]):
        excluded = "dateline"
    attached = any(t.i in trigger_tokens for t in head_chain(ent.root, 4))
    located = 1 if relation in ("between", "near", "offset") else _located(doc, ent, trigger_tokens)
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


_LOCATIVE = {"in", "at", "near", "à", "au", "aux", "dans", "outside", "around", "hauteur", "près", "abords",
             "proximité", "alentours", "environs", "between", "entre", "inside", "into", "on", "sur"}
_GENITIVE = {"of", "de", "du", "des", "d'", "from"}
# nouns of a settlement or an area whose "of"/"de" names the place itself ("the city of Gao", "dans le
# secteur de Dourou", "in the area of Boulkessi")
_SETTLEMENT_NOUNS = {"city", "town", "village", "locality", "hamlet", "settlement", "ville", "localité", "hameau",
                     "bourg", "commune", "cité", "zone", "secteur", "sector", "area", "vicinity", "campement"}


def _located(doc: Doc, ent: Span, trigger_tokens: set[int]) -> int:
    """+1 when a location preposition governs the name, -1 when it only qualifies a non-trigger noun."""
    previous = [t for t in doc[max(sent_start(doc, ent.start), ent.start - 3):ent.start] if t.pos_ != "DET"]
    if not previous:
        return 0
    word = previous[-1].lower_
    if word in _LOCATIVE:
        return 1
    if word in _GENITIVE and len(previous) >= 2:
        noun = previous[-2]
        if noun.lower_.split("-")[0] in _SETTLEMENT_NOUNS:  # "the city of Gao", "la ville-garnison de Kati"
            return 1
        if noun.i not in trigger_tokens and noun.pos_ in ("NOUN", "ADJ", "PROPN"):
            return -1
    return 0


_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "sixty": 60, "hundred": 100, "dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                 "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "douzaine": 12,
                 "quelques": 5, "some": 5}


def _parse_distance(text: str | None) -> float | None:
    if not text:
        return None
    text = text.lower().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return float(_NUMBER_WORDS[text]) if text in _NUMBER_WORDS else None


_BEARINGS = {"north": "N", "south": "S", "east": "E", "west": "W", "north-east": "NE", "northeast": "NE",
             "north-west": "NW", "northwest": "NW", "south-east": "SE", "southeast": "SE", "south-west": "SW",
             "southwest": "SW", "au nord": "N", "au sud": "S", "à l'est": "E", "à l'ouest": "W",
             "au nord-est": "NE", "au nord-ouest": "NW", "au sud-est": "SE", "au sud-ouest": "SW"}


def _norm_bearing(text: str | None) -> str | None:
    return _BEARINGS.get(text.lower()) if text else None


# ---------------------------------------------------------------- actors

_GOVERNING = {"government", "junta", "regime", "authorities", "authority", "administration", "ruler", "leader",
              "leadership", "council", "gouvernement", "junte", "régime", "autorités", "autorité", "pouvoir",
              "transition"}


def _qualifies_a_government(token: Token) -> bool:
    """"Burkina Faso's military-led government", "the military junta", "le pouvoir militaire": the word says
    who governs; the actor is the government (usually the speaker), not troops in the event."""
    doc = token.doc
    if doc[token.i + 1:token.i + 3].text.replace(" ", "").lower() == "-led":
        return True
    return token.dep_ in ("amod", "compound") and lemma_key(token.head) in _GOVERNING


def _generic_kind(token: Token, lexicon: Lexicon) -> str | None:
    lemma = lemma_key(token)
    counted = token.i > 0 and (token.nbor(-1).like_num or token.nbor(-1).pos_ in ("NUM", "DET"))
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") and lemma not in ("dead",) and not (
            counted and token.pos_ in ("ADP", "ADV", "X")):  # "douze villageois" tagged ADP by the small model
        return None
    if lemma in _MEN and any(c.lower_ in _ARMED for c in token.children):
        return "perpetrators"
    if lemma in ("people", "person", "man", "men", "homme", "personne", "individu"):
        return None
    group = lexicon.group_of(lemma)
    if group == "people":
        return None
    return group


_OF = {"of", "de", "des", "du", "d'", "d’"}


def _carrier_of(token: Token, lexicon: Lexicon) -> Token | None:
    """The carrier noun whose of-phrase ``token`` is ("a unit of [the army]", "les vecteurs aériens des [FAMa]")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _OF:
        head = head.head
    elif not (token.dep_ in ("nmod", "obl") and any(c.lower_ in _OF for c in token.children)):
        return None
    carries = lemma_key(head) in lexicon.carriers or _counts_with_a_noun(head, lexicon)
    return head if head.i != token.i and carries else None


def _counts_with_a_noun(token: Token, lexicon: Lexicon) -> bool:
    """"une dizaine de", "des centaines de", "dozens of": a count noun, whose of-phrase is the actor."""
    word = token.lower_
    return word in lexicon.approx_nouns or any(key.split()[-1] == word for key in lexicon.vague_numbers)


def _owner(token: Token, lexicon: Lexicon) -> Token | None:
    """The of-phrase noun of a carrier noun ("members of the [community]"), if any."""
    if lemma_key(token) not in lexicon.carriers:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _OF:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "nmod" and any(c.lower_ in _OF for c in child.children):
            return child
    return None


def _phrase_head(token: Token, trigger_heads: set[int], lexicon: Lexicon) -> Token:
    """The noun whose role an actor word takes: a modifier's noun ("a [military] operation", "an army
    position"), a carrier's noun for its owner ("a unit of the army")."""
    for _ in range(4):
        head = token.head
        if token.dep_ in ("amod", "compound") and head.i not in trigger_heads and head.i != token.i and not (
                head.ent_type_.startswith("ACTOR")):  # "Boko Haram/ISWAP fighters": two actors, not one phrase
            token = token.head
            continue
        carrier = _carrier_of(token, lexicon)
        if carrier is None:
            break
        token = carrier
    return token


def _acts_through(verb: Token, trigger_heads: set[int], lexicon: Lexicon) -> bool:
    """The subject of ``verb`` is the author of a trigger: the verb names the action by its object ("carried
    out an airstrike"), has the trigger verb joined to it ("carried out an operation and killed 15", "ont
    mené deux frappes, neutralisant"), or says
    that its subject did it ("the army said it killed")."""
    for child in verb.children:
        if child.i not in trigger_heads:
            continue
        own_subject = [c for c in child.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
        if child.dep_ in ("dobj", "obj") and lemma_key(verb) in lexicon.light_verbs:
            return True
        if child.dep_ in ("conj", "advcl") and not own_subject:  # "... and killed 15", "..., neutralisant"
            return True
        if child.dep_ in ("ccomp", "xcomp") and lemma_key(verb) in lexicon.speech_verbs and (
                not own_subject or own_subject[0].pos_ == "PRON") and not is_passive(child):
            return True
    return False


def _conducts_an_operation(verb: Token, lexicon: Lexicon) -> bool:
    """``verb`` is a light verb whose object is an operation ("carried out a sweep", "ont mené une opération
    de ratissage"): its subject is the author of the operation, which is no event on its own."""
    return lemma_key(verb) in lexicon.light_verbs and any(
        child.dep_ in ("dobj", "obj") and lemma_key(child) in lexicon.operations for child in verb.children)


def _role(token: Token, trigger_heads: set[int], lexicon: Lexicon) -> str:
    """The actor token's role towards the nearest trigger, from the dependency parse."""
    word, token = token, _phrase_head(token, trigger_heads, lexicon)
    dep = token.dep_
    if token.i != word.i and token.i in trigger_heads and dep == "nsubj":
        return "agent"  # "les vecteurs aériens des FAMa ont mené": the owner of the acting aircraft
    if dep == "nsubj" and token.head.i not in trigger_heads and _acts_through(token.head, trigger_heads, lexicon):
        return "agent"
    if dep == "nsubj" and _conducts_an_operation(token.head, lexicon):
        return "agent"  # "the army carried out a sweep near Djibo": the author of what the next sentence tells
    head = token.head
    if head.i in trigger_heads:
        if dep in ("nsubj", "agent"):
            return "agent"
        if dep in ("dobj", "obj", "nsubjpass", "nsubj:pass", "attr", "iobj"):
            return "patient"
    if dep == "pobj" and head.lower_ in lexicon.passive_agent and (head.head.i in trigger_heads or (
            head.head.dep_ == "nsubj" and head.head.head.i in trigger_heads)):
        return "agent"  # "killed by the army", "an operation by the army killed"
    by_agent = dep == "obl:agent" or (dep in ("nmod", "obl") and any(c.lower_ == "par" for c in token.children))
    if by_agent and (head.i in trigger_heads or head.head.i in trigger_heads):
        return "agent"
    if dep == "pobj" and head.lower_ in lexicon.target_preps and head.head.i in trigger_heads:
        return "patient"
    if dep in ("nmod", "obl") and head.i in trigger_heads and any(
            c.lower_ in ("contre", "sur", "du", "de", "des") for c in token.children):
        return "patient"
    if dep in ("compound", "nmod", "poss") and head.i in trigger_heads:
        return "patient"
    if dep in ("nsubj", "nsubj:pass") and head.lemma_.lower() in ("claim", "revendiquer"):
        return "claimant"
    return ""


def _owner_names_actor(token: Token, lexicon: Lexicon) -> bool:
    """A carrier noun whose of-phrase names the actor ("members of the Fulani community", "une unité de
    l'armée"): the owner is the actor, not the carrier."""
    owner = _owner(token, lexicon)
    if owner is None:
        return False
    words = [owner, *(c for c in owner.children if c.dep_ in ("amod", "compound"))]
    return any(w.ent_type_.startswith("ACTOR") or _generic_kind(w, lexicon) is not None for w in words)


def find_actors(sent: Span, triggers: list[Trigger], lexicon: Lexicon,
                ents: list[Span] | None = None) -> list[ActorMention]:
    """Dictionary actors (entities labelled ACTOR) and generic actor nouns, with their roles."""
    doc = sent.doc
    ents = list(sent.ents) if ents is None else ents
    trigger_heads = {t.head for t in triggers}
    found: list[ActorMention] = []
    covered: set[int] = set()
    for ent in ents:
        if not ent.label_.startswith("ACTOR"):
            continue
        covered.update(range(ent.start, ent.end))
        if _qualifies_a_government(doc[ent.end - 1]):
            continue
        role = _role(ent.root, trigger_heads, lexicon)
        kind = ACTOR_LABEL_KINDS.get(ent.label_, "group")
        found.append(ActorMention(ent.start, ent.end, ent.text, kind, ent.kb_id_, role, ent.start_char, ent.end_char))
    found = _joined_alternatives(doc, found, lexicon)
    for token in sent:
        if token.i in covered or token.ent_type_.startswith("ACTOR"):
            continue
        kind = _generic_kind(token, lexicon)
        if kind is None or _qualifies_a_government(token) or _owner_names_actor(token, lexicon):
            continue
        start = min((c.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i), default=token.i)
        end = max((c.i + 1 for c in token.children if c.dep_ == "amod" and c.i > token.i), default=token.i + 1)
        words = doc[start:end]
        found.append(ActorMention(start, end, words.text, kind, "", _role(token, trigger_heads, lexicon),
                                  words.start_char, words.end_char))
    return found


def _joined_alternatives(doc: Doc, groups: list[ActorMention], lexicon: Lexicon) -> list[ActorMention]:
    """Two named groups given as alternatives ("JNIM and/or ISGS", "le JNIM ou l'EIGS") as one mention
    spanning both, which the actor dictionary resolves to the joint actor ACLED codes."""
    joined: list[ActorMention] = []
    for actor in groups:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.kind == actor.kind == "group" and previous.char_end >= 0
                and _alternative_between(doc, previous.end, actor.start, lexicon)):
            role = previous.role if previous.role not in ("", "other") else actor.role
            joined[-1] = ActorMention(previous.start, actor.end, doc.text[previous.char_start:actor.char_end],
                                      "group", "", role, previous.char_start, actor.char_end)
            continue
        joined.append(actor)
    return joined


def _alternative_between(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the words between two names, articles and prepositions aside, are an alternative ("or",
    "and/or", "ou de l'")."""
    words = "".join(token.lower_ for token in doc[start:end] if token.pos_ not in ("DET", "ADP"))
    return words in lexicon.alternatives


# ---------------------------------------------------------------- figures

def _counted_noun(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> Token | None:
    """The noun a number counts ("11 soldiers", "une vingtaine de morts")."""
    end = number.end
    if doc[end:end + 3].text.replace(" ", "").startswith("(") and doc[end + 1:end + 2].text.isdigit():
        end += 3  # "quarante-neuf (49) civils"
    for token in doc[end:min(sent.end, end + 5)]:
        if token.pos_ in ("NOUN", "PROPN") or token.lower_ in _PERSON_NOUNS_EXTRA or (
                token.pos_ == "ADJ" and any(token.lower_ in words for words in lexicon.groups.values())):
            return token
        if token.pos_ not in ("ADJ", "ADP", "DET", "NUM", "PUNCT", "CCONJ") and token.lower_ not in (
                "of", "de", "d'", "its", "their", "his", "her", "own", "leurs", "leur", "ses", "son", "sa", "propres"):
            break
        if token.text in (",", ";", ":", "(") or token.lower_ in ("and", "et"):
            break
    root = doc[number.start:number.end].root
    if root.dep_ in ("nummod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    return None


def _window_lemmas(doc: Doc, start: int, end: int, sent: Span) -> list[str]:
    return [lemma_key(t) for t in doc[max(sent.start, start):min(sent.end, end)]]


def _figure_kind(doc: Doc, number: NumberExpr, noun: Token | None, sent: Span, lexicon: Lexicon) -> str | None:
    """dead / injured / hostage / missing for a count, or None when it counts something else."""
    candidates: list[Token] = []
    if noun is not None:
        candidates.append(noun)
        candidates.extend(head_chain(noun, 3))
    candidates.extend(head_chain(doc[number.start:number.end].root, 3))
    after = _window_lemmas(doc, number.end, number.end + 7, sent)
    before = _window_lemmas(doc, number.start - 4, number.start, sent)
    noun_lemma = lemma_key(noun) if noun is not None else ""
    counts_things = noun_lemma in lexicon.not_deaths and noun_lemma not in lexicon.injuries | lexicon.hostages
    if counts_things and noun_lemma not in lexicon.groups.get("civilians", ()):  # "passengers" can die
        return None
    for lemma in [noun_lemma, *after[:3]]:
        if lemma in lexicon.injuries:
            return "injured"
        if lemma in ("missing", "disparu", "disparus", "disparue", "disparues", "unaccounted"):
            return "missing"
        if lemma in lexicon.deaths:
            break
    for token in candidates:
        lemma = lemma_key(token)
        if lemma in lexicon.injuries:
            return "injured"
        if lemma in lexicon.deaths:
            return "dead"
        if lemma in lexicon.hostages:
            return "hostage"
    # no syntactic link: the nearest cue word on either side ("put the dead at between twelve and 15")
    nearby = sorted([(i, lemma) for i, lemma in enumerate(after, start=1)]
                    + [(i, lemma) for i, lemma in enumerate(reversed(before), start=1)])
    for _, lemma in nearby:
        if lemma in ("missing", "unaccounted", "disparu"):
            return "missing"
        if lemma in lexicon.injuries:
            return "injured"
        if lemma in lexicon.deaths:
            return "dead"
        if lemma in lexicon.hostages:
            return "hostage"
    return _verb_of_the_clause(doc, number, sent, lexicon)


def _verb_of_the_clause(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> str | None:
    """"six humanitaires français ainsi que leur guide et leur chauffeur avaient été tués": a long subject,
    whose verb lies past the window, up to the clause's end."""
    for token in doc[number.end + 7:min(sent.end, number.end + 16)]:
        if token.is_punct or token.like_num:
            return None
        lemma = lemma_key(token)
        if token.pos_ in ("VERB", "ADJ") and lemma in lexicon.deaths:
            return "dead"
        if token.pos_ in ("VERB", "ADJ") and lemma in lexicon.injuries:
            return "injured"
    return None


def _counts_people(noun: Token | None, lexicon: Lexicon) -> bool:
    """A count of people (or of dead/bodies) rather than of graves, vehicles or days."""
    if noun is None:
        return True
    lemma = lemma_key(noun)
    if noun.lower_ in _PERSON_NOUNS_EXTRA or lemma in _PERSON_NOUNS_EXTRA:
        return True
    if noun.ent_type_.startswith("ACTOR") or noun.ent_type_ in ("NORP",):
        return True
    if any(lemma in words for words in lexicon.groups.values()):
        return True
    return lemma in lexicon.deaths or lemma in lexicon.injuries or lemma in lexicon.hostages


def _figure_group(noun: Token | None, doc: Doc, number: NumberExpr, lexicon: Lexicon) -> str:
    if noun is None:
        return "people"
    lemma = lemma_key(noun)
    if lemma in ("other", "others", "autre", "autres"):
        following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if following is not None and following.pos_ == "NOUN":  # "nine other soldiers": soldiers, not others
            return _figure_group(following, doc, number, lexicon)
        return "others"
    for candidate in [noun, *[c for c in noun.children if c.dep_ in ("compound", "amod")]]:
        kind = _generic_kind(candidate, lexicon)
        if kind in ("military", "militia", "civilians", "perpetrators"):
            return kind
    if noun.ent_type_ == "ACTOR":
        return "militia" if noun.ent_kb_id_.startswith(("vdp", "dozo", "koglweogo", "cjtf")) else "group"
    return "people"


_AMONG_THE_DEAD = re.compile(r"\b(?:were|are|was|is) among (?:those killed|the dead|the victims|the fatalities)\b|"
                             r"\b(?:figurent|figuraient|sont|étaient) parmi les (?:victimes|morts|tués)\b")


def _is_subcount(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon, previous: list[NumberExpr]) -> bool:
    """"seven of them pupils", "dont une vingtaine d'enfants", "(quatre soldats et trois gendarmes)"."""
    after = doc[number.end:min(sent.end, number.end + 3)].text.lower()
    before = doc[max(sent.start, number.start - 3):number.start].text.lower()
    if lexicon.subcount is not None and (lexicon.subcount.match(after.strip()) or lexicon.subcount.search(before)):
        return True
    if re.search(r"(?:\bdont|\bparmi lesquels|\bparmi lesquelles|\bincluding|\bamong them|\bamong whom)\s*$", before):
        return True
    rest = doc[number.end:min(sent.end, number.end + 12)].text.lower()
    if _AMONG_THE_DEAD.search(rest):
        return True  # "22 children aged between 5 and 17 were among those killed": part of a toll
    here = doc[number.start].idx
    openers = [doc_text(doc).rfind(mark, sent.start_char, here) for mark in ("(", " - ", " – ", " — ", ": ")]
    opener = max(openers)
    if opener < 0 or doc_text(doc).rfind(")", sent.start_char, here) > opener:
        return False
    opener_token = doc.char_span(opener, opener + 1, alignment_mode="expand")
    if opener_token is None:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in doc[opener_token.end:number.start]):
        return False  # "sept dépouilles supplémentaires : le décompte s'établit à vingt-huit morts": a new clause
    return any(0 <= opener_token.start - p.end <= 3 for p in previous)


def _topic_group(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> str | None:
    """"Du côté des terroristes, douze ont été neutralisés": a bare count takes the group named before it."""
    for token in reversed(doc[max(sent.start, number.start - 8):number.start]):
        group = lexicon.group_of(lemma_key(token)) or lexicon.group_of(token.lower_)
        if group in ("perpetrators", "military", "militia", "civilians"):
            marker = {t.lower_ for t in doc[max(sent.start, token.i - 3):token.i]}
            return group if marker & {"côté", "among", "parmi", "side", "rangs", "ranks"} else None
    return None


_SINGULAR_DEATH = re.compile(r"\b(?:was|has been) (?:shot dead|killed|murdered|executed|beheaded|fatally)\b|"
                             r"\b(?:a été|est) (?:tué|tuée|abattu|abattue|assassiné|assassinée|exécuté|exécutée|"
                             r"mortellement)\b", re.I)


def _single_victim(sent: Span, triggers: list[Trigger], lexicon: Lexicon, speaker: str) -> list[Figure]:
    """"Le chef de poste ... a été tué", "his bodyguard was killed": one person, one death."""
    match = _SINGULAR_DEATH.search(sent.text)
    if match is None or not triggers:
        return []
    start = sent.start_char + match.start()
    # One named death is a floor, not a toll: like "several", it yields to any precise count of the event.
    number = NumberExpr(sent.start, sent.start, 1, 1, 1, "at least", vague=True)
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and t.idx < start]
    group = "people"
    if subjects:
        kind = _generic_kind(subjects[-1], lexicon)
        group = kind if kind in ("military", "militia", "civilians", "perpetrators") else "people"
    return [Figure(number, "dead", group, speaker, start, sent.start_char + match.end(), match.group(0))]


def _after_named_person(doc: Doc, number: NumberExpr, sent: Span) -> bool:
    """"killed Traore and two members of the army": a named victim joined to the count."""
    if number.start - 2 < sent.start:
        return False
    conj, name = doc[number.start - 1], doc[number.start - 2]
    if conj.lower_ not in ("and", "et"):
        return False
    if name.ent_type_ == "PERSON":
        return True
    return name.pos_ == "PROPN" and name.is_title and not name.ent_type_ and lemma_key(doc[number.start - 3]) in (
        "kill", "tuer", "kidnap", "abduct", "enlever", "and", "including", "dont")


def find_figures(sent: Span, lexicon: Lexicon, speaker: str, sentence_flags: dict[str, bool],
                 date_spans: list[tuple[int, int]] = ()) -> list[Figure]:  # type: ignore[assignment]
    """Counts of dead, injured and taken people in a sentence (numbers inside dates left out)."""
    doc = sent.doc
    figures: list[Figure] = []
    numbers = [n for n in find_numbers(sent, lexicon)
               if not any(d[0] <= doc[n.start].idx < d[1] for d in date_spans)]
    for index, number in enumerate(numbers):
        if _is_subcount(doc, number, sent, lexicon, numbers[:index]):
            continue
        noun = _counted_noun(doc, number, sent, lexicon)
        if not _counts_people(noun, lexicon):
            continue
        kind = _figure_kind(doc, number, noun, sent, lexicon)
        if kind is None:
            continue
        group = _figure_group(noun, doc, number, lexicon)
        if noun is None and group == "people":
            group = _topic_group(doc, number, sent, lexicon) or group
        if group == "others" or _after_named_person(doc, number, sent):
            # "three others also died" (besides the person named), "killed Traore and two soldiers"
            number = NumberExpr(number.start, number.end, number.value + 1, number.low + 1, number.high + 1,
                                number.qualifier, number.vague)
            group = "people" if group == "others" else group
        end_tok = max(number.end, noun.i + 1) if noun is not None and noun.i < number.end + 6 else number.end
        span = doc[number.start:end_tok]
        own_count = group == "perpetrators" or sentence_flags.get("claim", False)
        figures.append(Figure(number, kind, group, speaker, span.start_char, span.end_char, span.text,
                              revision=sentence_flags.get("revision", False),
                              # "a figure that could not be verified": only a party's own count is discarded
                              credible=not (sentence_flags.get("not_confirmed", False) and own_count),
                              perpetrator_claim=sentence_flags.get("claim", False)))
    return figures


# ---------------------------------------------------------------- attribution

def find_speaker(sent: Span, lexicon: Lexicon) -> str:
    """Who the sentence attributes its content to ("according to X", "X said", "selon X"), or ""."""
    text = sent.text
    if lexicon.according_to is not None:
        m = lexicon.according_to.search(text)
        if m:
            rest = text[m.end():]
            phrase = re.split(r"[,.;:]| who | which | qui | que ", rest, maxsplit=1)[0]
            return phrase.strip()[:80]
    for token in reversed(sent):
        if lemma_key(token) in lexicon.speech_verbs and token.pos_ in ("VERB", "AUX"):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subjects:
                subject = subjects[0]
                if subject.pos_ == "PRON":
                    return subject.text
                span = sent.doc[subject.left_edge.i:subject.right_edge.i + 1]
                return span.text[:80]
    return ""


def _flag(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern is not None and pattern.search(text))


# ---------------------------------------------------------------- frames

def build_frames(doc: Doc, lexicon: Lexicon, published: dt.date | None, speaker: str = "") -> list[Frame]:
    """One frame per sentence of ``doc``; sentences of a roundup's list items carry the item's number.

    ``speaker``: the official body whose communiqué the report is; sentences that name no speaker speak for it.
    """
    frames: list[Frame] = []
    starts = item_starts(doc_text(doc), lexicon.language, published)
    seen_items: set[int] = set()
    sentences = list(doc.sents)
    index_sentences(doc, sentences)
    ents_by_sent: dict[int, list[Span]] = {}
    for ent in doc.ents:
        ents_by_sent.setdefault(sent_start(doc, ent.start), []).append(ent)
    for index, sent in enumerate(sentences):
        item = sum(1 for start in starts if start < sent.end_char)
        header = item > 0 and item not in seen_items and sent.start_char <= starts[item - 1] < sent.end_char
        if header:
            seen_items.add(item)
        frame = build_frame(index, sent, item, lexicon, published, header, ents_by_sent.get(sent.start, []),
                            speaker=speaker)
        frames.append(frame)
    return frames


def build_frame(index: int, sent: Span, item: int, lexicon: Lexicon, published: dt.date | None,
                item_header: bool = False, ents: list[Span] | None = None, speaker: str = "") -> Frame:
    """Analyse one sentence (``ents``: its entities, when the caller has them at hand; ``speaker``: the
    official issuer of the report, for a sentence that names no speaker of its own)."""
    if "ec_sent_start" not in sent.doc.user_data:
        index_sentences(sent.doc, list(sent.doc.sents))
    ents = list(sent.ents) if ents is None else ents
    doc = sent.doc
    text = sent.text
    frame = Frame(index=index, sent=sent, item=item, item_header=item_header)
    frame.triggers = find_triggers(sent, lexicon)
    trigger_tokens = {i for t in frame.triggers for i in range(t.start, t.end)} | {t.head for t in frame.triggers}
    actor_chars = [(e.start_char, e.end_char) for e in ents if e.label_.startswith("ACTOR")]
    for expr in find_dates(text, lexicon.language, published):
        if any(a <= sent.start_char + expr.start < b for a, b in actor_chars):
            continue
        absolute = DateExpr(expr.start + sent.start_char, expr.end + sent.start_char, expr.text, expr.date,
                            expr.precision, expr.kind, expr.end_date)
        event_triggers = frame.strong_triggers or frame.triggers
        role = "dateline" if (expr.start < 40 and DATELINE.match(text)) else date_role(
            doc, absolute, event_triggers, lexicon, sent)
        frame.dates.append(absolute)
        if role == "event":
            frame.event_dates.append(absolute)
            frame.event_dates.sort(key=lambda d: trigger_distance(doc, d, event_triggers))
        elif role == "claim":
            frame.claim_dates.append(absolute)
        elif role == "discovery":
            frame.discovery_dates.append(absolute)
        elif role == "other":
            frame.place_dates.append(absolute)
    places = [e for e in ents if e.label_ in PLACE_LABELS and not _inside_word(doc, e) and not _not_a_name(e)
              and not _common_noun_guess(e, lexicon) and not _names_an_issuer(e, lexicon)
              and not _after_a_plural_article(doc, e)]
    for ent in places:
        mention = _classify_place(doc, ent, places, trigger_tokens)
        frame.places.append(mention)
    anchors = {p.anchor for p in frame.places if p.relation == "between" and p.anchor}
    frame.places = [p for p in frame.places if p.text not in anchors or p.relation == "between"]
    frame.actors = find_actors(sent, frame.triggers, lexicon, ents)
    if _flag(lexicon.victim_subject, text):
        frame.actors = [a if a.role != "agent" or a.kind not in ("military", "militia", "civilians")
                        else replace(a, role="patient") for a in frame.actors]
    frame.speaker = find_speaker(sent, lexicon)
    frame.speaker_official = _flag(lexicon.official_speakers, frame.speaker.lower()) or (
        _flag(lexicon.official_speakers, text) and (_flag(lexicon.speech_phrases, text) or any(
            lemma_key(t) in lexicon.speech_verbs or t.lower_ in lexicon.speech_verbs for t in sent)))
    if not frame.speaker and frame.speaker_official:
        official = lexicon.official_speakers.search(text) if lexicon.official_speakers else None
        frame.speaker = official.group(0) if official else ""
    if not frame.speaker and speaker:
        frame.speaker, frame.speaker_official, frame.for_document = speaker, True, True
    frame.not_claimed = _flag(lexicon.not_claimed, text) or negated_word(
        sent, lexicon.claim_words, lexicon.negators, lexicon.clause_negators)
    frame.claim = (_flag(lexicon.claim, text) or any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in
                                                     lexicon.claim_verbs for t in sent)) and not frame.not_claimed
    frame.deny = _flag(lexicon.deny, text)
    frame.not_confirmed = _flag(lexicon.not_confirmed, text) or negated_word(
        sent, lexicon.confirm_words, lexicon.negators, lexicon.clause_negators)
    frame.blame = _flag(lexicon.blame, text)
    if frame.blame:  # "les autorités attribuent l'attaque aux combattants de l'EIGS": blamed, not attacked
        frame.actors = [replace(a, role="blamed") if a.kind == "group" and a.role == "patient" else a
                        for a in frame.actors]
    frame.channel = next((name for name, rx in lexicon.channels.items() if rx.search(text)), "")
    frame.recall = _flag(lexicon.recall, text)
    frame.separate = _flag(lexicon.separate, text)
    background = lexicon.background.search(text) if lexicon.background is not None else None
    frame.background = background.group(0) if background else ""
    flags = {"revision": _flag(lexicon.revision, text), "not_confirmed": frame.not_confirmed, "claim": frame.claim}
    frame.figures = find_figures(sent, lexicon, frame.speaker, flags, [(d.start, d.end) for d in frame.dates])
    if not any(f.kind == "dead" for f in frame.figures):
        frame.figures.extend(_single_victim(sent, frame.triggers, lexicon, frame.speaker))
    frame.hypothetical = under_modal(sent, frame.triggers, lexicon) or _flag(lexicon.not_violence, text)
    for span in _coordinated_unknown_places(doc, frame.places, ents, sent):
        frame.places.append(PlaceMention(span.start, span.end, span.text, span.text.lower(), "in", located=1,
                                         attached=True))
    for start, end, name, level in find_admin_phrases(text, lexicon.language):
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None and not any(p.start <= span.start < p.end or span.start <= p.start < span.end
                                         for p in frame.places):
            frame.places.append(PlaceMention(span.start, span.end, name, name.lower(), "in", admin_level=level))
    for start, end, name in find_named_localities(text, lexicon.language):
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None and not any(p.start <= span.start < p.end or span.start <= p.start < span.end
                                         for p in frame.places):
            before = doc_text(doc)[max(sent.start_char, span.start_char - 60):span.start_char]
            relation = "near" if _NEAR.search(before) else "in"
            frame.places.append(PlaceMention(span.start, span.end, name, name.lower(), relation,
                                             attached=True, located=1))
    for start, end, country in find_borders(text):
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None:
            frame.places.append(PlaceMention(span.start, span.end, country, country.lower(), "border",
                                             country=country))
    return frame


def headline_frame(title: str | None, doc: Doc, lexicon: Lexicon, published: dt.date | None) -> Frame | None:
    """The report's headline analysed like a sentence (its tokens are made with the doc's vocabulary, no
    parse): triggers, dates and background cues, for deciding what the report is about."""
    if not title:
        return None
    words = re.findall(r"\w+(?:['’-]\w+)*|[^\w\s]", title)
    if not words:
        return None
    headline = Doc(doc.vocab, words=words)
    headline.user_data["ec_text"] = headline.text
    frame = Frame(index=-1, sent=headline[:], item=0)
    frame.triggers = find_triggers(headline[:], lexicon)
    frame.dates = find_dates(headline.text, lexicon.language, published)
    frame.event_dates = list(frame.dates)
    match = lexicon.background.search(headline.text) if lexicon.background is not None else None
    frame.background = match.group(0) if match else ""
    return frame
