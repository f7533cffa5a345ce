"""Typed records of the actor dictionary: entries, aliases, countries and ambiguity rules."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["NEUTRAL_LANGUAGES", "ActorEntry", "Alias", "AmbiguityRule", "Country", "RuleCase"]

# Alias languages usable in a text of any language (Arabic names transliterated, acronyms); the others are the
# languages of the lexicon files (eventcoder.lexicon.languages).
NEUTRAL_LANGUAGES = ("ar", "any")


@dataclass(frozen=True, slots=True)
class Alias:
    """A name for an actor in one language (``en``, ``fr``, ``ar`` transliteration, ``any``)."""

    text: str
    language: str


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary actor, as ACLED names it.

    ``group`` ties the entries that are one actor over time (regime periods of a state's forces, a group
    renamed); the member for a date is picked by ``start``/``end`` (ISO dates, open when ``None``).
    ``template`` names the family of generated per-country entries ("civilians", "state:military",
    "ethnic_group:Fulani"); ``kind`` is the template's kind ("military", "civilians", ...) or "".
    ``subgroup`` marks victim groups that ACLED codes as associated actors of Civilians.
    ``coded_as`` is ``(entry_id, from_date)``: from that date ACLED codes the actor's actions to another
    entry (e.g. the CMA's fighting as the CSP-PSD). ``joint`` lists the entries a joint actor stands for
    when a text names them as alternatives ("JNIM and/or ISGS").
    """

    id: str
    name: str
    inter: int
    country: str | None = None
    iso2: str | None = None
    aliases: tuple[Alias, ...] = ()
    lookup_aliases: tuple[str, ...] = ()
    affiliation: str = ""
    parent: str | None = None
    active: tuple[int | None, int | None] = (None, None)
    group: str = ""
    template: str = ""
    kind: str = ""
    period: str = ""
    start: str | None = None
    end: str | None = None
    coded_as: tuple[str, str] | None = None
    subgroup: bool = False
    joint: tuple[str, ...] = ()
    generated: bool = False
    note: str = ""

    @property
    def is_state_force(self) -> bool:
        """Whether this is a state's military, police, gendarmerie or government."""
        return self.template.startswith("state:")

    def covers(self, date: str) -> bool:
        """Whether ISO ``date`` falls within the entry's period (open ends included)."""
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class Country:
    """A country the dictionary builds entries for, with its names and demonyms."""

    iso2: str
    iso3: str
    name: str
    forces_name: str
    short: tuple[str, ...]
    names_fr: tuple[str, ...]
    of_fr: str
    dem_en: tuple[str, ...]
    dem_fr: dict[str, str] = field(hash=False, compare=False)
    sahel: bool = False


@dataclass(frozen=True, slots=True)
class RuleCase:
    """One context rule of an ambiguous alias: conditions, then an entry or a group to use."""

    countries: frozenset[str] = frozenset()
    admin1: frozenset[str] = frozenset()
    exclude_admin1: frozenset[str] = frozenset()
    date_from: str | None = None
    date_until: str | None = None
    entry: str | None = None
    group: str | None = None


@dataclass(frozen=True, slots=True)
class AmbiguityRule:
    """Aliases (or every alias of ``applies_to`` entries) that name different actors by context."""

    key: str
    aliases: tuple[Alias, ...]
    applies_to: frozenset[str]
    cases: tuple[RuleCase, ...]
    default: str | None
    note: str = ""
