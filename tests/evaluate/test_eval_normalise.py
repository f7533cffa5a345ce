"""admin1 and actor keys."""

from __future__ import annotations

import pytest

from eventcoder.evaluate import admin1_key, default_actor_key
from eventcoder.evaluate._normalise import make_actor_key


@pytest.mark.parametrize(
    "a,b",
    [
        ("Tombouctou", "Timbuktu"),
        ("Région de Tombouctou", "Timbuktu"),
        ("timbuktu region", "TIMBUKTU"),
        ("Ségou Region", "segou"),
        ("Région de Ségou", "Segou"),
        ("Tillabéri", "Tillaberi"),
        ("Tillabéry", "Tillaberi"),
        ("Centre-Nord", "centre nord"),
        ("Centre-Nord", "Centre North"),
        ("Boucle du Mouhoun", "Boucle-du-Mouhoun"),
        ("Région du Sahel", "Sahel"),
        ("Ménaka", "Menaka"),
        ("Borno State", "Borno"),
        ("District de Bamako", "Bamako"),
    ],
)
def test_admin1_equivalents(a: str, b: str) -> None:
    assert admin1_key(a) == admin1_key(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("Mopti", "Ségou"),
        ("Nord", "Centre-Nord"),
        ("Est", "Centre-Est"),
        ("Sahel", ""),
        ("Boucle du Mouhoun", "Mouhoun"),
    ],
)
def test_admin1_different(a: str, b: str) -> None:
    assert admin1_key(a) != admin1_key(b)


def test_admin1_key_values() -> None:
    assert admin1_key("Région de Tombouctou") == "timbuktu"
    assert admin1_key("Ségou Region") == "segou"
    assert admin1_key(None) == ""
    assert admin1_key("  ") == ""


def test_default_actor_key_folds_case_and_space() -> None:
    assert default_actor_key("  JNIM:  Group for Support ") == default_actor_key("jnim: group for support")
    assert default_actor_key("JNIM") != default_actor_key("ISGS")


def test_actor_key_empty_names_equal_and_unknown_names_stay_apart() -> None:
    entries = {"jnim": "JNIM", "gsim": "JNIM"}
    key = make_actor_key(lambda name: entries.get(name.casefold()))
    assert key(None) == key("") == key("  ")
    assert key("JNIM") == key("GSIM")
    assert key("Unknown A") != key("Unknown B")
    assert key("Unknown A") == key("unknown  a")
    assert key("JNIM") != key(None)
