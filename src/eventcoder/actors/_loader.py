"""Build dictionary entries from the YAML data (data/actors.yaml).

The YAML keeps per-country families compact (state forces by regime period, generic actors, ethnic
groups); this module expands them into one ``ActorEntry`` each. Aliases written for named entries win
over generated ones: a generated alias that a named entry also uses is dropped from the generated entry.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from eventcoder.actors._entries import NEUTRAL_LANGUAGES, ActorEntry, Alias, AmbiguityRule, Country, RuleCase
from eventcoder.actors._text import alias_keys, fold
from eventcoder.errors import ConfigError
from eventcoder.lexicon import languages

__all__ = ["DictionaryData", "load_data", "parse_data"]

_STATE_NAMES = {
    "military": "Military Forces of {country} ({period})",
    "police": "Police Forces of {country} ({period})",
    "gendarmerie": "Police Forces of {country} ({period}) Gendarmerie",
    "government": "Government of {country} ({period})",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class DictionaryData:
    """Everything the YAML file defines, expanded."""

    version: str
    updated: str
    countries: tuple[Country, ...]
    entries: tuple[ActorEntry, ...]
    ambiguities: tuple[AmbiguityRule, ...]


def load_data(path: Path) -> DictionaryData:
    """Read and expand a dictionary YAML file.

    Raises:
        ConfigError: [E900] the file is missing or is not a valid actor dictionary.
    """
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read actor dictionary {path}: {exc}") from exc
    try:
        return parse_data(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"actor dictionary {path} is malformed: {exc!r}") from exc


def parse_data(raw: Mapping[str, Any]) -> DictionaryData:
    """Expand the parsed YAML mapping into entries."""
    countries = tuple(_country(item) for item in raw["countries"])
    by_iso = {c.iso2: c for c in countries}
    explicit = tuple(_named_entry(item, by_iso) for item in raw.get("entries") or ())
    generated = (
        *_state_entries(raw.get("state_forces") or (), raw.get("state_alias_templates") or {}, by_iso),
        *_template_entries(raw.get("templates") or {}, by_iso),
        *_ethnic_entries(raw.get("ethnic_groups") or {}, by_iso),
    )
    claimed = {key for entry in explicit for alias in entry.aliases for key in alias_keys(alias.text)}
    generated = tuple(_without_claimed(entry, claimed) for entry in generated)
    ambiguities = tuple(_ambiguity(key, item) for key, item in (raw.get("ambiguous") or {}).items())
    return DictionaryData(
        version=str(raw["version"]),
        updated=_iso(raw.get("updated")) or "",
        countries=countries,
        entries=explicit + generated,
        ambiguities=ambiguities,
    )


def _yaml_loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[no-any-return]


def _iso(value: Any) -> str | None:
    """A YAML date (parsed or string) as ``YYYY-MM-DD``."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _country(item: Mapping[str, Any]) -> Country:
    return Country(
        iso2=item["iso2"],
        iso3=item["iso3"],
        name=item["name"],
        forces_name=item.get("forces_name", item["name"]),
        short=tuple(item.get("short") or (item["name"],)),
        names_fr=tuple(item.get("fr") or ()),
        of_fr=item.get("of_fr", ""),
        dem_en=tuple(item.get("dem_en") or ()),
        dem_fr=dict(item.get("dem_fr") or {}),
        sahel=bool(item.get("sahel", False)),
    )


def _aliases(by_language: Mapping[str, Sequence[str]] | None) -> tuple[Alias, ...]:
    """Aliases from a ``{language: [text, ...]}`` mapping, deduplicated, in order."""
    out: list[Alias] = []
    for language, texts in (by_language or {}).items():
        if language not in NEUTRAL_LANGUAGES and language not in languages():
            raise ValueError(f"unknown alias language {language!r}")
        out.extend(Alias(str(text), language) for text in texts or ())
    return tuple(dict.fromkeys(out))


