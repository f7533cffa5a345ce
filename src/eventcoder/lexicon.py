"""Per-language resources, loaded from ``eventcoder/data/lexicon/<lang>.yaml``.

Every word, phrase and pattern of a language lives in its file: the extraction lists at the top level
(triggers, number words, attribution verbs, background cues) and named sections for the other stages
(``places``, ``actors``, ``figures``, ``dates``, ``geo`` ...). Code holds no word of any language: it asks the
:class:`Lexicon` for a section by its dotted name (``lexicon.words("places.settlement_nouns")``), and the
section is compiled once, on first use, into the shape asked for (a word set, a phrase regex, a table).
A section a language's file lacks is empty: a new language's file may start small.

The languages are the files: the packaged ones and those of the folder ``EVENTCODER_LEXICON_DIR`` names
(``eventcoder.settings``), which add a language or replace a packaged file. Adding a language is adding a file
(``language: es``, its ``triggers``, and what else it knows); ``language_resources.model`` names its spaCy
pipeline (``blank:es`` where no trained one is installed), detection, the prefilter, the actor aliases and the
monitor then accept it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from eventcoder.errors import ConfigError
from eventcoder.settings import LEXICON_DIR

__all__ = ["Lexicon", "all_lexicons", "languages", "lexicon_entries", "load_lexicon", "read_lexicon"]

_T = TypeVar("_T")


_ELISION = re.compile(r"\b([a-z]{1,2}['’])(?=\w)", re.I)


def _phrase(text: str) -> tuple[str, ...]:
    """A phrase as words the way spaCy tokenises them: French elisions are words of their own ("d'explosifs"
    is "d'" + "explosifs"), so that "véhicule bourré d'explosifs" can match."""
    return tuple(_ELISION.sub(r"\1 ", text.lower()).split())


def _phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternatives = []
    for phrase in sorted({p.lower() for p in phrases}, key=len, reverse=True):
        # "since 20" is a prefix of years: only phrases ending in a letter must end at a word boundary
        alternatives.append(re.escape(phrase) + (r"(?![\w])" if phrase[-1:].isalpha() else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")", re.I)


@dataclass(frozen=True)
class Lexicon:
    """Compiled resources of one language."""

    language: str
    triggers: dict[tuple[str, ...], str]
    triggers_by_first: dict[str, tuple[tuple[str, ...], ...]]
    weak_triggers: frozenset[tuple[str, ...]]
    max_trigger_len: int
    background: re.Pattern[str] | None
    not_violence: re.Pattern[str] | None
    recall: re.Pattern[str] | None
    separate: re.Pattern[str] | None
    speech_verbs: frozenset[str]
    according_to: re.Pattern[str] | None
    speech_phrases: re.Pattern[str] | None
    claim: re.Pattern[str] | None
    not_claimed: re.Pattern[str] | None
    deny: re.Pattern[str] | None
    not_confirmed: re.Pattern[str] | None
    blame: re.Pattern[str] | None
    victim_subject: re.Pattern[str] | None
    channels: dict[str, re.Pattern[str]]
    deaths: frozenset[str]
    not_deaths: frozenset[str]
    injuries: frozenset[str]
    hostages: frozenset[str]
    groups: dict[str, frozenset[str]]
    vague_numbers: dict[str, int]
    approx_nouns: dict[str, int]
    vague_first_words: frozenset[str]
    at_least: re.Pattern[str] | None
    about: re.Pattern[str] | None
    official_speakers: re.Pattern[str] | None
    unofficial_speakers: re.Pattern[str] | None
    revision: re.Pattern[str] | None
    perpetrator_claim_words: re.Pattern[str] | None
    subcount: re.Pattern[str] | None
    passive_agent: frozenset[str]
    target_preps: frozenset[str]
    claim_words: frozenset[str] = frozenset()
    claim_verbs: frozenset[str] = frozenset()
    confirm_words: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    clause_negators: frozenset[str] = frozenset()
    inflections: tuple[str, ...] = ()
    communique: re.Pattern[str] | None = None
    light_verbs: frozenset[str] = frozenset()
    carriers: frozenset[str] = frozenset()
    operations: frozenset[str] = frozenset()  # what a light verb conducts: "operation", "sweep"
    alternatives: frozenset[str] = frozenset()  # "or", "and/or" (spaces removed): two groups as either one
    triggers_by_stem: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    trigger_heads: dict[str, str] = field(default_factory=dict)
    trigger_modifiers: dict[str, str] = field(default_factory=dict)
    verb_objects: dict[tuple[str, str], str] = field(default_factory=dict)
    raw: dict[str, Any] = field(repr=False, default_factory=dict)
    _compiled: dict[tuple[str, str], Any] = field(repr=False, compare=False, default_factory=dict)

    def section(self, name: str) -> Any:
        """The raw YAML value of the section at the dotted path ``name`` (``"places.near"``), or None."""
        value: Any = self.raw
        for part in name.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def _cached(self, kind: str, name: str, build: Any) -> Any:
        key = (kind, name)
        if key not in self._compiled:
            self._compiled[key] = build(self.section(name))
        return self._compiled[key]

    def compiled(self, name: str, build: Callable[[Lexicon], _T]) -> _T:
        """``build(self)``, made once per lexicon and kept with it: a reader's record of the sections it needs
        (its word sets, a date grammar), so that it is not rebuilt for every sentence. ``name`` keys it."""
        key = ("compiled", name)
        if key not in self._compiled:
            self._compiled[key] = build(self)
        return self._compiled[key]  # type: ignore[no-any-return]

    def words(self, name: str) -> frozenset[str]:
        """The section's words and phrases, lower-cased (every string of its lists, nested ones included)."""
        return self._cached("words", name, lambda value: frozenset(w.lower() for w in _flatten(value)))

    def phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The section's phrases as token tuples the way spaCy splits them, longest first."""
        return self._cached("phrases", name, lambda value: tuple(sorted(
            {_phrase(w) for w in _flatten(value)}, key=len, reverse=True)))

    def pattern(self, name: str) -> re.Pattern[str] | None:
        """The section compiled to a case-insensitive regex: a ``{regex: ...}`` section as written (a list of
        regexes is joined as alternatives), a list of phrases as whole words (:func:`_phrase_regex`); None
        when the section is empty or missing."""
        return self._cached("pattern", name, _section_regex)

    def table(self, name: str) -> dict[str, Any]:
        """The section as a mapping with lower-cased string keys (``{}`` when missing)."""
        return self._cached("table", name, lambda value: {str(k).lower(): v for k, v in (value or {}).items()}
                            if isinstance(value, dict) else {})

    def inverse(self, name: str) -> dict[str, str]:
        """``{word: key}`` for a section of ``key: [words]`` lists, words lower-cased (first key wins)."""
        return self._cached("inverse", name, lambda value: {
            w.lower(): str(k) for k, words in (value or {}).items() for w in _flatten(words)}
            if isinstance(value, dict) else {})

    @property
    def model(self) -> str:
        """The spaCy pipeline of the language (``language_resources.model``): a package name, or
        ``blank:<code>`` for ``spacy.blank(code)`` (tokens and sentences only); ``blank:<language>`` when unset."""
        return str(self.section(f"{_RESOURCES}.model") or f"blank:{self.language}")

    def trigger_phrases(self) -> tuple[str, ...]:
        """Every trigger phrase the parse can match, as words joined by spaces: the listed ``triggers``, each
        ``trigger_heads`` noun with each ``trigger_modifiers`` word ("véhicule piégé", "bomb roadside": head
        first, whatever the language's order), each ``verb_objects`` verb with each of its objects ("ouvrir
        feu"). The prefilter looks for their words, in any order, without parsing."""
        compounds = (f"{head} {modifier}" for head in _flatten(self.raw.get("trigger_heads"))
                     for modifier in _flatten(self.raw.get("trigger_modifiers")))
        pairs = (f"{verb} {obj}" for verb, obj in self.verb_objects)
        return tuple(dict.fromkeys([*(" ".join(p) for p in self.triggers), *compounds, *pairs]))

    def without(self, entries: set[str] | frozenset[str]) -> Lexicon:
        """This lexicon compiled again with ``entries`` (words and phrases, any case) left out of every list.

        Used by leave-one-fold-out scoring: the vocabulary only one fold of the corpus uses is removed
        while that fold is scored, so a word added for one report shows as such.
        """
        drop = {entry.lower() for entry in entries}
        if not drop:
            return self
        return _compile(_without(self.raw, drop))

    def stem(self, word: str) -> str:
        """``word`` without its inflection ending (``inflection_suffixes``: French -e, -s, -es), so that
        "aériennes", "piégées" and "tombés" match the lexicon's "aérienne", "piégé" and "tombé"."""
        return _strip_inflection(word.lower(), self.inflections)

    def group_of(self, lemma: str) -> str | None:
        """The group a noun lemma denotes (military, militia, civilians, perpetrators, people), if any."""
        for name, words in self.groups.items():
            if lemma in words:
                return name
        return None


