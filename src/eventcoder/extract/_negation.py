"""Negated attribution read from the parse: "no group has claimed", "l'armée n'a pas confirmé".

One mechanism instead of a phrase per wording: a claim word (``claim``, ``responsibility``, ``revendiquer``)
or a confirmation word (``confirm``, ``verify``, ``vérifier``) is negated when it, or the verb it depends on
("has not taken responsibility", "n'ont pas pu être vérifiés"), has a negator among its dependents, or when
its subject is a negator or is determined by one ("nobody", "no group", "aucun groupe"). The words come from
the lexicon (``claim_words``, ``confirm_words``, ``negators``). Where the small models mis-parse a clause
("n'a pour l'heure revendiqué"), a clause negator (``clause_negators``: "not", "never", "ne") a few words before
the word, within the same clause, counts too; a negator of a noun or adjective ("non coordonnés", "none of")
does not.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

__all__ = ["negated_word"]

_SUBJECTS = ("nsubj", "nsubjpass", "nsubj:pass", "expl:subj")
_UP_FROM = ("xcomp", "dobj", "obj", "ccomp", "acl", "pobj")
_WINDOW = 6
_CLAUSE_BREAKS = ("PUNCT", "SCONJ", "CCONJ")


def _is_negator(token: Token, negators: frozenset[str]) -> bool:
    return token.lower_ in negators or token.lemma_.lower() in negators


def _negated_at(token: Token, negators: frozenset[str]) -> bool:
    for child in token.children:
        if _is_negator(child, negators) and child.dep_ not in _SUBJECTS:
            return True
        if child.dep_ in _SUBJECTS and (_is_negator(child, negators)
                                        or any(_is_negator(c, negators) for c in child.children if c.dep_ == "det")):
            return True
    return False


def _candidates(token: Token) -> Iterable[Token]:
    """The word and the verbs above it through object or complement links (at most two steps)."""
    yield token
    current = token
    for _ in range(2):
        if current.dep_ not in _UP_FROM or current.head is current:
            return
        current = current.head
        yield current


def _negator_before(token: Token, sent: Span, negators: frozenset[str]) -> bool:
    """A clause negator among the ``_WINDOW`` words before ``token``, with no clause break between them."""
    for i in range(token.i - 1, max(sent.start, token.i - _WINDOW) - 1, -1):
        before = token.doc[i]
        if before.pos_ in _CLAUSE_BREAKS or before.dep_ == "mark":
            return False
        if _is_negator(before, negators):
            return True
    return False


def negated_word(sent: Span, words: frozenset[str], negators: frozenset[str],
                 clause_negators: frozenset[str] = frozenset()) -> bool:
    """Whether a token of ``sent`` whose lemma (or form) is in ``words`` is negated in the parse."""
    if not words or not negators:
        return False
    return any(
        (token.lemma_.lower() in words or token.lower_ in words)
        and (any(_negated_at(t, negators) for t in _candidates(token))
             or _negator_before(token, sent, clause_negators))
        for token in sent
    )
