"""No word of any language in the code of ``extract/`` and ``geo/``: words, phrases and patterns of a language
live in ``data/lexicon/<lang>.yaml`` (issue 16).

A string literal is a *word literal* when one of its words (runs of two or more letters, lower-cased) is a word
of a language: a word the lexicon files use, or a common English or French word (``wordfreq`` Zipf frequency of
3 or more). Not counted: docstrings; messages (f-strings, and the arguments of exceptions, warnings, logging);
the code's own vocabulary, i.e. spaCy's tag, dependency and entity labels, Universal Dependencies features, the
lexicon's section names, the names the package gives its fields, attributes, parameters and keywords,
upper-case codes (GeoNames feature codes, ISO codes), SQL, file names and keys with digits or underscores.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

import eventcoder

PACKAGE = Path(eventcoder.__file__).parent
CHECKED = ("extract", "geo")
_RUN = re.compile(r"[^\W\d_]{2,}")
# regex escapes (\x00, \u024f, \b) and character classes ([A-Za-z]): structure, never words
_ESCAPES = re.compile(r"\\(?:[xuU][0-9a-fA-F]+|N\{[^}]*\}|[a-zA-Z])|\[[^\]]*\]")
_SQL = re.compile(r"\s*(?:CREATE|SELECT|INSERT|UPDATE|DELETE|WITH|PRAGMA|DROP|ALTER)\b")
_TOKEN = re.compile(r"\S*[.:/_0-9]\S*")  # a file name, a resource id, a key with a digit or underscore
_MESSAGE_CALLS = re.compile(r"(Error|Warning|Exception)$|^(warn|warning|info|debug|error|exception|critical|"
                            r"_warn|print|echo|secho|fail|skip)$")
_MESSAGE_KEYWORDS = {"desc", "help", "description", "message", "msg", "reason"}
# Universal Dependencies morphological features and values spaCy writes into token.morph
_UD_FEATURES = {"Tense", "Fut", "Past", "Pres", "Imp", "Number", "Plur", "Sing", "Person", "Gender", "Masc",
                "Fem", "Neut", "VerbForm", "Part", "Fin", "Inf", "Ger", "Mood", "Ind", "Sub", "Cnd", "Voice",
                "Pass", "Act", "PronType", "Prs", "Art", "Dem", "Definite", "Def", "Poss", "Yes", "Polarity",
                "Neg", "NumType", "Card", "Ord", "Degree", "Cmp", "Sup", "Pos", "Reflex", "Aspect", "Perf", "Prog"}


def _module_files() -> list[Path]:
    return sorted(p for part in CHECKED for p in (PACKAGE / part).rglob("*.py"))


def _lexicon_files() -> list[Path]:
    return sorted((PACKAGE / "data" / "lexicon").glob("*.yaml"))


@cache
def _lexicon_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(words the lexicon files use in their values, the files' section names)."""
    words: set[str] = set()
    keys: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                keys.update(r.lower() for r in _RUN.findall(str(key)))
                walk(sub)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.update(r.lower() for r in _RUN.findall(value))

    for path in _lexicon_files():
        walk(yaml.safe_load(path.read_text("utf-8")))
    return frozenset(words), frozenset(keys)


@cache
def _code_vocabulary() -> frozenset[str]:
    """The names the package itself defines (fields, attributes, parameters, keywords), spaCy's labels, UD
    features and the lexicon's section names: strings made of these are keys, not words of a language."""
    from spacy.glossary import GLOSSARY

    names: set[str] = {key.lower() for key in GLOSSARY} | {f.lower() for f in _UD_FEATURES}
    names |= _lexicon_vocabulary()[1]
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr.lower())
            elif isinstance(node, ast.arg) or (isinstance(node, ast.keyword) and node.arg):
                names.add(node.arg.lower())
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id.lower())  # dataclass fields
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name.lower())
    return frozenset(names)


@cache
def _is_word(run: str) -> bool:
    from wordfreq import zipf_frequency

    return run in _lexicon_vocabulary()[0] or max(zipf_frequency(run, "en"), zipf_frequency(run, "fr")) >= 3.0


def _skipped_constants(tree: ast.AST) -> set[int]:
    """ids of the constants that are docstrings or messages."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)):
            skipped.add(id(body[0].value))
        message = isinstance(node, ast.JoinedStr) or (  # messages, and the names __all__ exports
            isinstance(node, ast.keyword) and node.arg in _MESSAGE_KEYWORDS) or (
            isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            message = bool(_MESSAGE_CALLS.search(name))
        if message:
            skipped.update(id(sub) for sub in ast.walk(node) if isinstance(sub, ast.Constant))
    return skipped


def word_literals(path: Path) -> list[str]:
    """``line: 'literal' (words)`` for every word literal of the module at ``path``."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = _skipped_constants(tree)
    code = _code_vocabulary()
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skipped:
            continue
        text = node.value
        if text.isupper() or text.lower() in code or _SQL.match(text) or _TOKEN.fullmatch(text):
            continue
        words = sorted({r.lower() for r in _RUN.findall(_ESCAPES.sub(" ", text))} - code)
        words = [w for w in words if not (w.isupper() or w in code) and _is_word(w)]
        if words:
            found.append(f"{node.lineno}: {text[:60]!r} ({', '.join(words[:6])})")
    return found


# Modules not yet converted (issue 16); each conversion removes its line. New modules start clean.
PENDING: set[str] = set()


@pytest.mark.parametrize("path", _module_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_word_of_a_language_in_the_code(path: Path) -> None:
    relative = str(path.relative_to(PACKAGE))
    found = word_literals(path)
    if relative in PENDING:
        pytest.xfail(f"{relative}: {len(found)} word literals left to move into the lexicon")
    assert not found, f"{relative} holds words of a language; move them to data/lexicon/<lang>.yaml:\n" + \
        "\n".join(found)


def test_pending_modules_exist() -> None:
    """The pending list names real modules (a split or a rename must update it)."""
    modules = {str(p.relative_to(PACKAGE)) for p in _module_files()}
    assert modules >= PENDING, sorted(PENDING - modules)


def test_a_key_given_twice_is_a_config_error(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys silently; a lexicon section given twice would hide the first."""
    from eventcoder.errors import ConfigError
    from eventcoder.lexicon import read_lexicon

    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\ntriggers: {kill: [kill]}\ngroups: {}\ndates: {a: [x]}\ndates: {}\n", "utf-8")
    with pytest.raises(ConfigError, match="given twice: dates"):
        read_lexicon(path)
