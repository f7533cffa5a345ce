"""Coding an event from several reports' mentions: the action and the target most reports tell."""

from __future__ import annotations

from store_helpers import make_mention

from eventcoder.fuse import code_event


def test_an_ambush_three_reports_tell_stays_an_ambush_when_one_tells_its_explosives() -> None:
    ambush = [make_mention(r, 0) for r in ("a", "b", "c")]
    ied = make_mention("d", 0, cue="ied")
    event = code_event([*ambush, ied], timestamp=0)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    # as many say explosives as say ambush: the remote means wins, as for one report
    tie = code_event([ambush[0], ied], timestamp=0)
    assert (tie.event_type, tie.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_civilians_as_the_target_vote_against_a_named_target() -> None:
    villagers = [make_mention(r, 0, cue="attack", actor2="civilians ML", target_kind="civilians") for r in "ab"]
    soldiers = make_mention("c", 0, cue="attack", actor2="FAMa", target_kind="military")
    assert code_event([*villagers, soldiers], timestamp=0).actor2 == "Civilians (Mali)"
    # actor1: a named group still outranks "gunmen"
    named = make_mention("d", 0, actor1="JNIM")
    assert code_event([make_mention("e", 0, actor1="gunmen ML"), make_mention("f", 0, actor1="gunmen ML"), named],
                      timestamp=0).actor1 == "Jama'at Nasr al-Islam wal Muslimin"
