"""Deduplication before the pipeline: canonical URLs, content hashes and near-duplicate texts.

- :func:`canonical_url`: one spelling per page (scheme and host lower-cased, default port, fragment,
  tracking parameters and trailing slash dropped, remaining parameters sorted).
- :func:`text_hash`: SHA-256 of the text with case, punctuation and white space folded, so the same story
  re-encoded or re-wrapped is one text.
- :class:`NearDuplicateIndex`: MinHash signatures of word 5-shingles with LSH banding (no third-party
  library). A new text is a near-duplicate of a kept one when nearly all of its shingles are in the kept
  text (estimated containment) **and** it gives no figure the kept one lacks (:func:`figures`): the same wire
  story republished by ten outlets is one text, but a republication with a revised toll ("12 killed" -> "15
  killed") or an added paragraph (a claim) is a new text and goes through the pipeline. Texts published more
  than ``PUBLISHED_WINDOW_DAYS`` apart are never repeats of each other (a templated "gunmen killed four
  civilians in Djibo on Monday" may be a new attack weeks later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

__all__ = [
    "NUM_PERM",
    "Fingerprint",
    "NearDuplicateIndex",
    "canonical_url",
    "containment",
    "figures",
    "fingerprint",
    "normalise_text",
    "novel_words",
    "signature",
    "similarity",
    "text_hash",
]

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid",
    "s_cid", "cmpid", "ocid", "ncid", "ref", "ref_src", "ref_url", "referrer", "xtor", "spm", "at_medium",
    "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "ito", "icid", "src", "share",
    "from", "cmp", "guccounter", "guce_referrer", "guce_referrer_sig", "amp",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "__twitter", "_branch")
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """One spelling of a page's URL; ``None`` for no URL or one that is not http(s).

    >>> canonical_url("HTTPS://www.Example.org:443/news/mali-attack/?utm_source=rss&id=7&fbclid=x#top")
    'https://www.example.org/news/mali-attack?id=7'
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Lower-cased words of ``text`` (accents kept, punctuation and white space folded to one space)."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(_WORD.findall(text))


def text_hash(text: str) -> str:
    """SHA-256 (hex) of :func:`normalise_text`."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


_NUMBER_WORDS = {
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
    "hundreds": 200,
    # French
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "centaine": 100, "dizaine": 10,
    "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "cinquantaine": 50, "centaines": 200,
    "dizaines": 20,
}
_DATE_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "yesterday",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "mars", "avril",
    "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "hier",
})
_NUMERIC = re.compile(r"^\d+(?:[.,]\d+)?$")
PUBLISHED_WINDOW_DAYS = 3  # republications of one story appear within days of each other


def figures(text: str) -> str:
    """The figures a text gives (digits, number words, weekday and month names; EN/FR), sorted, de-duplicated.

    A text that gives a figure (a toll, a day) another lacks is never a near-duplicate of it.
    """
    found: set[str] = set()
    for word in normalise_text(text).split():
        if _NUMERIC.match(word):
            found.add(word.replace(",", "."))
        elif word in _NUMBER_WORDS:
            found.add(str(_NUMBER_WORDS[word]))
        elif word in _DATE_WORDS:
            found.add(word)
    return " ".join(sorted(found, key=lambda w: (len(w), w)))


NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
_rng = np.random.default_rng(20260527)
_A = _rng.integers(0, np.iinfo(np.uint64).max, size=NUM_PERM, dtype=np.uint64, endpoint=True) | np.uint64(1)
_B = _rng.integers(0, np.iinfo(np.uint64).max, size=NUM_PERM, dtype=np.uint64, endpoint=True)


def _shingles(words: list[str]) -> set[bytes]:
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature (``NUM_PERM`` 32-bit values) of the text's word 5-shingles."""
    return _minhash(_shingles(normalise_text(text).split()))