def _expand(template: str, country: Country) -> list[str]:
    """All fillings of a template's placeholders from a country's names and demonyms."""
    values: dict[str, Sequence[str]] = {
        "name": (country.name,),
        "short": country.short,
        "of_fr": (country.of_fr,) if country.of_fr else (),
        "dem": country.dem_en,
        **{form: (word,) for form, word in country.dem_fr.items()},
    }
    names = _PLACEHOLDER.findall(template)
    if any(not values.get(name) for name in names):
        return []
    out = []
    for combination in itertools.product(*(values[name] for name in names)):
        text = template
        for name, value in zip(names, combination, strict=True):
            text = text.replace("{" + name + "}", value, 1)
        out.append(text)
    return out


def _expand_aliases(templates: Mapping[str, Sequence[str]], country: Country) -> tuple[Alias, ...]:
    by_language = {lang: [t for tpl in texts or () for t in _expand(tpl, country)]
                   for lang, texts in templates.items()}
    return _aliases(by_language)


def _active(item: Mapping[str, Any]) -> tuple[int | None, int | None]:
    first, last = (item.get("active") or [None, None])[:2]
    return (int(first) if first is not None else None, int(last) if last is not None else None)


def _named_entry(item: Mapping[str, Any], countries: Mapping[str, Country]) -> ActorEntry:
    """An entry written out under ``entries``."""
    country = _country_named(item.get("country"), countries)
    active = _active(item)
    coded = item.get("coded_as")
    return ActorEntry(
        id=item["id"],
        name=item["name"],
        inter=int(item["inter"]),
        country=country.name if country else None,
        iso2=country.iso2 if country else None,
        aliases=_aliases(item.get("aliases")),
        affiliation=item.get("affiliation") or "",
        parent=item.get("parent"),
        active=active,
        group=item.get("group") or "",
        start=_iso(item.get("start")) or (f"{active[0]}-01-01" if item.get("group") and active[0] else None),
        end=_iso(item.get("end")),
        coded_as=(coded["entry"], _iso(coded["from"]) or "") if coded else None,
        joint=tuple(item.get("joint") or ()),
        note=item.get("note") or "",
    )


def _country_named(name: str | None, countries: Mapping[str, Country]) -> Country | None:
    if name is None:
        return None
    for country in countries.values():
        if name in (country.name, country.iso2):
            return country
    raise ValueError(f"entry country {name!r} is not in `countries`")


def _state_entries(blocks: Iterable[Mapping[str, Any]], templates: Mapping[str, Mapping[str, Sequence[str]]],
                   countries: Mapping[str, Country]) -> Iterator[ActorEntry]:
    """State forces: one entry per country, regime period and kind."""
    for block in blocks:
        country = countries[block["country"]]
        for kind in block["kinds"]:
            extra = _aliases((block.get("aliases") or {}).get(kind))
            aliases = tuple(dict.fromkeys(_expand_aliases(templates.get(kind, {}), country) + extra))
            for period in block["periods"]:
                yield _state_entry(country, kind, period, aliases, int(block.get("inter", 1)))


def _state_entry(country: Country, kind: str, period: Mapping[str, Any], aliases: tuple[Alias, ...],
                 inter: int) -> ActorEntry:
    label = str(period["label"])
    start, end = _iso(period["start"]), _iso(period.get("end"))
    name_template = _STATE_NAMES[kind]
    former = tuple(name_template.format(country=country.forces_name, period=old)
                   for old in period.get("former") or ())
    return ActorEntry(
        id=f"{country.iso2.lower()}-{kind}-{label.strip('-')}",
        name=name_template.format(country=country.forces_name, period=label),
        inter=inter,
        country=country.name,
        iso2=country.iso2,
        aliases=aliases,
        lookup_aliases=former,
        active=(int(start[:4]) if start else None, int(end[:4]) if end else None),
        group=f"{country.iso2.lower()}-{kind}",
        template=f"state:{kind}",
        kind=kind,
        period=label,
        start=start,
        end=end,
        generated=True,
    )


