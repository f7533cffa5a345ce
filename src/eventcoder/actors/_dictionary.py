"""The actor dictionary: canonical ACLED names, aliases, and resolution by country and date.

Usage::

    actors = ActorDictionary.load()
    actors.lookup("FAMa", date="2023-04-18").name          # 'Military Forces of Mali (2021-)'
    actors.lookup("EIGS", date="2023-02-20").name          # 'Islamic State Sahel Province'
    actors.canonical_id("JNIM: Group for Support of Islam and Muslims")   # 'jnim'
    actors.state_forces("Burkina Faso", "2021-06-05", kind="gendarmerie").name
    # 'Police Forces of Burkina Faso (2015-2022) Gendarmerie'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.actors._entries import NEUTRAL_LANGUAGES, ActorEntry, Alias, AmbiguityRule, Country, RuleCase
from eventcoder.actors._loader import DictionaryData, load_data
from eventcoder.actors._matcher import Match, PhraseMatcher
from eventcoder.actors._text import (
    acronym_forms,
    alias_keys,
    fold,
    is_acronym,
    number_variants,
    signature,
    strip_determiners,
)
from eventcoder.errors import ConfigError, UnparseableDate

__all__ = ["STATE_KINDS", "ActorDictionary", "as_iso_date"]

STATE_KINDS = ("military", "police", "gendarmerie", "government")
_MIN_SPAN_KEY = 3
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _alias_languages(language: str) -> frozenset[str]:
    """The alias languages a text in ``language`` may use: its own and the language-neutral ones."""
    return frozenset((language, *NEUTRAL_LANGUAGES))


def as_iso_date(value: object, *, strict: bool = False) -> str | None:
    """``YYYY-MM-DD`` from a date, a datetime or an ISO string; a bare year is read as 1 July, a
    year-month as its 15th.

    Raises:
        UnparseableDate: [E303] with ``strict=True``, when ``value`` is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    match = _DATE.match(str(value).strip())
    if match:
        year, month, day = match.groups()
        return f"{year}-{month or '07'}-{day or ('15' if month else '01')}"
    if strict:
        raise UnparseableDate(value=value, detail="")
    return None


@dataclass(frozen=True, slots=True)
class _Context:
    """Where and when an actor is named: ISO2 country, ISO date, folded admin1."""

    country: str | None = None
    date: str | None = None
    admin1: str | None = None


@dataclass(slots=True)
class _Key:
    """What a folded alias key names."""

    ids: list[str]
    case_forms: frozenset[str] | None  # None: any case
    languages: set[str]
    spannable: bool


@lru_cache(maxsize=1)
def _default_dictionary() -> ActorDictionary:
    path = resources.files("eventcoder") / "data" / "actors.yaml"
    with resources.as_file(path) as real:
        return ActorDictionary(load_data(Path(real)))


