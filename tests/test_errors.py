"""The error tree: unique codes, templates that format, one-line messages, exported names."""

from __future__ import annotations

import inspect
import string
from pathlib import Path

import pytest

import eventcoder
from eventcoder import errors

ROOT = Path(__file__).resolve().parents[1]

ERROR_CLASSES = [obj for _, obj in inspect.getmembers(errors, inspect.isclass)
                 if issubclass(obj, errors.EventcoderError)]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_error_class_is_exported():
    assert sorted(cls.__name__ for cls in ERROR_CLASSES) == sorted(errors.__all__)


def test_codes_are_unique_and_well_formed():
    codes = [cls.code for cls in ERROR_CLASSES]
    assert len(codes) == len(set(codes)), codes
    assert all(len(code) == 4 and code[0] == "E" and code[1:].isdigit() for code in codes)


def test_subclass_codes_sit_in_their_family():
    for cls in ERROR_CLASSES:
        family = cls.__mro__[1]
        if family is errors.EventcoderError or not issubclass(family, errors.EventcoderError):
            continue
        assert cls.code[:2] == family.code[:2], (cls.__name__, cls.code, family.code)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_message_is_one_coded_line(cls):
    context = {name: "x" for name in _fields(cls.template) if name != "detail"}
    err = cls("what went wrong", **context)
    assert str(err).startswith(f"[{cls.code}] ")
    assert "\n" not in str(err)
    assert isinstance(err, eventcoder.EventcoderError)


def test_message_carries_the_context():
    err = errors.InputTooLarge(source="big.txt", size=300_000_000, limit=50_000_000)
    assert str(err) == ("[E104] big.txt is 300000000 bytes, over the limit of 50000000; "
                        "split it or raise --max-bytes")
    assert errors.InvalidFilter("min above max", name="bbox", value="1,2,0,0").code == "E502"


def test_documented_codes_match_the_tree():
    documented = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for cls in ERROR_CLASSES:
        assert f"`{cls.code}`" in documented and cls.__name__ in documented, cls.__name__


def test_package_exports_resolve():
    for name in eventcoder.__all__:
        assert getattr(eventcoder, name) is not None, name


@pytest.mark.parametrize("cls", [c for c in ERROR_CLASSES if not c.__subclasses__()], ids=lambda c: c.__name__)
def test_every_leaf_error_is_raised_somewhere(cls):
    """A coded error no code raises is a documented promise nothing keeps: raise it, or retire it."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "eventcoder").rglob("*.py")
                        if p.name != "errors.py")
    assert f"{cls.__name__}(" in sources