def _template_countries(spec: str | Sequence[str], countries: Mapping[str, Country]) -> list[Country]:
    if spec == "all":
        return list(countries.values())
    if spec == "sahel":
        return [c for c in countries.values() if c.sahel]
    if spec == "foreign":
        return [c for c in countries.values() if not c.sahel]
    return [countries[code] for code in spec]


def _template_entries(templates: Mapping[str, Mapping[str, Any]],
                      countries: Mapping[str, Country]) -> Iterator[ActorEntry]:
    """Generic per-country actors: Civilians (X), Unidentified Armed Group (X), ..."""
    for key, spec in templates.items():
        for country in _template_countries(spec["countries"], countries):
            yield ActorEntry(
                id=f"{key.replace('_', '-')}-{country.iso2.lower()}",
                name=spec["name"].format(name=country.name),
                inter=int(spec["inter"]),
                country=country.name,
                iso2=country.iso2,
                aliases=_expand_aliases(spec.get("aliases") or {}, country),
                lookup_aliases=tuple(spec.get("lookup") or ()),
                template=key,
                kind=key,
                subgroup=bool(spec.get("subgroup", False)),
                generated=True,
            )


def _ethnic_entries(groups: Mapping[str, Mapping[str, Any]],
                    countries: Mapping[str, Country]) -> Iterator[ActorEntry]:
    """"<E> Ethnic Group (X)" (inter 7, a victim group) and "<E> Ethnic Militia (X)" (inter 4)."""
    for ethnic, spec in groups.items():
        for code in spec["countries"]:
            country = countries[code]
            suffix = f"{_slug(ethnic)}-{country.iso2.lower()}"
            yield ActorEntry(
                id=f"ethnic-group-{suffix}", name=f"{ethnic} Ethnic Group ({country.name})", inter=7,
                country=country.name, iso2=country.iso2, aliases=_aliases(spec.get("group")),
                lookup_aliases=(f"{ethnic} Ethnic Group",), template=f"ethnic_group:{ethnic}",
                kind="ethnic_group", subgroup=True, generated=True,
            )
            coded = (spec.get("militia_coded_as") or {}).get(code)
            yield ActorEntry(
                id=f"ethnic-militia-{suffix}", name=f"{ethnic} Ethnic Militia ({country.name})", inter=4,
                country=country.name, iso2=country.iso2, aliases=_aliases(spec.get("militia")),
                lookup_aliases=(f"{ethnic} Ethnic Militia",), template=f"ethnic_militia:{ethnic}",
                kind="ethnic_militia", generated=True,
                coded_as=(coded["entry"], _iso(coded["from"]) or "") if coded else None,
            )


def _without_claimed(entry: ActorEntry, claimed: set[str]) -> ActorEntry:
    """Drop a generated entry's aliases that a named entry uses."""
    kept = tuple(a for a in entry.aliases if not claimed.intersection(alias_keys(a.text)))
    return entry if len(kept) == len(entry.aliases) else replace(entry, aliases=kept)


def _ambiguity(key: str, item: Mapping[str, Any]) -> AmbiguityRule:
    return AmbiguityRule(
        key=key,
        aliases=_aliases(item.get("aliases")),
        applies_to=frozenset(item.get("applies_to") or ()),
        cases=tuple(_rule_case(case) for case in item.get("rules") or ()),
        default=item.get("default"),
        note=item.get("note") or "",
    )


def _rule_case(case: Mapping[str, Any]) -> RuleCase:
    return RuleCase(
        countries=frozenset(case.get("countries") or ()),
        admin1=frozenset(fold(a) for a in case.get("admin1") or ()),
        exclude_admin1=frozenset(fold(a) for a in case.get("exclude_admin1") or ()),
        date_from=_iso(case.get("from")),
        date_until=_iso(case.get("until")),
        entry=case.get("entry"),
        group=case.get("group"),
    )
