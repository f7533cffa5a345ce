"""match_score's rules: countries are not points, claims come after events, vague codings."""

from __future__ import annotations

from dataclasses import replace

from store_helpers import PLACES, make_mention

from eventcoder.fuse import code_event, match_score, match_verdict
from eventcoder.fuse._match import (
    ADMIN_ACCOUNT,
    CLAIM_LAG_DAYS,
    DATE_OF_STATEMENT,
    claim_lag,
    corroborates,
    has_point,
    is_vague,
)
from eventcoder.records import Event, Place

MALI = Place("Mali", 17.0, -4.0, 3, "Mali", "MLI", 466, "Western Africa")  # a country's representative point
JNIM_CLAIM = (("claim", "Jama'at Nasr al-Islam wal Muslimin"),)


def _event(**kw: object) -> Event:
    return code_event([make_mention("r", **kw)], timestamp=0)  # type: ignore[arg-type]


def test_a_country_is_not_a_point() -> None:
    assert has_point(_event(place="Nara")) and has_point(_event(place="Koulikoro"))
    assert not has_point(_event(place=MALI)) and not has_point(_event(place=None))


def test_a_country_only_place_matches_anywhere_in_the_country() -> None:
    # Nara is 400 km from Mali's representative point: the distance means nothing
    fit = match_score(_event(place=MALI), _event(place="Nara"))
    assert fit is not None and fit.km is None
    assert match_score(_event(place=MALI), _event(place="Djibo", actor2="BF army")) is None  # another country


def test_distance_and_date_windows() -> None:
    assert match_score(_event(place="Dilly"), _event(place="Nara")) is None  # 45 km, both precise
    assert match_score(_event(place="near Nara"), _event(place="Dilly")) is not None  # a place near Nara
    assert match_score(_event(date="2023-04-21"), _event(date="2023-04-18")) is None  # 3 days
    assert match_score(_event(date="2023-04-21", precision=2), _event(date="2023-04-16")) is not None


def test_rival_groups_are_never_one_event() -> None:
    assert match_score(_event(actor1="ISS"), _event(actor1="JNIM")) is None
    assert match_score(_event(actor1="gunmen ML"), _event(actor1="JNIM")) is not None
    assert match_score(_event(actor1="FAMa", actor2="JNIM"), _event(actor1="JNIM")) is not None  # army's side


def test_a_later_claim_attaches_to_the_event_it_claims() -> None:
    event = _event(date="2023-04-18", actor1="gunmen ML")
    claim = _event(date="2023-04-21", claims=JNIM_CLAIM)  # dated by the claim, three days later
    assert claim.claimed_by and claim_lag(claim, event) and claim_lag(event, claim)
    fit = match_score(claim, event)
    assert fit is not None and "a claim after the event" in fit.reasons
    assert match_score(event, claim) is not None
    too_late = _event(date=f"2023-04-{18 + CLAIM_LAG_DAYS + 1}", claims=JNIM_CLAIM)
    assert match_score(too_late, event) is None
    before = _event(date="2023-04-14", claims=JNIM_CLAIM)  # a claim does not come before the event
    assert match_score(before, event) is None
    both = replace(event, claimed_by="Jama'at Nasr al-Islam wal Muslimin")
    assert not claim_lag(claim, both)


def test_vague_and_corroborated() -> None:
    vague = _event(place=MALI, precision=3, date="2023-04-01")
    assert is_vague(vague) and not is_vague(_event(place=MALI)) and not is_vague(_event(precision=3))
    assert corroborates(vague, _event(place="Nara"))  # the same non-state group
    assert not corroborates(_event(place=MALI, actor1="FAMa"), _event(place="Nara", actor1="FAMa"))
    assert corroborates(_event(place="Nara", actor1="gunmen ML"), _event(place="Nara", actor1="gunmen ML"))
    assert not corroborates(_event(place=MALI, actor1="gunmen ML"), _event(place=MALI, actor1="gunmen ML"))
    assert PLACES["Nara"].location == "Nara"


def test_a_point_one_report_gives_at_admin_level_matches_within_its_admin2_that_day() -> None:
    from eventcoder.fuse import Cluster

    cluster = Cluster.of([make_mention("a", 0, place="Nara"), make_mention("b", 0, place="near Nara")])
    assert cluster.event.geo_precision == 1 and ADMIN_ACCOUNT in cluster.view.quality_flags
    assert ADMIN_ACCOUNT not in cluster.event.quality_flags  # matching reads it; the record does not say it
    dilly = _event(place="Dilly")  # 45 km from Nara, in the Nara district
    fit = match_score(dilly, cluster.view)
    assert fit is not None and "same admin2, a report gives it at admin level" in fit.reasons
    assert match_score(_event(place="Dilly", date="2023-04-19"), cluster.view) is None  # the next day
    alone = Cluster.of([make_mention("a", 0, place="Nara")])
    assert alone.view == alone.event and match_score(dilly, alone.view) is None
    far = Place("Kolokani", 13.57, -8.03, 1, "Mali", "MLI", 466, "Western Africa", "Koulikoro", "Kolokani")
    assert match_score(_event(place=far), cluster.view) is None  # another district


def test_one_name_resolved_to_two_places_is_one_place_that_day() -> None:
    homonym = Place("Nara", 14.476, -5.990, 1, "Mali", "MLI", 466, "Western Africa", "Segou", "Niono")
    fit, failure = match_verdict(_event(place=homonym), _event(place="Nara"))
    assert fit is not None and fit.km is not None and fit.km > 150 and "same place name" in fit.reasons
    fit, failure = match_verdict(_event(place=homonym, date="2023-04-19"), _event(place="Nara"))
    assert fit is None and failure.startswith("distance ")


def test_a_date_said_of_a_statement_lags_like_a_claim() -> None:
    event = _event(date="2023-04-18", actor1="gunmen ML")
    said = replace(_event(date="2023-04-22", actor1="gunmen ML"), quality_flags=(DATE_OF_STATEMENT,))
    fit = match_score(said, event)
    assert fit is not None and "a statement after the event" in fit.reasons
    assert match_score(event, said) is not None
    before = replace(said, event_date="2023-04-14")
    assert match_score(before, event) is None  # a statement does not come before the event
    late = replace(said, event_date=f"2023-04-{18 + CLAIM_LAG_DAYS + 1}")
    assert match_score(late, event) is None
    plain = replace(said, quality_flags=())
    fit, failure = match_verdict(plain, event)
    assert fit is None and failure.startswith("date gap: 4 days > 2")


def test_the_verdict_says_which_component_failed() -> None:
    assert match_verdict(_event(actor1="ISS"), _event(actor1="JNIM"))[1].startswith("actors: ")
    assert match_verdict(_event(cue="protest"), _event())[1].startswith("type: ")
    assert match_verdict(_event(place="Djibo"), _event())[1].startswith("country: ")
    assert match_verdict(_event(place="Dilly"), _event())[1].startswith("distance 46.5 km > 30 km")
    fit, failure = match_verdict(_event(), _event())
    assert fit is not None and failure == "" and fit == match_score(_event(), _event())
