"""eventcoder.actors: the actor dictionary and the stage that resolves mentions' actors to it.

``ActorDictionary.load()`` reads the packaged dictionary (data/actors.yaml): ACLED actor names with
English/French/Arabic aliases, state forces by regime period and generic per-country actors.
``resolve_actors(mentions)`` fills each mention's actors with names, inter codes and entry ids.
"""

from eventcoder.actors._dictionary import ActorDictionary
from eventcoder.actors._entries import ActorEntry
from eventcoder.actors._generic import GenericVocabulary, generic_kind
from eventcoder.actors._resolve import inter_for, interaction, resolve_actors

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "GenericVocabulary",
    "generic_kind",
    "inter_for",
    "interaction",
    "resolve_actors",
]
