"""eventcoder.extract: event mentions from a parsed report (language-neutral, per-language lexicons)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventcoder.extract._context import main_country
from eventcoder.extract._dates import find_dates, parse_published
from eventcoder.extract._events import draft_to_mention
from eventcoder.extract._frames import build_frame, build_frames, headline_frame
from eventcoder.extract._grouping import assemble_events, drop_old_events
from eventcoder.extract._layout import document_speaker
from eventcoder.extract._splits import share_claim_details, split_battle_and_civilians
from eventcoder.ingest import detect_language
from eventcoder.lexicon import Lexicon, lexicon_entries, load_lexicon, read_lexicon
from eventcoder.records import Mention, Report

__all__ = ["Lexicon", "extract_mentions", "find_dates", "lexicon_entries", "load_lexicon", "main_country",
           "read_lexicon"]


def extract_mentions(doc: Doc, report: Report, title_doc: Doc | None = None,
                     lexicon: Lexicon | None = None) -> list[Mention]:
    """One :class:`Mention` per event the report tells of, in text order.

    Args:
        doc: the report's text parsed by ``eventcoder.nlp`` in the report's language.
        report: the report (its ``published`` date resolves relative dates).
        title_doc: its headline parsed the same way, when the headline is not part of the text; it helps
            decide what the report is about and where, when the text only says so in the headline.
        lexicon: the language's lexicon to use instead of the packaged one (leave-one-fold-out scoring).
    """
    language = report.language or detect_language(report.text)
    lexicon = lexicon or load_lexicon(language)
    published = parse_published(report.published)
    frames = build_frames(doc, lexicon, published, speaker=document_speaker(report.text, lexicon))
    drafts = assemble_events(frames, published, lexicon)
    if title_doc is not None and len(title_doc):
        title = build_frame(-1, title_doc[:], 0, lexicon, published, ents=list(title_doc.ents))
    else:
        title = headline_frame(report.title, doc, lexicon, published)
    drafts = drop_old_events(drafts, published, title)
    if drafts and title is not None and title_doc is not None:
        drafts[0].headline = title
    country = main_country(report.title, report.text, lexicon)
    mentions = [draft_to_mention(d, i, report, language, frames, country, lexicon) for i, d in enumerate(drafts)]
    mentions = [part for mention in mentions for part in split_battle_and_civilians(mention)]
    return share_claim_details(mentions)
