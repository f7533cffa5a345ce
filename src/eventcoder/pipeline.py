"""The pipeline: reports -> parsed docs -> mentions -> resolved mentions -> coded events.

``Pipeline`` chains the stages (ingest -> nlp -> extract -> geo/actors -> fuse) and adds no logic of its
own. It loads the spaCy models, the gazetteer and the actor dictionary once, lazily.

Example:
    >>> from eventcoder import Pipeline
    >>> pipeline = Pipeline()
    >>> events = pipeline.extract_report(report)          # one report, its events
    >>> for report, events in pipeline.run(reports): ...  # many reports, in order
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from eventcoder import actors as actors_stage
from eventcoder import geo as geo_stage
from eventcoder.extract import Lexicon, extract_mentions, read_lexicon
from eventcoder.fuse import code_event
from eventcoder.ingest import detect_language
from eventcoder.nlp import PIECE_CHARS, NlpPipelines, piece_spans
from eventcoder.nlp.factories import ACTOR_SPAN_KEY
from eventcoder.pipeline_config import read_pipeline_config
from eventcoder.records import Event, Evidence, Mention, Report

__all__ = ["ActorSpans", "Pipeline", "shift_offsets"]

# ACLED's actor categories (inter codes) as the kinds extraction reads; a name whose entries disagree is a group.
_INTER_KINDS = {1: "military", 2: "group", 3: "militia", 4: "group", 5: "protesters", 6: "protesters",
                7: "civilians", 8: "military"}


class ActorSpans:
    """The actor dictionary as a typed span finder: each span's type is the actor's ACLED category.

    Extraction reads roles partly from the category (state forces are usually the target of an ambush,
    armed groups its author), without importing the dictionary itself: from ``doc.spans[ACTOR_SPAN_KEY]``
    (``label_`` the category, ``kb_id_`` the entry). The entity label is ``ACTOR_<CATEGORY>``, or ``ACTOR``
    when the name's entries disagree on the category (the figures read that: such a name counts as a group).
    """

    span_key = ACTOR_SPAN_KEY

    def __init__(self, dictionary: Any) -> None:
        self.dictionary = dictionary
        self._categories: dict[str, tuple[str, bool]] = {}

    def _category(self, key: str) -> tuple[str, bool]:
        """(the category of the actor ``key`` names, whether the dictionary's entries for it agree on it)."""
        if key not in self._categories:
            entry = self.dictionary.get(key)
            ids = [key] if entry is not None else list(self.dictionary.alias_index().get(key.lstrip("?"), ()))
            inters = {e.inter for e in (self.dictionary.get(i) for i in ids) if e is not None}
            category = _INTER_KINDS.get(next(iter(inters)), "group") if len(inters) == 1 else "group"
            self._categories[key] = (category, len(inters) <= 1)
        return self._categories[key]

    def span_type(self, key: str) -> str:
        """The ACLED category of the actor ``key`` names (``doc.spans[ACTOR_SPAN_KEY]`` labels)."""
        return self._category(key)[0]

    def find_spans(self, text: str) -> list[tuple[int, int, str, str]]:
        """The dictionary's actor names in ``text``, with their entity labels."""
        found = []
        for start, end, _, key in self.dictionary.find_spans(text):
            category, agreed = self._category(key)
            found.append((start, end, f"ACTOR_{category.upper()}" if agreed else "ACTOR", key))
        return found


def shift_offsets(record: Any, offset: int) -> Any:
    """``record`` (a mention, or anything holding :class:`Evidence`) with every evidence span moved by
    ``offset`` characters: offsets into a piece of a text become offsets into the whole text."""
    if isinstance(record, Evidence):
        return replace(record, start=record.start + offset, end=record.end + offset)
    if isinstance(record, tuple):
        return tuple(shift_offsets(item, offset) for item in record)
    if isinstance(record, dict):
        return {key: shift_offsets(value, offset) for key, value in record.items()}
    if is_dataclass(record) and not isinstance(record, type):
        changes = {f.name: shift_offsets(getattr(record, f.name), offset) for f in fields(record)}
        return replace(record, **changes)
    return record


class Pipeline:
    """Runs eventcoder's stages over reports.

    Args:
        gazetteer: a ``geo`` gazetteer (default: the packaged one, built on first use).
        dictionary: an ``actors.ActorDictionary`` (default: the packaged one).
        warn: where to say that a report has no publication date (default: stderr); ``None`` for silence.
    """

    def __init__(self, *, gazetteer: Any = None, dictionary: Any = None, warn: Any = sys.stderr) -> None:
        self._gazetteer = gazetteer
        self._dictionary = dictionary
        self._nlp: NlpPipelines | None = None
        self.warn = warn
        self.lexicons: dict[str, Lexicon] = {}
        self.piece_chars = PIECE_CHARS  # longer texts are parsed in pieces (nlp.piece_spans)

    def with_lexicons(self, lexicons: dict[str, Lexicon]) -> Pipeline:
        """A pipeline sharing this one's models, gazetteer and dictionary that extracts with ``lexicons``
        (``{language: Lexicon}``) instead of the packaged lexicons: leave-one-fold-out scoring uses it."""
        self.nlp  # noqa: B018 -- load the shared models once, before the copy
        other = copy.copy(self)
        other.lexicons = dict(lexicons)
        return other

    @classmethod
    def from_config(cls, path: str | Path | None = None) -> Pipeline:
        """A pipeline with the gazetteer, actor dictionary, lexicons and piece size that the TOML settings file
        at ``path`` names (``eventcoder.pipeline_config``); the packaged defaults when ``path`` is None.

        Raises:
            ConfigError: [E900] the file, or a file it names, is missing or malformed.
        """
        if path is None:
            return cls()
        config = read_pipeline_config(path)
        pipeline = cls(gazetteer=geo_stage.SQLiteGazetteer(config.gazetteer) if config.gazetteer else None,
                       dictionary=actors_stage.ActorDictionary.load(config.actors) if config.actors else None)
        pipeline.lexicons = {language: read_lexicon(file) for language, file in config.lexicons.items()}
        if config.piece_chars is not None:
            pipeline.piece_chars = config.piece_chars
        return pipeline

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            self._gazetteer = geo_stage.open_default_gazetteer()
        return self._gazetteer

    @property
    def dictionary(self) -> Any:
        if self._dictionary is None:
            self._dictionary = actors_stage.ActorDictionary.load()
        return self._dictionary

    @property
    def nlp(self) -> NlpPipelines:
        if self._nlp is None:
            self._nlp = NlpPipelines(finders=[ActorSpans(self.dictionary), self.gazetteer])
        return self._nlp

    def mentions(self, report: Report) -> list[Mention]:
        """The resolved mentions (one per event) of one report."""
        if not report.language:
            report = replace(report, language=detect_language(report.text))
        if not report.published and self.warn is not None:
            print(f"eventcoder: report {report.id} has no publication date: relative dates ('Tuesday', "
                  "'last week') are left unresolved", file=self.warn)
        language = report.language or "en"
        title = report.title or ""
        title_doc = self.nlp.parse(title, language) if title and title not in report.text[:len(title) + 200] else None
        spans = piece_spans(report.text, self.piece_chars)
        if len(spans) == 1:
            mentions = extract_mentions(self.nlp.parse(report.text, language), report, title_doc,
                                        lexicon=self.lexicons.get(language))
        else:
            mentions = self._piece_mentions(report, spans, language, title_doc)
        mentions = geo_stage.resolve_places(mentions, self.gazetteer)
        return actors_stage.resolve_actors(mentions, self.dictionary)

    def _piece_mentions(self, report: Report, spans: list[tuple[int, int]], language: str,
                        title_doc: Any) -> list[Mention]:
        """The mentions of a long text, parsed one piece at a time (bounded memory), offsets into the whole.

        A piece in which the prefilter finds no trigger phrase cannot yield a mention and is not parsed.
        The headline helps the first piece only; a progress bar shows on a terminal.
        """
        from tqdm import tqdm

        from eventcoder.ingest.prefilter import Prefilter

        prefilter = Prefilter.load()
        found: list[Mention] = []
        show = bool(getattr(sys.stderr, "isatty", lambda: False)())
        with tqdm(spans, desc=f"report {report.id[:16]}", unit="piece", file=sys.stderr, disable=not show,
                  leave=False) as bar:
            for number, (start, end) in enumerate(bar):
                piece = report.text[start:end]
                if not prefilter.keep_text(piece, language):
                    continue
                part = replace(report, text=piece)
                for mention in extract_mentions(self.nlp.parse(piece, language), part,
                                                title_doc if number == 0 else None,
                                                lexicon=self.lexicons.get(language)):
                    suffix = mention.id.removeprefix(f"{report.id}:")
                    found.append(shift_offsets(replace(mention, id=f"{report.id}:{number}.{suffix}"), start))
        return found

    def extract_report(self, report: Report) -> list[Event]:
        """The events one report tells of (not merged with other reports)."""
        return [code_event([m]) for m in self.mentions(report)]

    def run(self, reports: Iterable[Report]) -> Iterator[tuple[Report, list[Event]]]:
        """Each report with its events, in input order."""
        for report in reports:
            yield report, self.extract_report(report)
