"""Hand-built reports and mentions for the API tests: deterministic, no spaCy, real fusion and store.

Each ``Incident`` becomes one report whose text is written from the incident, and one ``Mention`` with
evidence offsets into that text, as ``extract`` + ``geo`` + ``actors`` would give.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.records import ActorRef, Claim, Evidence, FatalityFigure, Mention, Place, Report

__all__ = ["INCIDENTS", "PLACES", "Incident", "build"]

# location -> (country, iso3, iso, admin1, admin2, lat, lon)
PLACES = {
    "Tillaberi": ("Niger", "NER", 562, "Tillaberi", "Tillaberi", 14.2116, 1.4531),
    "Ayorou": ("Niger", "NER", 562, "Tillaberi", "Ayerou", 14.7308, 0.9174),
    "Diffa": ("Niger", "NER", 562, "Diffa", "Diffa", 13.3154, 12.6113),
    "Mopti": ("Mali", "MLI", 466, "Mopti", "Mopti", 14.4843, -4.1827),
    "Menaka": ("Mali", "MLI", 466, "Menaka", "Menaka", 15.9182, 2.4022),
    "Kidal": ("Mali", "MLI", 466, "Kidal", "Kidal", 18.4411, 1.4078),
    "Djibo": ("Burkina Faso", "BFA", 854, "Sahel", "Soum", 14.1022, -1.6306),
    "Dori": ("Burkina Faso", "BFA", 854, "Sahel", "Seno", 14.0354, -0.0345),
    "Fada N'Gourma": ("Burkina Faso", "BFA", 854, "Est", "Gourma", 12.0616, 0.3584),
}

# actor key -> (canonical name, inter, how the text names it)
ACTORS = {
    "jnim": ("JNIM: Group for Support of Islam and Muslims", 2, "JNIM fighters"),
    "is_sahel": ("Islamic State Sahel Province", 2, "Islamic State fighters"),
    "mali_army": ("Military Forces of Mali (2021-)", 1, "Malian soldiers"),
    "niger_army": ("Military Forces of Niger (2023-)", 1, "Nigerien soldiers"),
    "bf_army": ("Military Forces of Burkina Faso (2022-)", 1, "Burkinabe soldiers"),
    "civ_niger": ("Civilians (Niger)", 7, "villagers"),
    "civ_mali": ("Civilians (Mali)", 7, "civilians"),
    "civ_bf": ("Civilians (Burkina Faso)", 7, "residents"),
    "gunmen_bf": ("Unidentified Armed Group (Burkina Faso)", 3, "gunmen"),
}


@dataclass(frozen=True)
class Incident:
    key: str
    date: str
    published: str
    location: str
    cue: str
    actor1: str
    actor2: str | None
    killed: tuple[tuple[int, str], ...] = ()
    claims: tuple[tuple[str, str, str | None, str | None], ...] = ()  # (kind, by, date, channel)
    outlet: str = "Example Wire"
    language: str = "en"
    hostages: int | None = None
    target_kind: str = ""
    point: tuple[float, float] | None = None  # (lat, lon) instead of the place's own, e.g. a nearby village


INCIDENTS = (
    Incident("tillaberi-ambush", "2024-03-10", "2024-03-12", "Tillaberi", "ambush", "is_sahel", "niger_army",
             killed=((23, "Niger's defence ministry"), (30, "local sources")),
             claims=(("claim", "Islamic State Sahel Province", "2024-03-14", "Amaq"),
                     ("confirm", "Niger's defence ministry", "2024-03-12", None)),
             target_kind="military"),
    Incident("ayorou-attack", "2024-03-20", "2024-03-21", "Ayorou", "attack", "is_sahel", "civ_niger",
             killed=((12, "a local official"),), target_kind="civilians", outlet="Radio Sahel"),
    Incident("diffa-clash", "2024-04-02", "2024-04-03", "Diffa", "clash", "niger_army", "is_sahel",
             killed=((5, "the army"),), claims=(("confirm", "the army", "2024-04-03", None),)),
    Incident("mopti-attack", "2024-03-11", "2024-03-13", "Mopti", "attack", "jnim", "civ_mali",
             killed=((8, "a resident"),), claims=(("claim", "JNIM: Group for Support of Islam and Muslims",
                                                    "2024-03-13", "Az-Zallaqa"),),
             target_kind="civilians", outlet="Malian daily", language="fr"),
    Incident("menaka-clash", "2024-05-06", "2024-05-07", "Menaka", "clash", "mali_army", "is_sahel",
             killed=((40, "the Malian army"),), claims=(("deny", "the Malian government", "2024-05-08",
                                                         None),)),
    Incident("kidal-airstrike", "2024-05-20", "2024-05-21", "Kidal", "airstrike", "mali_army", None,
             killed=((0, "the army"),), outlet="Regional radio"),
    Incident("djibo-abduction", "2024-04-15", "2024-04-16", "Djibo", "abduct", "jnim", "civ_bf",
             hostages=11, target_kind="civilians"),
    Incident("dori-ied", "2024-06-03", "2024-06-04", "Dori", "ied", "jnim", "bf_army",
             killed=((6, "security sources"),), target_kind="military", outlet="Burkina press"),
    Incident("fada-attack", "2024-06-20", "2024-06-22", "Fada N'Gourma", "attack", "gunmen_bf", "civ_bf",
             killed=((3, "a local official"),), target_kind="civilians"),
)


def _span(text: str, needle: str, report_id: str) -> Evidence:
    start = text.index(needle)
    return Evidence(report_id, start, start + len(needle), needle)


def _text(incident: Incident) -> str:
    a1 = ACTORS[incident.actor1][2]
    a2 = ACTORS[incident.actor2][2] if incident.actor2 else "positions"
    verb = {"ambush": "ambushed", "attack": "attacked", "clash": "clashed with", "airstrike": "struck",
            "abduct": "abducted", "ied": "hit an explosive device targeting"}[incident.cue]
    sentences = [f"{a1.capitalize()} {verb} {a2} near {incident.location} on {incident.date}."]
    for count, by in incident.killed:
        sentences.append(f"{count} people were killed, {by} said.")
    if incident.hostages:
        sentences.append(f"{incident.hostages} people were taken hostage.")
    for kind, by, _date, channel in incident.claims:
        word = {"claim": "claimed responsibility", "confirm": "confirmed the attack",
                "deny": "denied any involvement"}[kind]
        sentences.append(f"{by} {word}" + (f" in a statement relayed by {channel}." if channel else "."))
    return " ".join(sentences)


def build(incident: Incident) -> tuple[Report, list[Mention]]:
    """The report and its one mention, with evidence offsets into the report's text."""
    report_id = f"rep-{incident.key}"
    text = _text(incident)
    country, iso3, iso, admin1, admin2, lat, lon = PLACES[incident.location]
    if incident.point:
        lat, lon = incident.point
    report = Report(id=report_id, text=text, published=incident.published, url=f"https://example.org/{incident.key}",
                    outlet=incident.outlet, language=incident.language, title=f"{incident.cue} near {incident.location}")
    name1, inter1, text1 = ACTORS[incident.actor1]
    actor1 = ActorRef(text=text1, role="actor1", name=name1, inter=inter1, entry_id=incident.actor1,
                      evidence=_span(text, text1.capitalize(), report_id))
    actor2 = None
    if incident.actor2:
        name2, inter2, text2 = ACTORS[incident.actor2]
        actor2 = ActorRef(text=text2, role="actor2", name=name2, inter=inter2, entry_id=incident.actor2,
                          evidence=_span(text, text2, report_id))
    place_ev = _span(text, incident.location, report_id)
    date_ev = _span(text, incident.date, report_id)
    place = Place(location=incident.location, latitude=lat, longitude=lon, geo_precision=1, country=country,
                  iso3=iso3, iso=iso, region="Western Africa", admin1=admin1, admin2=admin2, evidence=place_ev)
    figures = tuple(FatalityFigure(count=c, by=by, report_id=report_id, side="people",
                                   evidence=_span(text, f"{c} people were killed, {by} said", report_id))
                    for c, by in incident.killed)
    claims = tuple(Claim(kind=k, by=by, report_id=report_id, date=d, channel=ch,
                         evidence=_span(text, by + " " + {"claim": "claimed", "confirm": "confirmed",
                                                          "deny": "denied"}[k], report_id))
                   for k, by, d, ch in incident.claims)
    evidence: dict[str, tuple[Evidence, ...]] = {
        "event_type": (_span(text, text.split(" near ")[0].split(" ", 2)[-1], report_id),),
        "actor1": (actor1.evidence,) if actor1.evidence else (),
        "location": (place_ev,),
        "event_date": (date_ev,),
    }
    if actor2 and actor2.evidence:
        evidence["actor2"] = (actor2.evidence,)
    if figures:
        evidence["fatalities"] = tuple(f.evidence for f in figures if f.evidence)
    if claims:
        evidence["claimed_by"] = tuple(c.evidence for c in claims if c.evidence)
    mention = Mention(id=f"{report_id}#0", report_id=report_id, language=incident.language, trigger=incident.cue,
                      cue=incident.cue, published=incident.published, event_date=incident.date,
                      actor1=actor1, actor2=actor2, place=place, country_hint=country, fatalities=figures,
                      hostages=incident.hostages, claims=claims, target_kind=incident.target_kind,
                      outlet=incident.outlet, evidence=evidence)
    return report, [mention]