def _flatten(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [item for sub in value.values() for item in _flatten(sub)]
    return [str(v) for v in value]


def _section_regex(value: Any) -> re.Pattern[str] | None:
    """A section as a regex: ``{regex: str | [str], flags: ...}`` as written, else its phrases as whole words."""
    if isinstance(value, dict) and "regex" in value:
        parts = _flatten(value["regex"])
        if not parts:
            return None
        try:
            return re.compile("|".join(f"(?:{p})" for p in parts) if len(parts) > 1 else parts[0], re.I)
        except re.error as exc:
            raise ConfigError(f"lexicon regex {parts!r} does not compile: {exc}") from exc
    return _phrase_regex(_flatten(value))


_SETTINGS = ("language", "version", "regex", "model")
_RESOURCES = "language_resources"
_MIN_STEM = 4


def _lower_words(data: dict[str, Any], section: str) -> frozenset[str]:
    """The words of a lexicon section, lower-cased."""
    return frozenset(word.lower() for word in _flatten(data.get(section)))


def _strip_inflection(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:  # longest first
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _without(value: Any, drop: set[str]) -> Any:
    """``value`` (the YAML data) with every string in ``drop`` removed from its lists and mapping keys."""
    if isinstance(value, dict):
        return {k: _without(v, drop) for k, v in value.items()
                if k in _SETTINGS or not (isinstance(k, str) and k.lower() in drop and not isinstance(v, list))}
    if isinstance(value, list):
        return [_without(v, drop) for v in value if not (isinstance(v, str) and v.lower() in drop)]
    return value


def lexicon_entries(lexicon: Lexicon) -> frozenset[str]:
    """Every word and phrase of the lexicon's lists (and of its number-word tables), lower-cased; not those of
    ``language_resources`` (model, prefilter word forms), which extraction does not read."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                if key in _SETTINGS:
                    continue
                if isinstance(key, str) and not isinstance(sub, (list, dict)):
                    found.add(key.lower())
                walk(sub)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    found.add(item.lower())
                else:
                    walk(item)

    walk({section: value for section, value in lexicon.raw.items() if section != _RESOURCES})
    return frozenset(found)


def _weak_triggers(phrases: list[str], triggers: dict[tuple[str, ...], str],
                   inflections: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The weak trigger phrases, and every trigger phrase that is one of them but for inflection endings."""
    def key(phrase: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_strip_inflection(w, inflections) for w in phrase)

    weak = {_phrase(p) for p in phrases}
    if inflections:
        keys = {key(p) for p in weak}
        weak |= {p for p in triggers if key(p) in keys}
    return frozenset(weak)


def _by_word(words_by_value: dict[str, Any], inflections: tuple[str, ...]) -> dict[str, str]:
    """``{word: value}`` for ``{value: [words]}``, each word also under its form less an inflection ending."""
    found: dict[str, str] = {}
    for value, words in words_by_value.items():
        for word in _flatten(words):
            found.setdefault(word.lower(), value)
            found.setdefault(_strip_inflection(word.lower(), inflections), value)
    return found


def _verb_objects(data: dict[str, Any], inflections: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """``{(verb lemma, object word): cue}`` from ``verb_objects`` (cue -> [verb, object, ...] lists).

    A list left without its verb or without any object (``Lexicon.without``) makes no pair."""
    pairs: dict[tuple[str, str], str] = {}
    for cue, lists in (data.get("verb_objects") or {}).items():
        for verb, *objects in (words for words in lists or () if len(words) >= 2):
            for obj in _by_word({cue: objects}, inflections):
                pairs.setdefault((str(verb).lower(), obj), cue)
    return pairs


def _lags(lags: dict[str, Any]) -> list[str]:
    """The phrases of a time lag from ``recall_lags``: every unit followed by every relation ("days after",
    "weeks earlier", "semaines plus tôt"), so that any count before them ("three days after") recalls too."""
    return [f"{unit} {relation}" for unit in _flatten(lags.get("units")) for relation in _flatten(lags.get("relations"))]


def _compile(data: dict[str, Any]) -> Lexicon:
    triggers: dict[tuple[str, ...], str] = {}
    for cue, phrases in data["triggers"].items():  # the one section a language cannot do without
        for phrase in phrases:
            triggers.setdefault(_phrase(phrase), cue)
    groups = {name: frozenset(w.lower() for w in words) for name, words in (data.get("groups") or {}).items()}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_stem: dict[str, list[tuple[str, ...]]] = {}
    inflections = tuple(sorted((w.lower() for w in _flatten(data.get("inflection_suffixes"))), key=len,
                               reverse=True))
    for phrase in sorted(triggers, key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase)
        if inflections:
            by_stem.setdefault(_strip_inflection(phrase[0], inflections), []).append(phrase)
    return Lexicon(
        language=data["language"],
        triggers=triggers,
        triggers_by_first={k: tuple(v) for k, v in by_first.items()},
        weak_triggers=_weak_triggers(data.get("weak_triggers", []), triggers, inflections),
        max_trigger_len=max((len(p) for p in triggers), default=0),
        background=_phrase_regex(_flatten(data.get("background"))),
        not_violence=_phrase_regex(_flatten(data.get("not_violence"))),
        recall=_phrase_regex(_flatten(data.get("recall")) + _lags(data.get("recall_lags") or {})),
        separate=_phrase_regex(_flatten(data.get("separate"))),
        speech_verbs=frozenset(_flatten(data.get("speech_verbs"))),
        according_to=_phrase_regex(_flatten(data.get("according_to"))),
        speech_phrases=_phrase_regex(_flatten(data.get("speech_phrases"))),
        claim=_phrase_regex(_flatten(data.get("claim"))),
        not_claimed=_phrase_regex(_flatten(data.get("not_claimed"))),
        deny=_phrase_regex(_flatten(data.get("deny"))),
        not_confirmed=_phrase_regex(_flatten(data.get("not_confirmed"))),
        blame=_phrase_regex(_flatten(data.get("blame"))),
        victim_subject=_phrase_regex(_flatten(data.get("victim_subject"))),
        channels={name: rx for name, words in (data.get("channels") or {}).items()
                  if (rx := _phrase_regex(_flatten(words))) is not None},
        deaths=frozenset(_flatten(data.get("deaths"))),
        not_deaths=frozenset(_flatten(data.get("not_deaths"))),
        injuries=frozenset(_flatten(data.get("injuries"))),
        hostages=frozenset(_flatten(data.get("hostages"))),
        groups=groups,
        vague_numbers={k.lower(): int(v) for k, v in (data.get("vague_numbers") or {}).items()},
        approx_nouns={k.lower(): int(v) for k, v in (data.get("approx_nouns") or {}).items()},
        vague_first_words=frozenset(k.lower().split()[0] for k in [*(data.get("vague_numbers") or {}),
                                                                   *(data.get("approx_nouns") or {})]),
        at_least=_phrase_regex(_flatten(data.get("at_least"))),
        about=_phrase_regex(_flatten(data.get("about"))),
        official_speakers=_phrase_regex(_flatten(data.get("official_speakers"))),
        unofficial_speakers=_phrase_regex(_flatten(data.get("unofficial_speakers"))),
        revision=_phrase_regex(_flatten(data.get("revision"))),
        perpetrator_claim_words=_phrase_regex(_flatten(data.get("perpetrator_claim_words"))),
        subcount=_phrase_regex(_flatten(data.get("subcount"))),
        passive_agent=frozenset(_flatten(data.get("passive_agent"))),
        target_preps=frozenset(_flatten(data.get("target_preps"))),
        claim_words=_lower_words(data, "claim_words"),
        claim_verbs=_lower_words(data, "claim_verbs"),
        confirm_words=_lower_words(data, "confirm_words"),
        negators=_lower_words(data, "negators"),
        clause_negators=_lower_words(data, "clause_negators"),
        inflections=inflections,
        communique=_phrase_regex(_flatten(data.get("communique"))),
        light_verbs=_lower_words(data, "light_verbs"),
        carriers=_lower_words(data, "carriers"),
        operations=_lower_words(data, "operations"),
        alternatives=frozenset(w.lower().replace(" ", "") for w in _flatten(data.get("alternatives"))),
        triggers_by_stem={k: tuple(v) for k, v in by_stem.items()},
        trigger_heads=_by_word({"head": data.get("trigger_heads")}, inflections),
        trigger_modifiers=_by_word(data.get("trigger_modifiers") or {}, inflections),
        verb_objects=_verb_objects(data, inflections),
        raw=data,
    )


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping (plain YAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"key(s) given twice: {', '.join(twice)}",
                                                    node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _parse(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"lexicon {source} is not valid YAML: {exc}") from exc


def _packaged_files() -> dict[str, Any]:
    folder = resources.files("eventcoder.data").joinpath("lexicon")
    return {entry.name.removesuffix(".yaml"): entry for entry in folder.iterdir() if entry.name.endswith(".yaml")}


@lru_cache(maxsize=8)
def _lexicon_files(extra: str | None) -> dict[str, Any]:
    """``{language: file}``: the packaged ``data/lexicon/<lang>.yaml`` files, then those of the folder ``extra``
    (``EVENTCODER_LEXICON_DIR``), which add languages or replace a packaged file.

    Raises:
        ConfigError: [E900] ``extra`` is not a folder.
    """
    files = _packaged_files()
    if extra:
        folder = Path(extra).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"{LEXICON_DIR.name}={extra!r} is not a folder")
        files.update({path.stem: path for path in sorted(folder.glob("*.yaml"))})
    return files


def _extra_folder() -> str | None:
    return LEXICON_DIR.raw()


def languages() -> tuple[str, ...]:
    """The languages that have a lexicon file (packaged, or in ``EVENTCODER_LEXICON_DIR``), sorted."""
    return tuple(sorted(_lexicon_files(_extra_folder())))


def all_lexicons() -> tuple[Lexicon, ...]:
    """Every language's lexicon, for code that reads a name without knowing its language (geo)."""
    return _all_lexicons(_extra_folder())


@lru_cache(maxsize=4)
def _all_lexicons(extra: str | None) -> tuple[Lexicon, ...]:
    return tuple(_load(language, extra) for language in sorted(_lexicon_files(extra)))


def load_lexicon(language: str) -> Lexicon:
    """The compiled lexicon of ``language`` (one of :func:`languages`), compiled once per file.

    Raises:
        ConfigError: [E900] no lexicon for that language, or its file is malformed.
    """
    return _load(language, _extra_folder())


@lru_cache(maxsize=16)
def _load(language: str, extra: str | None) -> Lexicon:
    file = _lexicon_files(extra).get(language)
    if file is None:
        raise ConfigError(f"no extraction lexicon for language {language!r}; "
                          f"known: {', '.join(sorted(_lexicon_files(extra)))}")
    lexicon = _read(file.read_text("utf-8"), str(file))
    if lexicon.language != language:
        raise ConfigError(f"lexicon {file} says language {lexicon.language!r}, its name {language!r}")
    return lexicon


def read_lexicon(path: Path) -> Lexicon:
    """The lexicon in the YAML file at ``path`` (same sections as the packaged ``data/lexicon/<lang>.yaml``).

    Raises:
        ConfigError: [E900] the file is missing, not YAML, or not a mapping of sections.
    """
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc.strerror or exc}") from exc
    return _read(text, str(path))


def _read(text: str, source: str) -> Lexicon:
    data = _parse(text, source)
    if not isinstance(data, dict):
        raise ConfigError(f"lexicon {source} must be a mapping of sections, found {type(data).__name__}")
    try:
        return _compile(data)
    except KeyError as exc:
        raise ConfigError(f"lexicon {source} lacks the section {exc.args[0]!r}") from exc
    except (AttributeError, TypeError) as exc:
        raise ConfigError(f"lexicon {source} has a section of the wrong shape: {exc}") from exc
