"""Typed records that flow through the pipeline.

``Report`` (ingest) -> ``Mention`` (extract, then resolved by actors/geo) -> ``Event`` (fuse) -> store/serve.

All records are frozen dataclasses: a stage returns new records (``dataclasses.replace``) rather than
mutating what it was given. Every coded field keeps its evidence: character offsets into a report's text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Final

__all__ = [
    "ActorRef",
    "Claim",
    "Event",
    "Evidence",
    "FatalityFigure",
    "Mention",
    "Place",
    "PlacePhrase",
    "Report",
    "content_hash",
]


def content_hash(text: str) -> str:
    """Stable id of a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


COUNTRY_ONLY: Final = "country only"  # how a place was obtained when the text locates the event no closer
FLAG_COUNTRY_ONLY: Final = "place: country only"  # the quality flag of an event placed in its country only


@dataclass(frozen=True, slots=True)
class Report:
    """One news report (SCHEMA.md "Reports").

    ``published`` is ``YYYY-MM-DD`` (a full ISO time is cut to its date by ingest) or ``None``.
    """

    id: str
    text: str
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a report's text that supports a field."""

    report_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as the text names it, and (once resolved) its dictionary entry.

    ``name`` is the dictionary's canonical (ACLED) name, empty until resolved; ``inter`` its ACLED category
    code (1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters, 6 protesters,
    7 civilians, 8 external/other forces).
    """

    text: str
    role: str  # "actor1" (perpetrator/initiator) or "actor2" (target/victim)
    kind: str = ""  # coarse kind from the text: group, state, militia, civilians, unidentified, ...
    name: str = ""
    inter: int = 0
    entry_id: str = ""
    affiliation: str = ""
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class PlacePhrase:
    """How the text places an event, before gazetteer resolution.

    ``relation`` is one of ``in`` (at the named place), ``near``, ``between`` (``names`` holds both ends),
    ``offset`` (``distance_km`` and ``bearing`` from ``names[0]``), ``border`` (near the border with
    ``names[0]``, a country), ``area`` (a named region/forest/zone) or ``admin`` (an admin unit).
    ``context`` holds other place names of the sentence/report that help to disambiguate.
    """

    names: tuple[str, ...]
    relation: str = "in"
    distance_km: float | None = None
    bearing: str | None = None
    admin_hints: tuple[str, ...] = ()
    country_hint: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: a gazetteer entry or a point computed from one."""

    location: str
    latitude: float
    longitude: float
    geo_precision: int
    country: str
    iso3: str = ""
    iso: int = 0
    region: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    geonameid: int | None = None
    how: str = ""  # one line: how the point was obtained (shown in evidence/notes)
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class FatalityFigure:
    """A death toll as one speaker gave it.

    ``side`` says whose dead: ``target`` (victims/soldiers attacked), ``perpetrator`` (attackers killed),
    ``total`` (everyone) or ``unknown``. ``qualifier`` keeps "at least"/"more than"/"about".
    """

    count: int
    by: str
    report_id: str
    side: str = "total"
    qualifier: str = ""
    credible: bool = True
    revised: bool = False
    date: str | None = None
    evidence: Evidence | None = None
    speaker_kind: str = ""  # official (government, army, UN...), perpetrator (a claim), other
    vague: bool = False  # "several", "dozens": ACLED's conventional numbers
    statement: str = ""  # figures of one statement (one sentence of one report) add up
    part: int = 0  # the sentence of a statement told over several (a communiqué's toll lines)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"count": self.count, "by": self.by, "report_id": self.report_id,
                               "side": self.side}
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.revised:
            out["revised"] = True
        if self.speaker_kind:
            out["speaker_kind"] = self.speaker_kind
        if self.vague:
            out["vague"] = True
        if not self.credible:
            out["credible"] = False
        if self.date:
            out["date"] = self.date
        if self.evidence:
            out["text"] = self.evidence.text
        return out


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement about responsibility or truth: a claim, a confirmation or a denial."""

    kind: str  # "claim", "confirm", "deny"
    by: str  # dictionary name for claims, the speaker's words otherwise
    report_id: str
    date: str | None = None
    channel: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """What one report says about one event.

    Built by ``extract`` from text; ``actors`` and ``geo`` fill in the resolved fields.
    """

    id: str
    report_id: str
    language: str
    trigger: str
    cue: str  # event cue: ambush, attack, clash, kill, abduct, explosion, airstrike, shelling, ...
    published: str | None = None
    event_date: str | None = None
    time_precision: int = 1
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors1: tuple[ActorRef, ...] = ()
    assoc_actors2: tuple[ActorRef, ...] = ()
    place_phrase: PlacePhrase | None = None
    place: Place | None = None
    country_hint: str | None = None
    fatalities: tuple[FatalityFigure, ...] = ()
    hostages: int | None = None
    claims: tuple[Claim, ...] = ()
    target_kind: str = ""  # civilians, military, police, militia, property, ...
    outlet: str | None = None
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    quality_flags: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # ACLED tags the text gives ("crowd size=thousands")


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (SCHEMA.md), built from one or more mentions."""

    event_id_cnty: str = ""
    event_date: str = ""
    year: int = 0
    time_precision: int = 1
    disorder_type: str = "Political violence"
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""
    iso: int = 0
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int = 0
    fatalities_low: int = 0
    fatalities_high: int = 0
    fatality_reports: tuple[FatalityFigure, ...] = ()
    hostages: int | None = None
    claimed_by: str | None = None
    claim_date: str | None = None
    claim_channel: str | None = None
    status: str = "reported"
    confirmed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    report_ids: tuple[str, ...] = ()
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    confidence: float = 0.5
    language: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = ()
    quality_flags: tuple[str, ...] = ()
    coder_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md record as plain JSON-ready values."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "fatality_reports":
                value = [f.to_dict() for f in value]
            elif name == "evidence":
                value = {k: [e.to_dict() for e in v] for k, v in value.items()}
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out
