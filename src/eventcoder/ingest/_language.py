"""Language of a report with py3langid, restricted to the languages that have a lexicon file."""

from __future__ import annotations

from functools import lru_cache

from eventcoder.errors import ConfigError
from eventcoder.lexicon import languages

__all__ = ["detect_language"]


@lru_cache(maxsize=4)
def _identifier(candidates: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """py3langid limited to ``candidates`` (those of them its model knows)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [language for language in candidates if language in identifier.nb_classes]
    if not known:
        raise ConfigError(f"py3langid knows none of the lexicon languages {', '.join(candidates)}")
    identifier.set_languages(known)
    return identifier


def detect_language(text: str) -> str:
    """The most likely language of ``text`` (its first 2,000 characters) among :func:`languages`."""
    language, _ = _identifier(languages()).classify(text[:2000])
    return str(language)