def _minhash(shingles: set[bytes]) -> list[int]:
    if not shingles:
        return [0] * NUM_PERM
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(s, digest_size=4).digest(), "little") for s in shingles),
                         dtype=np.uint64, count=len(shingles))
    # multiply-shift hashing: the top 32 bits of (a * x + b) mod 2^64, a odd; one (a, b) per permutation
    with np.errstate(over="ignore"):
        values = (hashes[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return [int(v) for v in values.min(axis=0)]


def similarity(a: Iterable[int], b: Iterable[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    pairs = list(zip(a, b, strict=True))
    return sum(1 for x, y in pairs if x == y) / len(pairs) if pairs else 0.0


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection keeps of a text: its MinHash signature, shingle count and figures."""

    signature: tuple[int, ...]
    shingles: int
    figures: str
    published: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"sig": list(self.signature), "n": self.shingles, "fig": self.figures, "pub": self.published}

    @classmethod
    def from_json(cls, data: object) -> Fingerprint | None:
        if not isinstance(data, dict) or not isinstance(data.get("sig"), list):
            return None
        return cls(tuple(int(v) for v in data["sig"]), int(data.get("n") or 0), str(data.get("fig") or ""),
                   data.get("pub") or None)


def fingerprint(text: str, published: str | None = None) -> Fingerprint:
    """The :class:`Fingerprint` of a text (``published``: its publication date, ``YYYY-MM-DD``)."""
    shingles = _shingles(normalise_text(text).split())
    return Fingerprint(tuple(_minhash(shingles)), len(shingles), figures(text), published)


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def containment(new: Fingerprint, kept: Fingerprint) -> float:
    """Estimated share of ``new``'s shingles that ``kept`` holds too (from the Jaccard estimate and sizes)."""
    jaccard = similarity(new.signature, kept.signature)
    if not new.shingles or not kept.shingles:
        return jaccard
    common = jaccard * (new.shingles + kept.shingles) / (1 + jaccard)
    return min(1.0, common / new.shingles)


def novel_words(new_text: str, kept_text: str) -> int:
    """How many words of ``new_text`` are in no word 5-shingle of ``kept_text``: what the new text adds.

    An outlet's header and footer add a few words; a new paragraph (a claim, a revised toll) adds a sentence.
    """
    new_words = normalise_text(new_text).split()
    kept_words = normalise_text(kept_text).split()
    if len(new_words) < SHINGLE:
        return 0 if " ".join(new_words) in " ".join(kept_words) else len(new_words)
    kept = {tuple(kept_words[i:i + SHINGLE]) for i in range(len(kept_words) - SHINGLE + 1)}
    covered = [False] * len(new_words)
    for i in range(len(new_words) - SHINGLE + 1):
        if tuple(new_words[i:i + SHINGLE]) in kept:
            covered[i:i + SHINGLE] = [True] * SHINGLE
    return covered.count(False)


class NearDuplicateIndex:
    """LSH index of MinHash signatures: which kept text a new one repeats.

    A new text is a near-duplicate of a kept one when at least ``threshold`` of its shingles are in the kept
    text (estimated containment, so an outlet's header and footer do not matter but an added paragraph, such
    as a claim, does), it gives no figure the kept text does not give, and the two were published within
    ``PUBLISHED_WINDOW_DAYS`` of each other. Signatures are kept as 32-bit arrays (about 300 bytes a text);
    :meth:`prune` forgets texts kept before a time.

    Args:
        threshold: the share of the new text's word 5-shingles that must be in the kept text.
    """

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._entries: dict[int, tuple[array[int], int, str, str | None, float]] = {}
        self._buckets: dict[tuple[int, int], list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _bands(sig: Sequence[int]) -> list[tuple[int, int]]:
        return [(band, hash(tuple(sig[band * ROWS:(band + 1) * ROWS]))) for band in range(BANDS)]

    def add(self, item_id: int, fp: Fingerprint, *, kept_at: float = 0.0) -> None:
        """Index a kept text (``kept_at``: when, for :meth:`prune`)."""
        if len(fp.signature) != NUM_PERM or not fp.shingles or item_id in self._entries:
            return
        self._entries[item_id] = (array("I", fp.signature), fp.shingles, fp.figures, fp.published, kept_at)
        for key in self._bands(fp.signature):
            self._buckets[key].append(item_id)

    def prune(self, before: float) -> int:
        """Forget the texts kept before ``before``; returns how many."""
        old = {i for i, entry in self._entries.items() if entry[4] < before}
        if not old:
            return 0
        for item_id in old:
            del self._entries[item_id]
        for key in list(self._buckets):
            kept = [i for i in self._buckets[key] if i not in old]
            if kept:
                self._buckets[key] = kept
            else:
                del self._buckets[key]
        return len(old)

    def find(self, fp: Fingerprint) -> tuple[int, float] | None:
        """``(item id, containment)`` of the kept text that ``fp`` repeats best, else ``None``."""
        found = self.candidates(fp)
        return found[0] if found else None

    def candidates(self, fp: Fingerprint) -> list[tuple[int, float]]:
        """``(item id, containment)`` of every kept text ``fp`` may repeat (best first), to verify exactly
        with :func:`novel_words`."""
        if len(fp.signature) != NUM_PERM or not fp.shingles:
            return []
        mine = set(fp.figures.split())
        found: list[tuple[int, float]] = []
        seen: set[int] = set()
        for key in self._bands(fp.signature):
            for item_id in self._buckets.get(key, ()):
                if item_id in seen:
                    continue
                seen.add(item_id)
                sig, shingles, figures_, published, _ = self._entries[item_id]
                if not mine <= set(figures_.split()) or _days_apart(fp.published, published) > PUBLISHED_WINDOW_DAYS:
                    continue
                score = containment(fp, Fingerprint(tuple(sig), shingles, figures_, published))
                if score >= self.threshold:
                    found.append((item_id, score))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))