class ActorDictionary:
    """Actor entries with alias indexes; resolves a name to an entry by country and date."""

    def __init__(self, data: DictionaryData) -> None:
        self.version = data.version
        self.updated = data.updated
        self._entries = _unique_entries(data.entries)
        self._countries = {c.iso2: c for c in data.countries}
        self._country_keys = _country_index(data.countries)
        self._by_name = {e.name: e.id for e in self._entries.values()}
        self._groups = _group_index(self._entries.values())
        self._templates = {(e.template, e.iso2): e.id for e in self._entries.values() if e.template and e.iso2}
        self._ambiguities = {rule.key: rule for rule in data.ambiguities}
        self._keys: dict[str, _Key] = {}
        self._ambiguous_keys: dict[str, AmbiguityRule] = {}
        self._index_aliases(data.ambiguities)
        self._ethnic = _ethnic_index(self._entries.values())
        self._span_matcher: PhraseMatcher | None = None
        self._demonyms: PhraseMatcher | None = None
        self._demonym_keys: dict[str, str] = {}

    # --- construction --------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorDictionary:
        """The packaged dictionary (cached), or the one at ``path``.

        Raises:
            ConfigError: [E900] the file is missing or malformed.
        """
        if path is None:
            return _default_dictionary()
        return cls(load_data(Path(path)))

    def _index_aliases(self, ambiguities: Sequence[AmbiguityRule]) -> None:
        """Index every name and alias under its folded keys; variants only where no alias has the key."""
        variants: list[tuple[str, str, Alias, bool]] = []
        for entry in self._entries.values():
            for alias, spannable in _names_of(entry):
                keys = alias_keys(alias.text)
                self._add_key(keys[0], entry.id, alias, spannable)
                variants.extend((key, entry.id, alias, spannable)
                                for key in (*keys[1:], *_number_keys(alias, keys[0])))
        for rule in ambiguities:
            for alias in rule.aliases:
                for key in alias_keys(alias.text):
                    self._ambiguous_keys.setdefault(key, rule)
                    self._add_key(key, None, alias, True)
        written = set(self._keys)
        for key, entry_id, alias, spannable in variants:
            if key not in written:
                self._add_key(key, entry_id, alias, spannable, variant=True)

    def _add_key(self, key: str, entry_id: str | None, alias: Alias, spannable: bool,
                 *, variant: bool = False) -> None:
        forms = acronym_forms(alias.text) if is_acronym(alias.text) and not variant else None
        known = self._keys.get(key)
        if known is None:
            self._keys[key] = _Key([entry_id] if entry_id else [], forms, {alias.language}, spannable)
            return
        if entry_id and entry_id not in known.ids:
            known.ids.append(entry_id)
        known.case_forms = None if known.case_forms is None or forms is None else known.case_forms | forms
        known.languages.add(alias.language)
        known.spannable = known.spannable or spannable

    # --- entries -------------------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        """All entries, named ones first."""
        return tuple(self._entries.values())

    @property
    def countries(self) -> tuple[Country, ...]:
        """The countries entries are built for."""
        return tuple(self._countries.values())

    @property
    def ambiguities(self) -> tuple[AmbiguityRule, ...]:
        """Aliases that name different actors by context, with their rules."""
        return tuple(self._ambiguities.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    def get(self, entry_id: str) -> ActorEntry | None:
        """The entry with this id, or ``None``."""
        return self._entries.get(entry_id)

    def group_members(self, entry: ActorEntry) -> tuple[ActorEntry, ...]:
        """The entries that are the same actor over time (regime periods, renamings), by start date."""
        ids = self._groups.get(entry.group, (entry.id,)) if entry.group else (entry.id,)
        return tuple(sorted((self._entries[i] for i in ids), key=lambda e: e.start or ""))

    def alias_index(self) -> dict[str, tuple[str, ...]]:
        """Every folded alias key and the entry ids it names (ambiguous aliases map to ``()``)."""
        return {key: tuple(known.ids) for key, known in self._keys.items()}

    # --- names -> entries ----------------------------------------------------------------------------

    def canonical_id(self, name: str, *, country: str | None = None, date: object = None) -> str | None:
        """The entry id a canonical name or an alias stands for, or ``None``.

        A canonical name maps to its own entry ("Military Forces of Mali (2021-)" and "... (2013-2020)"
        are different entries). An alias shared over regime periods maps to the period of ``date``, or
        the latest one; an alias shared by countries needs ``country``.
        """
        if name in self._by_name:
            return self._by_name[name]
        context = self._context(country, date, None)
        key = strip_determiners(fold(name))
        for candidate in (key, *number_variants(key)):
            if candidate in self._ambiguous_keys:
                entry = self._apply_rule(self._ambiguous_keys[candidate], context)
                return entry.id if entry else None
            known = self._keys.get(candidate)
            if known and known.ids:
                entry = self._choose(known.ids, context, expand=False)
                return entry.id if entry else None
        return None

    def lookup(self, text: str, *, country: str | None = None, date: object = None,
               admin1: str | None = None) -> ActorEntry | None:
        """The entry a phrase names, in the context of an event's country, date and admin1.

        The whole phrase is matched first ("Forces armées maliennes", "les FAMa"), then the longest alias
        inside it ("suspected JNIM fighters"). Shared aliases are resolved by context: FAMa in 2019 is
        "Military Forces of Mali (2013-2020)"; "EIGS" in 2023 is "Islamic State Sahel Province"; a bare
        "Islamic State" is ISWAP in Nigeria and the Sahel branch in Mali. ``None`` when nothing matches
        or the context cannot decide. A canonical name given exactly keeps its regime period.
        """
        if text in self._by_name:
            return self._coded(self._entries[self._by_name[text]], self._context(country, date, admin1))
        whole = self._find_whole(text)
        if whole is not None:
            return self._decide(*whole, self._context(country, date, admin1))
        matches = self._spans().find(text)
        if not matches:
            return None
        context = self._context(country, date, admin1)
        first = matches[0].key
        return self._joint_of(matches, context) or self._decide(first, tuple(self._keys[first].ids), context)

    def resolve_id(self, entry_id: str, *, country: str | None = None, date: object = None,
                   admin1: str | None = None) -> ActorEntry | None:
        """An entry id (or a ``"?alias"`` id from :meth:`find_spans`) resolved in its context.

        A concrete id is moved to its group's member for the date ("ml-military-2013-2020" in 2023 is
        Mali's 2021- military) and through ``coded_as``; a ``"?alias"`` id is resolved like
        :meth:`lookup` of that alias.
        """
        context = self._context(country, date, admin1)
        if entry_id.startswith("?"):
            key = entry_id[1:]
            known = self._keys.get(key)
            return self._decide(key, tuple(known.ids) if known else (), context)
        if entry_id not in self._entries:
            return None
        return self._decide(None, (entry_id,), context)

    def candidates(self, text: str) -> tuple[ActorEntry, ...]:
        """Every entry a phrase could name before context is applied (for inspection)."""
        _, ids = self._find(text)
        return tuple(self._entries[i] for i in ids)

    def _find(self, text: str) -> tuple[str | None, tuple[str, ...]]:
        """The alias key a phrase matches and the ids under it: whole phrase first, then inside it."""
        whole = self._find_whole(text)
        if whole is not None:
            return whole
        matches = self._spans().find(text)
        if not matches:
            return None, ()
        found = matches[0].key
        return found, tuple(self._keys[found].ids)

    def _find_whole(self, text: str) -> tuple[str | None, tuple[str, ...]] | None:
        """The alias key the whole phrase is (a canonical name, an alias, or one with its number changed)."""
        if text in self._by_name:
            return None, (self._by_name[text],)
        key = strip_determiners(fold(text))
        for candidate in (key, *number_variants(key)):
            known = self._keys.get(candidate)
            if known and (known.case_forms is None or signature(text) in known.case_forms):
                return candidate, tuple(known.ids)
        return None

    def _joint_of(self, matches: Sequence[Match], context: _Context) -> ActorEntry | None:
        """The joint actor whose members the aliases found in a phrase name, each resolved in context
        ("JNIM and/or ISGS" in 2023 is JNIM and/or Islamic State Sahel Province); ``None`` unless they name
        two or more."""
        if len(matches) < 2:
            return None
        members = [self._decide(m.key, tuple(self._keys[m.key].ids), context) for m in matches]
        named = frozenset(m.id for m in members if m is not None)
        if len(named) < 2 or None in members:
            return None
        return next((e for e in self._entries.values() if e.joint and frozenset(e.joint) == named), None)

    def _decide(self, key: str | None, ids: Sequence[str], context: _Context) -> ActorEntry | None:
        rule = self._rule_for(key, ids)
        if rule is not None:
            return self._apply_rule(rule, context)
        entry = self._choose(ids, context, expand=True)
        return self._coded(entry, context) if entry else None

    def _rule_for(self, key: str | None, ids: Sequence[str]) -> AmbiguityRule | None:
        if key is not None and key in self._ambiguous_keys:
            return self._ambiguous_keys[key]
        for rule in self._ambiguities.values():
            if ids and rule.applies_to.issuperset(ids):
                return rule
        return None

    def _choose(self, ids: Sequence[str], context: _Context, *, expand: bool) -> ActorEntry | None:
        """One entry among candidates: by country when they differ by country, then by date in a group."""
        entries = [self._entries[i] for i in dict.fromkeys(ids)]
        if expand and context.date:
            entries = [m for e in entries for m in self.group_members(e)]
        entries = _in_country(entries, context.country)
        if not entries or len({e.group or e.id for e in entries}) > 1:
            return None
        return _member_for_date(entries, context.date)

    def _coded(self, entry: ActorEntry, context: _Context) -> ActorEntry:
        """Follow ``coded_as`` when the date is known and on or after its start."""
        if entry.coded_as and context.date and context.date >= entry.coded_as[1]:
            target = self._entries[entry.coded_as[0]]
            return _member_for_date(list(self.group_members(target)), context.date)
        return entry

    def _apply_rule(self, rule: AmbiguityRule, context: _Context) -> ActorEntry | None:
        for case in rule.cases:
            if _case_matches(case, context):
                return self._case_target(case, context)
        return self._entries.get(rule.default) if rule.default else None

    def _case_target(self, case: RuleCase, context: _Context) -> ActorEntry | None:
        if case.group:
            members = [self._entries[i] for i in self._groups.get(case.group, ())]
            return _member_for_date(members, context.date) if members else None
        entry = self._entries.get(case.entry or "")
        return _member_for_date(list(self.group_members(entry)), context.date) if entry else None

    def _context(self, country: str | None, date: object, admin1: str | None) -> _Context:
        return _Context(self.country_code(country), as_iso_date(date), fold(admin1) if admin1 else None)

    # --- countries -----------------------------------------------------------------------------------

    def country_code(self, country: str | None) -> str | None:
        """ISO2 code of a country given by English or French name, ISO2 or ISO3 code, or ``None``."""
        if not country:
            return None
        if country in self._countries:
            return country
        return self._country_keys.get(fold(country))

    def country_name(self, country: str | None) -> str | None:
        """ACLED's name of a country given in any form ``country_code`` reads."""
        code = self.country_code(country)
        return self._countries[code].name if code else None

    def nationality(self, text: str) -> str | None:
        """ISO2 code of the first nationality adjective in ``text`` ("French journalist" -> "FR")."""
        matcher = self._demonym_matcher()
        matches = matcher.find(text)
        return self._demonym_keys[matches[0].key] if matches else None

    def _demonym_matcher(self) -> PhraseMatcher:
        if self._demonyms is None:
            matcher = PhraseMatcher()
            for country in self._countries.values():
                for word in (*country.dem_en, *country.dem_fr.values()):
                    key = fold(word)
                    self._demonym_keys.setdefault(key, country.iso2)
                    matcher.add(key, acronym_forms(word) if is_acronym(word) else None)
            self._demonyms = matcher
        return self._demonyms

    # --- generic and state actors --------------------------------------------------------------------

    def state_forces(self, country: str, date: object = None, kind: str = "military") -> ActorEntry | None:
        """A state's forces for the regime period of ``date`` (the latest period without a date).

        ``kind`` is ``military``, ``police``, ``gendarmerie`` or ``government``. Gendarmes are coded as
        "Police Forces of <country> (<period>) Gendarmerie", as the gold codes them; a country without a
        gendarmerie (Nigeria) gets its police.

        Raises:
            ValueError: ``kind`` is not one of the four.
            UnparseableDate: [E303] ``date`` is not a date.
        """
        if kind not in STATE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(STATE_KINDS)}, not {kind!r}")
        code = self.country_code(country)
        if code is None:
            return None
        ids = self._groups.get(f"{code.lower()}-{kind}")
        if not ids and kind == "gendarmerie":
            ids = self._groups.get(f"{code.lower()}-police")
        if not ids:
            return None
        members = [self._entries[i] for i in ids]
        return _member_for_date(members, as_iso_date(date, strict=True))

    def template_entry(self, template: str, country: str | None) -> ActorEntry | None:
        """The entry of a per-country template ("civilians", "unidentified", ...) for a country."""
        code = self.country_code(country)
        entry_id = self._templates.get((template, code)) if code else None
        return self._entries[entry_id] if entry_id else None

    def civilians(self, country: str) -> ActorEntry | None:
        """``Civilians (<country>)``."""
        return self.template_entry("civilians", country)

    def unidentified(self, country: str) -> ActorEntry | None:
        """``Unidentified Armed Group (<country>)``."""
        return self.template_entry("unidentified", country)

    def protesters(self, country: str) -> ActorEntry | None:
        """``Protesters (<country>)``."""
        return self.template_entry("protesters", country)

    def rioters(self, country: str) -> ActorEntry | None:
        """``Rioters (<country>)``."""
        return self.template_entry("rioters", country)

    def communal_militia(self, country: str, ethnic: str | None = None) -> ActorEntry | None:
        """``<Ethnic> Ethnic Militia (<country>)`` or ``Dozo Communal Militia (<country>)`` when
        ``ethnic`` names one there, else ``Unidentified Communal Militia (<country>)``."""
        if ethnic:
            key = fold(ethnic)
            if key in ("dozo", "dozos", "donso"):
                dozo = self.template_entry("dozo", country)
                if dozo:
                    return dozo
            name = self._ethnic.get(key) or next((self._ethnic[k] for k in number_variants(key)
                                                  if k in self._ethnic), None)
            entry = self.template_entry(f"ethnic_militia:{name}", country) if name else None
            if entry:
                return entry
        return self.template_entry("communal_militia", country)

    # --- spans for the NLP stage ---------------------------------------------------------------------

    def find_spans(self, text: str, *, language: str | None = None) -> list[tuple[int, int, str, str]]:
        """Actor names in ``text``: ``(start, end, "ACTOR", entry_id)`` with offsets into ``text``.

        Whole words only, longest match first; short acronyms match only in capitals ("JAS", not "jas").
        ``entry_id`` is ``"?<alias>"`` where the actor depends on the event's country or date (resolve it
        with :meth:`resolve_id`). ``language`` limits matches to that language's aliases plus the
        language-neutral ones (transliterations, acronyms: :data:`NEUTRAL_LANGUAGES`).
        """
        wanted = _alias_languages(language) if language else None
        out = []
        for match in self._spans().find(text):
            if wanted is None or self._keys[match.key].languages & wanted:
                out.append((match.start, match.end, "ACTOR", self._span_id(match.key)))
        return out

    def span_patterns(self, language: str) -> list[tuple[str, str]]:
        """``(surface_form, entry_id)`` for every alias usable in ``language`` (its own and the
        language-neutral ones), for an entity ruler; ids as in :meth:`find_spans`."""
        wanted = _alias_languages(language)
        out: dict[tuple[str, str], None] = {}
        for alias, key in self._span_aliases():
            if alias.language in wanted:
                out[(alias.text, self._span_id(key))] = None
        return list(out)

    def ruler_patterns(self, language: str) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns (label ``ACTOR``, ``id``) for ``language``.

        Names are phrase patterns in lower case, for a ruler with ``phrase_matcher_attr="LOWER"`` (an
        accent-free copy is added where it differs); acronyms are token patterns on ``ORTH`` in the
        capitalisations :meth:`find_spans` accepts.
        """
        patterns: list[dict[str, Any]] = []
        for surface, entry_id in self.span_patterns(language):
            if is_acronym(surface) and surface.isalnum():
                for form in sorted(acronym_forms(surface)):
                    patterns.append({"label": "ACTOR", "pattern": [{"ORTH": form}], "id": entry_id})
                continue
            for phrase in dict.fromkeys((surface.lower(), _unaccented(surface).lower())):
                patterns.append({"label": "ACTOR", "pattern": phrase, "id": entry_id})
        return patterns

    def _spans(self) -> PhraseMatcher:
        if self._span_matcher is None:
            matcher = PhraseMatcher()
            for key, known in self._keys.items():
                if known.spannable and len(key) >= _MIN_SPAN_KEY:
                    matcher.add(key, known.case_forms)
            self._span_matcher = matcher
        return self._span_matcher

    def _span_aliases(self) -> Iterator[tuple[Alias, str]]:
        for entry in self._entries.values():
            for alias, spannable in _names_of(entry):
                key = alias_keys(alias.text)[0]
                if spannable and len(key) >= _MIN_SPAN_KEY:
                    yield alias, key
        for rule in self._ambiguities.values():
            for alias in rule.aliases:
                key = alias_keys(alias.text)[0]
                if len(key) >= _MIN_SPAN_KEY:
                    yield alias, key

    def _span_id(self, key: str) -> str:
        """The entry id of an alias key, or ``"?key"`` when the entry depends on context."""
        if key in self._ambiguous_keys:
            return "?" + key
        ids = self._keys[key].ids
        if len(ids) != 1:
            return "?" + key
        entry = self._entries[ids[0]]
        contextual = entry.coded_as or len(self.group_members(entry)) > 1 or self._rule_for(None, ids)
        return "?" + key if contextual else entry.id


# --- module helpers ----------------------------------------------------------------------------------


def _unique_entries(entries: Iterable[ActorEntry]) -> dict[str, ActorEntry]:
    out: dict[str, ActorEntry] = {}
    for entry in entries:
        if entry.id in out:
            raise ConfigError(f"actor dictionary: duplicate entry id {entry.id!r}")
        out[entry.id] = entry
    return out


def _country_index(countries: Iterable[Country]) -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries:
        for name in (country.iso2, country.iso3, country.name, *country.short, *country.names_fr):
            index.setdefault(fold(name), country.iso2)
    return index


def _group_index(entries: Iterable[ActorEntry]) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.group:
            groups[entry.group].append(entry.id)
    return {group: tuple(ids) for group, ids in groups.items()}


def _ethnic_index(entries: Iterable[ActorEntry]) -> dict[str, str]:
    """Folded ethnic names and aliases ("peul", "fulbe") -> the dictionary's ethnic name ("Fulani")."""
    index: dict[str, str] = {}
    for entry in entries:
        if entry.template.startswith("ethnic_group:"):
            ethnic = entry.template.split(":", 1)[1]
            for text in (ethnic, *(a.text for a in entry.aliases)):
                index.setdefault(fold(text), ethnic)
    return index