def synthetic_incidents(count: int, seed: int = 7) -> list[Incident]:
    """``count`` more incidents spread over 2024 and the places above (deterministic), for a fuller map."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    by_country = {"Niger": ("is_sahel", "niger_army", "civ_niger"), "Mali": ("jnim", "mali_army", "civ_mali"),
                  "Burkina Faso": ("jnim", "bf_army", "civ_bf")}
    out = []
    for number in range(count):
        location = rng.choice(sorted(PLACES))
        group, army, civilians = by_country[PLACES[location][0]]
        cue = rng.choice(["attack", "ambush", "clash", "ied", "airstrike", "abduct"])
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 270))
        if cue == "attack":
            actor1, actor2, target = group, civilians, "civilians"
        elif cue == "airstrike":
            actor1, actor2, target = army, group, "militia"
        elif cue == "abduct":
            actor1, actor2, target = group, civilians, "civilians"
        else:
            actor1, actor2, target = (group, army, "military") if rng.random() < 0.6 else (army, group, "militia")
        killed = () if cue == "abduct" else ((rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 35, 60]), "local sources"),)
        out.append(Incident(f"syn-{number:03d}", day.isoformat(), (day + dt.timedelta(days=1)).isoformat(), location,
                            cue, actor1, actor2, killed=killed, target_kind=target,
                            hostages=rng.randrange(2, 20) if cue == "abduct" else None,
                            point=(round(PLACES[location][5] + rng.uniform(-0.6, 0.6), 4),
                                   round(PLACES[location][6] + rng.uniform(-0.6, 0.6), 4)),
                            outlet=rng.choice(["Example Wire", "Radio Sahel", "Burkina press", "Malian daily"])))
    return out
