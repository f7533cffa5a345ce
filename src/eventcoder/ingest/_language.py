"""Language of a report (English or French) with py3langid, restricted to the languages we code."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["SUPPORTED_LANGUAGES", "detect_language"]

SUPPORTED_LANGUAGES = ("en", "fr")


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED_LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """``"en"`` or ``"fr"``: the more likely of the two for ``text`` (its first 2,000 characters)."""
    language, _ = _identifier().classify(text[:2000])
    return str(language)