def _names_of(entry: ActorEntry) -> Iterator[tuple[Alias, bool]]:
    """An entry's canonical name, aliases (matched in text) and lookup-only aliases."""
    yield Alias(entry.name, "any"), True
    for alias in entry.aliases:
        yield alias, True
    for text in entry.lookup_aliases:
        yield Alias(text, "any"), False


def _number_keys(alias: Alias, key: str) -> list[str]:
    return [] if is_acronym(alias.text) else number_variants(key)


def _in_country(entries: list[ActorEntry], country: str | None) -> list[ActorEntry]:
    """Candidates that differ by country narrowed to ``country`` (none without a country)."""
    countries = {e.iso2 for e in entries if e.iso2}
    if len(countries) <= 1:
        return entries
    return [e for e in entries if e.iso2 in (country, None)] if country else []


def _member_for_date(entries: list[ActorEntry], date: str | None) -> ActorEntry:
    """The entry whose period holds ``date``; the nearest before it, or the first; the latest without."""
    ordered = sorted(dict.fromkeys(entries), key=lambda e: e.start or "")
    if date is None:
        return ordered[-1]
    covering = [e for e in ordered if e.covers(date)]
    if covering:
        return covering[-1]
    earlier = [e for e in ordered if (e.start or "") <= date]
    return earlier[-1] if earlier else ordered[0]


def _case_matches(case: RuleCase, context: _Context) -> bool:
    """Whether every condition a rule case states holds in the context."""
    checks = (
        not case.countries or context.country in case.countries,
        not case.admin1 or context.admin1 in case.admin1,
        not case.exclude_admin1 or context.admin1 not in case.exclude_admin1,
        case.date_from is None or context.date is None or context.date >= case.date_from,
        case.date_until is None or (context.date is not None and context.date <= case.date_until),
    )
    return all(checks)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
