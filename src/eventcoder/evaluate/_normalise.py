"""Name keys for comparing admin1 units, actors and other coded strings (EVALUATION.md "Figures")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable

__all__ = [
    "ADMIN1_EQUIVALENTS",
    "ActorKey",
    "admin1_key",
    "default_actor_key",
    "fold",
    "make_actor_key",
    "text_key",
]

ActorKey = Callable[[str], Hashable | None]
"""Maps an actor name to its dictionary entry (anything hashable), or ``None`` when it does not know it."""

# Keys (after ``_admin1_fold``) of names that mean the same first-level unit. Keep it small: spelling variants
# that accent/case/hyphen folding does not catch, and the English/French names of the corpus's regions.
ADMIN1_EQUIVALENTS: dict[str, str] = {
    "tombouctou": "timbuktu",
    "tomboctou": "timbuktu",
    "tillabery": "tillaberi",
    "tillabari": "tillaberi",
    "districtdebamako": "bamako",
    "bamakodistrict": "bamako",
    "bamakocapitaldistrict": "bamako",
    "bornostate": "borno",
    "lake": "lac",
    "lakechad": "lac",
    "north": "nord",
    "east": "est",
    "centrenorth": "centrenord",
    "centernorth": "centrenord",
    "centreeast": "centreest",
    "centereast": "centreest",
    "highbasins": "hautsbassins",
    "hautbassins": "hautsbassins",
    "mouhounbend": "boucledumouhoun",
}

_REGION_WORDS = frozenset({"region", "regions"})
_LEADING_PARTICLES = frozenset({"de", "du", "des", "la", "le", "l", "d", "of", "the"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_'’.,/]+")


def fold(text: str | None) -> str:
    """Lower case, accents removed, whitespace collapsed: ``" Ségou  Region"`` -> ``"segou region"``."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _admin1_fold(name: str | None) -> str:
    """The admin1 name as words without accents, case, separators, the word "region" or a leading "de"."""
    words = [w for w in _SEPARATORS.split(fold(name)) if w and w not in _REGION_WORDS]
    while len(words) > 1 and words[0] in _LEADING_PARTICLES:
        words = words[1:]
    return "".join(words)


def admin1_key(name: str | None) -> str:
    """Comparison key of an admin1 name (EVALUATION.md: admin1 accuracy).

    Ignores accents, case, hyphens, spaces and the word "Region"/"Région" (with a following "de"/"du"/"of"),
    then maps known equivalents (``ADMIN1_EQUIVALENTS``): ``"Région de Tombouctou"``, ``"Timbuktu"`` and
    ``"timbuktu region"`` share the key ``"timbuktu"``; ``"Ségou Region"`` and ``"segou"`` share ``"segou"``.
    Empty or ``None`` gives ``""``.
    """
    key = _admin1_fold(name)
    return ADMIN1_EQUIVALENTS.get(key, key)


def text_key(value: object) -> str:
    """Key of a coded string (event type, status): case and whitespace folded; ``None`` is ``""``."""
    if value is None:
        return ""
    return " ".join(str(value).casefold().split())


def default_actor_key(name: str) -> Hashable:
    """Default actor key: the name with whitespace and case normalised (no dictionary)."""
    return text_key(unicodedata.normalize("NFC", name))


def make_actor_key(actor_key: ActorKey | None) -> Callable[[object], Hashable]:
    """Wrap a caller's ``actor_key`` so that empty names compare equal and unknown names fall back.

    The wrapped key maps ``None``/blank to ``None`` (so an empty actor2 equals an empty actor2), and a name the
    caller's key does not know (it returns ``None``) to ``("name", default_actor_key(name))``, so that two
    different unknown names never compare equal.
    """
    user_key = actor_key

    def key(name: object) -> Hashable:
        if name is None or not str(name).strip():
            return None
        text = str(name)
        if user_key is not None:
            entry = user_key(text)
            if entry is not None:
                return ("entry", entry)
        return ("name", default_actor_key(text))

    return key
