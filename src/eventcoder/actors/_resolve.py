"""The ``actors`` stage: fill the ACLED name, inter code and entry of every actor of a mention.

Each ``ActorRef`` is resolved in the mention's context (country from the resolved place or the country
hint, date from the event date or the publication date, admin1 from the place):

1. the ``entry_id`` the extractor set (``"?alias"`` ids included), else
2. a dictionary alias in the text ("FAMa", "les jihadistes du GSIM"), else
3. the generic kind of the text ("soldiers", "hommes armés") or of ``ref.kind``, made concrete for the
   country and date ("Military Forces of Mali (2021-)", "Unidentified Armed Group (Niger)"), else
4. for an unnamed perpetrator (actor1), ``Unidentified Armed Group (<country>)``.

ACLED codes victims' groups as associated actors of civilians: a main actor that resolves to a victim
group ("French aid workers") becomes ``Civilians (<event country>)`` and the group is added to the
associated actors ("Aid Workers (France)"). A state's forces acting in another country get inter 8.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from eventcoder.actors._dictionary import STATE_KINDS, ActorDictionary, as_iso_date
from eventcoder.actors._entries import ActorEntry
from eventcoder.actors._generic import GenericVocabulary
from eventcoder.records import ActorRef, Claim, Mention

__all__ = ["inter_for", "interaction", "resolve_actors"]

_REF_KINDS = {
    "state": "military", "army": "military", "soldiers": "military", "security_forces": "military",
    "military": "military", "police": "police", "gendarmerie": "gendarmerie", "gendarmes": "gendarmerie",
    "government": "government", "officials": "government", "civilian": "civilians", "civilians": "civilians",
    "unidentified": "unidentified", "armed_group": "unidentified", "militants": "unidentified",
    "perpetrators": "unidentified", "perpetrator": "unidentified",
    "militia": "communal_militia", "communal_militia": "communal_militia", "vdp": "militia_vdp",
    "militia_vdp": "militia_vdp", "protesters": "protesters", "rioters": "rioters", "women": "women",
    "refugees_idps": "refugees_idps", "idps": "refugees_idps", "journalists": "journalists",
    "aid_workers": "aid_workers", "health_workers": "health_workers", "teachers": "teachers",
    "students": "students", "christians": "christians", "farmers": "farmers",
}
_UNNAMED_PERPETRATOR_KINDS = {"", "group", "unidentified", "armed_group", "militants", "perpetrators", "unknown"}
_VDP_SINCE = "2020-01-21"
_NAME_PATTERNS = (
    (re.compile(r"^(Military|Police) Forces of "), 1),
    (re.compile(r"^Government of "), 1),
    (re.compile(r"^Unidentified Armed Group"), 3),
    (re.compile(r"(Communal|Ethnic) Militia"), 4),
    (re.compile(r"^Rioters \("), 5),
    (re.compile(r"^Protesters \("), 6),
    (re.compile(r"^Civilians \(|Ethnic Group \("), 7),
)


@dataclass(frozen=True, slots=True)
class _Context:
    """The event context actors are resolved in."""

    country: str | None  # ISO2
    date: str | None
    admin1: str | None
    language: str | None


def resolve_actors(mentions: Sequence[Mention], dictionary: ActorDictionary | None = None,
                   vocabulary: GenericVocabulary | None = None) -> list[Mention]:
    """Mentions with every actor (and every claim's author) resolved to dictionary entries.

    Args:
        mentions: extracted mentions; they are not changed.
        dictionary: the actor dictionary (default: the packaged one).
        vocabulary: the generic actor nouns (default: the packaged ones).

    Returns:
        New mentions; an actor that cannot be resolved keeps an empty ``name`` and the mention gets the
        quality flag ``actor_unresolved``.
    """
    resolver = _Resolver(dictionary or ActorDictionary.load(), vocabulary or GenericVocabulary.load())
    return [resolver.mention(m) for m in mentions]


def inter_for(name: str, dictionary: ActorDictionary | None = None) -> int:
    """ACLED inter code of an actor name: its entry's, else from ACLED's naming patterns, else 0."""
    actors = dictionary or ActorDictionary.load()
    entry_id = actors.canonical_id(name)
    entry = actors.get(entry_id) if entry_id else None
    if entry:
        return entry.inter
    return next((code for pattern, code in _NAME_PATTERNS if pattern.search(name)), 0)


def interaction(inter1: int, inter2: int = 0) -> int:
    """ACLED interaction code: the two inter codes, smaller first (7 and 1 -> 17; 2 alone -> 20).

    Raises:
        ValueError: an inter code is not in 0..8.
    """
    for code in (inter1, inter2):
        if not 0 <= code <= 8:
            raise ValueError(f"inter codes are 0..8, not {code}")
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return 0
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


class _Resolver:
    """Resolves the actors of one mention at a time."""

    def __init__(self, dictionary: ActorDictionary, vocabulary: GenericVocabulary) -> None:
        self.actors = dictionary
        self.vocabulary = vocabulary

    def mention(self, mention: Mention) -> Mention:
        context = self._context(mention)
        unresolved: list[str] = []
        actor1, extra1 = self._main(mention.actor1, context, unresolved)
        actor2, extra2 = self._main(mention.actor2, context, unresolved)
        assoc1 = tuple(self._associate(r, context, unresolved) for r in mention.assoc_actors1) + extra1
        assoc2 = tuple(self._associate(r, context, unresolved) for r in mention.assoc_actors2) + extra2
        flags = mention.quality_flags
        if unresolved and "actor_unresolved" not in flags:
            flags = (*flags, "actor_unresolved")
        return replace(
            mention,
            actor1=actor1,
            actor2=actor2,
            assoc_actors1=_distinct(assoc1, actor1),
            assoc_actors2=_distinct(assoc2, actor2),
            claims=tuple(self._claim(c, context) for c in mention.claims),
            quality_flags=flags,
        )

    def _context(self, mention: Mention) -> _Context:
        place = mention.place
        return _Context(
            country=self._event_country(place.country if place else None, mention.country_hint),
            date=as_iso_date(mention.event_date) or as_iso_date(mention.published),
            admin1=place.admin1 if place and place.admin1 else None,
            language=mention.language,
        )

    def _event_country(self, place_country: str | None, hint: str | None) -> str | None:
        """ISO2 of the event's country: the resolved place's, unless the dictionary has no generic actors
        for it (a place resolved outside the covered countries) and the report's country hint has."""
        codes = [c for c in (self.actors.country_code(place_country), self.actors.country_code(hint)) if c]
        covered = [c for c in codes if self.actors.unidentified(c) is not None]
        return next(iter(covered or codes), None)

    def _main(self, ref: ActorRef | None, context: _Context,
              unresolved: list[str]) -> tuple[ActorRef | None, tuple[ActorRef, ...]]:
        """A main actor, and the associated actor a victim group turns into."""
        if ref is None:
            return None, ()
        entry = self._entry(ref, context) or self._unnamed_perpetrator(ref, context)
        if entry is None:
            if ref.text.strip():
                unresolved.append(ref.role)
            return ref, ()
        civilians = self._civilians_for(entry, context)
        if civilians is None:
            return self._filled(ref, entry, context), ()
        extra = (self._filled(ref, entry, context),) if entry.subgroup else ()
        return self._filled(ref, civilians, context), extra

    def _associate(self, ref: ActorRef, context: _Context, unresolved: list[str]) -> ActorRef:
        entry = self._entry(ref, context)
        if entry is None:
            if ref.text.strip():
                unresolved.append(ref.role)
            return ref
        return self._filled(ref, entry, context)

    def _claim(self, claim: Claim, context: _Context) -> Claim:
        if claim.kind != "claim" or not claim.by:
            return claim
        where = {"country": context.country, "date": context.date, "admin1": context.admin1}
        is_id = claim.by.startswith("?") or self.actors.get(claim.by) is not None
        entry = self.actors.resolve_id(claim.by, **where) if is_id else self.actors.lookup(claim.by, **where)
        return replace(claim, by=entry.name) if entry else claim

    def _entry(self, ref: ActorRef, context: _Context) -> ActorEntry | None:
        """The entry an actor reference names: its id, an alias in its text, or its generic kind."""
        where = {"country": context.country, "date": context.date, "admin1": context.admin1}
        if ref.entry_id:
            entry = self.actors.resolve_id(ref.entry_id, **where)
            if entry:
                return self._refined(entry, ref, context)
        if ref.text.strip():
            entry = self.actors.lookup(ref.text, **where)
            if entry:
                return self._refined(entry, ref, context)
        kind = self._kind_of(ref.text, context) or _REF_KINDS.get(ref.kind.lower())
        return self._generic(kind, ref, context) if kind else None

    def _kind_of(self, text: str, context: _Context) -> str | None:
        """The generic kind of a phrase, in the report's language first, then in any."""
        return self.vocabulary.kind(text, context.language) or self.vocabulary.kind(text)

    def _refined(self, entry: ActorEntry, ref: ActorRef, context: _Context) -> ActorEntry:
        """An alias match adjusted by the rest of the phrase.

        An ethnic group named with attacker words ("Tuareg rebels", "Fulani jihadists") is an unidentified
        armed group; named with militia words ("Bambara militiamen") or as the perpetrator ("armed Dogon
        men" attacked) it is that group's ethnic militia; a victim group takes the nationality the phrase
        gives ("French journalist").
        """
        if entry.kind == "ethnic_group":
            kind = self._kind_of(ref.text, context)
            if kind == "unidentified":
                return self._generic(kind, ref, context) or entry
            if kind in ("communal_militia", "militia_vdp") or ref.role == "actor1":
                return self._ethnic_militia(entry, context) or entry
        return self._with_nationality(entry, ref)

    def _ethnic_militia(self, group: ActorEntry, context: _Context) -> ActorEntry | None:
        """The militia of an ethnic group entry's group and country, as coded on the event's date."""
        ethnic = group.template.split(":", 1)[1]
        militia = self.actors.template_entry(f"ethnic_militia:{ethnic}", group.iso2)
        if militia is None:
            return None
        return self.actors.resolve_id(militia.id, country=context.country, date=context.date) or militia

    def _generic(self, kind: str, ref: ActorRef, context: _Context) -> ActorEntry | None:
        """A generic kind made concrete for the event's country and date."""
        country = context.country
        if country is None:
            return None
        if kind in STATE_KINDS:
            return self.actors.state_forces(country, context.date, kind)
        if kind == "militia_vdp":
            if country == "BF" and (context.date is None or context.date >= _VDP_SINCE):
                return self.actors.get("vdp")
            return self.actors.communal_militia(country)
        if kind == "communal_militia":
            return self.actors.communal_militia(country)
        nationality = self.actors.nationality(ref.text)
        return (self.actors.template_entry(kind, nationality) if nationality else None) or \
            self.actors.template_entry(kind, country)

    def _with_nationality(self, entry: ActorEntry, ref: ActorRef) -> ActorEntry:
        """A victim-group entry moved to the nationality the text gives ("French journalist")."""
        if not entry.subgroup or not entry.template:
            return entry
        nationality = self.actors.nationality(ref.text)
        moved = self.actors.template_entry(entry.template, nationality) if nationality else None
        return moved or entry

    def _unnamed_perpetrator(self, ref: ActorRef, context: _Context) -> ActorEntry | None:
        """ACLED's default for an unnamed perpetrator: Unidentified Armed Group (<country>)."""
        if ref.role != "actor1" or not context.country or ref.kind.lower() not in _UNNAMED_PERPETRATOR_KINDS:
            return None
        if not ref.text.strip() and not ref.kind:
            return None
        return self.actors.unidentified(context.country)

    def _civilians_for(self, entry: ActorEntry, context: _Context) -> ActorEntry | None:
        """``Civilians (<event country>)`` where a main actor is a victim group or foreign civilians."""
        if not (entry.subgroup or entry.template == "civilians"):
            return None
        if entry.template == "civilians" and (context.country is None or entry.iso2 == context.country):
            return None
        return self.actors.civilians(context.country or entry.iso2 or "")

    def _filled(self, ref: ActorRef, entry: ActorEntry, context: _Context) -> ActorRef:
        return replace(ref, name=entry.name, inter=self._inter(entry, context), entry_id=entry.id,
                       affiliation=entry.affiliation)

    @staticmethod
    def _inter(entry: ActorEntry, context: _Context) -> int:
        """The entry's inter code; 8 for a state's forces acting in another country."""
        if entry.is_state_force and entry.inter == 1 and context.country and entry.iso2 != context.country:
            return 8
        return entry.inter


def _distinct(associates: tuple[ActorRef, ...], main: ActorRef | None) -> tuple[ActorRef, ...]:
    """Associated actors without the main actor and without repeats (unresolved ones kept)."""
    seen = {main.name} if main and main.name else set()
    out = []
    for ref in associates:
        if ref.name in seen:
            continue
        if ref.name:
            seen.add(ref.name)
        out.append(ref)
    return tuple(out)
