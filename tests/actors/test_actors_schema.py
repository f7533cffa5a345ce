"""The dictionary data: versioned, unique ids and names, valid codes, unambiguous aliases, sane periods."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventcoder.actors import ActorDictionary, GenericVocabulary
from eventcoder.actors._entries import NEUTRAL_LANGUAGES
from eventcoder.actors._generic import KINDS
from eventcoder.errors import ConfigError
from eventcoder.lexicon import languages

DATA = Path(str(resources.files("eventcoder") / "data"))
SAHEL = ("ML", "BF", "NE", "NG", "TD", "MR", "BJ", "TG", "CM")


def test_yaml_is_versioned_and_dated() -> None:
    raw = yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", str(raw["version"]))
    assert dt.date.fromisoformat(str(raw["updated"])) <= dt.date.today()


def test_dictionary_exposes_its_version(actors: ActorDictionary) -> None:
    assert actors.version and actors.updated
    assert ActorDictionary.load() is actors  # the packaged dictionary is loaded once


def test_ids_are_unique_slugs(actors: ActorDictionary) -> None:
    ids = [e.id for e in actors.entries]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), [i for i in ids if " " in i]


def test_names_are_unique(actors: ActorDictionary) -> None:
    names = [e.name for e in actors.entries]
    duplicates = {n for n in names if names.count(n) > 1}
    assert not duplicates


def test_inter_codes_are_acled_categories(actors: ActorDictionary) -> None:
    assert {e.inter for e in actors.entries} <= set(range(1, 9))


def test_every_entry_has_aliases(actors: ActorDictionary) -> None:
    named = [e for e in actors.entries if not e.generated]
    assert all(e.aliases for e in named), [e.id for e in named if not e.aliases]
    assert all(e.aliases or e.lookup_aliases for e in actors.entries)
    known = {*languages(), *NEUTRAL_LANGUAGES}
    assert all(a.language in known and a.text.strip() for e in actors.entries for a in e.aliases)


def test_no_alias_names_two_actors_unless_documented(actors: ActorDictionary) -> None:
    """An alias shared by entries must be one actor over time (a group) or one template by country."""
    undocumented = []
    for key, ids in actors.alias_index().items():
        if len(ids) < 2:
            continue
        entries = [actors.get(i) for i in ids]
        assert all(entries)
        groups = {e.group for e in entries if e}
        templates = {e.template for e in entries if e}
        countries = [e.iso2 for e in entries if e]
        same_group = len(groups) == 1 and "" not in groups
        same_template = len(templates) == 1 and "" not in templates and len(set(countries)) == len(countries)
        if not (same_group or same_template):
            undocumented.append((key, ids))
    assert not undocumented


def test_ambiguous_aliases_have_rules_and_valid_targets(actors: ActorDictionary) -> None:
    group_names = {e.group for e in actors.entries if e.group}
    for rule in actors.ambiguities:
        assert rule.cases and rule.note
        for case in rule.cases:
            assert (case.entry is None) != (case.group is None)
            assert case.entry is None or actors.get(case.entry)
            assert case.group is None or case.group in group_names
        assert rule.default is None or actors.get(rule.default)
        assert all(actors.get(i) for i in rule.applies_to)


def test_references_point_to_entries(actors: ActorDictionary) -> None:
    for entry in actors.entries:
        assert entry.parent is None or actors.get(entry.parent), entry.id
        if entry.coded_as:
            assert actors.get(entry.coded_as[0]), entry.id
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.coded_as[1])


def test_group_periods_follow_each_other_without_gaps(actors: ActorDictionary) -> None:
    groups = defaultdict(list)
    for entry in actors.entries:
        if entry.group:
            groups[entry.group].append(entry)
    assert "ml-military" in groups and "is-sahel" in groups
    for members in groups.values():
        members.sort(key=lambda e: e.start or "")
        for before, after in itertools.pairwise(members):
            assert before.end is not None and after.start is not None
            next_day = dt.date.fromisoformat(before.end) + dt.timedelta(days=1)
            assert next_day.isoformat() == after.start, (before.id, after.id)
        assert members[-1].end is None or not members[-1].is_state_force


@pytest.mark.parametrize("code", SAHEL)
def test_each_sahel_country_has_its_generic_and_state_actors(actors: ActorDictionary, code: str) -> None:
    country = actors.country_name(code)
    assert country
    for template in ("civilians", "unidentified", "protesters", "rioters", "communal_militia"):
        entry = actors.template_entry(template, code)
        assert entry is not None and entry.name.endswith(f"({country})")
    for kind in ("military", "police", "government"):
        entry = actors.state_forces(code, "2024-01-01", kind)
        assert entry is not None and entry.iso2 == code


def test_acled_names_follow_acled_patterns(actors: ActorDictionary) -> None:
    assert actors.civilians("Mali").name == "Civilians (Mali)"
    assert actors.unidentified("Niger").name == "Unidentified Armed Group (Niger)"
    assert actors.protesters("Mali").name == "Protesters (Mali)"
    assert actors.rioters("Chad").name == "Rioters (Chad)"
    assert actors.communal_militia("Nigeria").name == "Unidentified Communal Militia (Nigeria)"
    assert actors.state_forces("Mali", "2023-01-01", "government").name == "Government of Mali (2021-)"
    assert actors.state_forces("USA", "2023-01-01").name == "Military Forces of the United States (2021-2025)"


def test_generic_vocabulary_kinds_are_known() -> None:
    raw = yaml.safe_load((DATA / "actors_generic.yaml").read_text(encoding="utf-8"))
    assert set(raw["kinds"]) <= set(KINDS)
    assert all(set(by_lang) <= {"en", "fr"} for by_lang in raw["kinds"].values())


def test_loading_and_matching_are_fast() -> None:
    started = time.perf_counter()
    fresh = ActorDictionary.load(DATA / "actors.yaml")
    fresh.find_spans("JNIM fighters ambushed FAMa soldiers.")
    GenericVocabulary.load(DATA / "actors_generic.yaml").kind("gunmen")
    assert time.perf_counter() - started < 1.0


def test_a_broken_file_is_a_config_error(tmp_path: Path) -> None:
    broken = tmp_path / "actors.yaml"
    broken.write_text("version: 1\ncountries: [{iso2: ML}]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ActorDictionary.load(broken)
    assert info.value.code == "E900"
    with pytest.raises(ConfigError):
        ActorDictionary.load(tmp_path / "missing.yaml")


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    text = (DATA / "actors.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: aqim\n", "  - id: jnim\n", 1)
    (tmp_path / "actors.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate entry id 'jnim'"):
        ActorDictionary.load(tmp_path / "actors.yaml")
