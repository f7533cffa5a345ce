"""Polite, robust fetching of RSS/Atom feeds and linked pages (httpx), parsed with feedparser.

:class:`FeedPoller` takes an ``httpx.Client`` (tests may pass one with a ``MockTransport``) and:

- sends conditional GETs (``If-None-Match`` / ``If-Modified-Since``) and treats ``304`` as "nothing new";
- identifies itself (``User-Agent: eventcoder/<version> (+https://github.com/eventcoder)``);
- enforces an overall deadline per fetch (connect, headers and a body that trickles in slowly) and a size
  limit (a declared or actual body over ``max_bytes`` is refused without reading the rest);
- turns every failure (timeout, refused connection, HTTP error, malformed XML, a page that is not a feed)
  into one :class:`~eventcoder.errors.FeedUnavailable` ([E110]) that says what happened (an HTTP error keeps
  ``context["status"]`` and the server's ``context["retry_after"]`` in seconds). Feeds in a wrong or
  undeclared encoding are parsed with feedparser's fallbacks and a warning.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import hashlib
import html as html_lib
import re
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from eventcoder import __version__
from eventcoder.errors import FeedUnavailable
from eventcoder.lexicon import languages
from eventcoder.monitor._dedup import canonical_url, normalise_text

__all__ = ["USER_AGENT", "FeedItem", "FeedPoller", "FeedResult", "Fetched", "html_to_text", "make_client"]

USER_AGENT = f"eventcoder/{__version__} (+https://github.com/eventcoder)"
FULL_TEXT_CHARS = 600  # an item's content at least this long (and not cut off) is the full text
FULL_SUMMARY_CHARS = 1500  # a summary this long (and not cut off) is taken as the full text
BENIGN_PROBLEMS = ("CharacterEncodingOverride", "CharacterEncodingUnknown", "NonXMLContentType")


def make_client(*, timeout: float = 20.0) -> httpx.Client:
    """The monitor's HTTP client: our user agent, redirects followed, a connection pool shared by threads."""
    return httpx.Client(headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                        follow_redirects=True, timeout=httpx.Timeout(timeout),
                        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16))


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response body, read within the limits."""

    status: int
    url: str
    body: bytes
    headers: dict[str, str]
    elapsed: float


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed entry, as the monitor keeps it until the pipeline reads it.

    ``key`` is the entry's identity in its feed (guid, else link, else a hash of its title and summary);
    ``revision`` changes when its title or text changes (a corrected story is read again). ``text`` is the
    full text when the entry holds it; otherwise ``needs_page`` is set and ``summary`` is the fallback.
    """

    key: str
    revision: str
    url: str | None
    canonical_url: str | None
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    text: str
    summary: str
    needs_page: bool

    def payload(self) -> dict[str, Any]:
        return {"kind": "feed", "url": self.url, "title": self.title, "published": self.published,
                "outlet": self.outlet, "language": self.language, "text": self.text, "summary": self.summary,
                "needs_page": self.needs_page}


@dataclass(slots=True)
class FeedResult:
    """The outcome of one successful poll (``not_modified``: a 304, no items)."""

    items: list[FeedItem] = field(default_factory=list)
    not_modified: bool = False
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    warnings: list[str] = field(default_factory=list)
    status: int = 200
    elapsed: float = 0.0
    size: int = 0


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article",
           "header", "footer", "pre", "ul", "ol", "table", "figure", "figcaption")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (an item's summary or content), paragraphs kept as blank lines."""
    if not fragment:
        return ""
    if "<" not in fragment:
        text = html_lib.unescape(fragment)
    else:
        import lxml.etree
        import lxml.html

        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return normalise_space(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)))
        for bad in list(root.iter("script", "style", "noscript")):
            bad.drop_tree()
        for element in root.iter(*_BLOCKS):
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = root.text_content()
    return normalise_space(text)


def normalise_space(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _language(value: Any) -> str | None:
    text = str(value or "").strip().lower()[:2]
    return text if text in languages() else None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when is not None else None


class FeedPoller:
    """Fetches feeds and pages with one shared ``httpx.Client``.

    Args:
        client: the HTTP client (default: :func:`make_client`); its ``User-Agent`` is set to
            :data:`USER_AGENT` when it has none of ours.

    Example:
        >>> poller = FeedPoller(httpx.Client())
        >>> result = poller.poll("https://example.org/rss", etag=None, last_modified=None)
        >>> [item.title for item in result.items]
    """

    def __init__(self, client: httpx.Client | None = None) -> None:
        self.client = client or make_client()
        if not self.client.headers.get("User-Agent", "").startswith("eventcoder/"):
            self.client.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------------ fetching

    def fetch(self, url: str, *, headers: dict[str, str] | None = None, timeout: float = 20.0,
              max_bytes: int = 10 * 1024 * 1024, source: str | None = None) -> Fetched:
        """GET ``url`` within ``timeout`` seconds overall and ``max_bytes``; 304 is returned, not raised.

        Raises:
            FeedUnavailable: [E110] timeout, connection error, an HTTP status >= 400, or a body too large.
        """
        where = source or url
        start = time.monotonic()
        deadline = start + timeout
        try:
            with self.client.stream("GET", url, headers=headers or {}, timeout=httpx.Timeout(timeout)) as response:
                declared = response.headers.get("content-length")
                if response.status_code == 304:
                    return Fetched(304, str(response.url), b"", dict(response.headers), time.monotonic() - start)
                if response.status_code >= 400:
                    raise FeedUnavailable(f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                                          source=where, status=response.status_code,
                                          retry_after=_retry_after(response.headers.get("retry-after")))
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FeedUnavailable(f"the server announces {int(declared):,} bytes, over the limit of "
                                          f"{max_bytes:,}: refused without reading it", source=where)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FeedUnavailable(f"the body is over the limit of {max_bytes:,} bytes: refused "
                                              "(raise max_bytes for this source if it is legitimate)",
                                              source=where)
                    if time.monotonic() > deadline:
                        raise FeedUnavailable(f"timed out after {timeout:g} s (the body came too slowly)",
                                              source=where)
                    chunks.append(chunk)
                return Fetched(response.status_code, str(response.url), b"".join(chunks), dict(response.headers),
                               time.monotonic() - start)
        except httpx.TimeoutException as exc:
            raise FeedUnavailable(f"timed out after {timeout:g} s ({type(exc).__name__})", source=where) from None
        except httpx.TooManyRedirects:
            raise FeedUnavailable("too many redirects", source=where) from None
        except httpx.DecodingError as exc:
            raise FeedUnavailable(f"the body could not be decoded ({exc})", source=where) from None
        except httpx.HTTPError as exc:
            detail = str(exc) or type(exc).__name__
            raise FeedUnavailable(f"{type(exc).__name__}: {detail}", source=where) from None

    def poll(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
             timeout: float = 20.0, max_bytes: int = 10 * 1024 * 1024, source: str | None = None,
             outlet: str | None = None, language: str | None = None, full_text: str = "auto") -> FeedResult:
        """Fetch a feed (conditionally) and parse its items.

        Raises:
            FeedUnavailable: [E110] the fetch failed or the body is not a usable RSS/Atom feed.
        """
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                             "text/xml;q=0.8, */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        fetched = self.fetch(url, headers=headers, timeout=timeout, max_bytes=max_bytes, source=source)
        lower = {k.lower(): v for k, v in fetched.headers.items()}
        result = FeedResult(etag=lower.get("etag") or etag, last_modified=lower.get("last-modified") or last_modified,
                            status=fetched.status, elapsed=fetched.elapsed, size=len(fetched.body))
        if fetched.status == 304:
            result.not_modified = True
            return result
        parse_feed(fetched.body, result, url=fetched.url, content_type=lower.get("content-type", ""),
                   source=source or url, outlet=outlet, language=language, full_text=full_text)
        return result

    def fetch_page(self, url: str, *, timeout: float = 20.0, max_bytes: int = 10 * 1024 * 1024) -> tuple[str, str]:
        """The HTML of a linked page (decoded) and its final URL.

        Raises:
            FeedUnavailable: [E110] the fetch failed, or the page is not HTML/text.
        """
        fetched = self.fetch(url, headers={"Accept": "text/html, application/xhtml+xml, */*;q=0.5"},
                             timeout=timeout, max_bytes=max_bytes)
        lower = {k.lower(): v for k, v in fetched.headers.items()}
        kind = lower.get("content-type", "text/html").lower()
        if not any(t in kind for t in ("html", "text", "xml")):
            raise FeedUnavailable(f"the page is {kind.split(';')[0]}, not HTML", source=url)
        match = re.search(r"charset=([\w.:-]+)", kind)
        encoding = match.group(1) if match else None
        from eventcoder.ingest import decode_bytes

        if encoding:
            try:
                return fetched.body.decode(encoding), fetched.url
            except (LookupError, UnicodeDecodeError):
                pass
        return decode_bytes(fetched.body, url), fetched.url


def parse_feed(body: bytes, result: FeedResult, *, url: str, content_type: str = "", source: str = "",
               outlet: str | None = None, language: str | None = None, full_text: str = "auto") -> FeedResult:
    """Fill ``result`` with the items of a feed document.

    Raises:
        FeedUnavailable: [E110] malformed XML with no usable entry, or a document that is not a feed.
    """
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    problem = parsed.get("bozo_exception")
    if not parsed.get("version") and not parsed.entries:
        head = body[:500].decode("utf-8", "replace").strip().lower()
        if "<html" in head or "<!doctype html" in head:
            raise FeedUnavailable("the document is an HTML page, not an RSS or Atom feed (is this the feed's URL?)",
                                  source=source)
        if problem is not None:
            raise FeedUnavailable(f"malformed XML: {_describe(problem)}", source=source)
        raise FeedUnavailable("the document is not an RSS or Atom feed", source=source)
    feed = parsed.get("feed", {})
    result.title = (feed.get("title") or "").strip() or None
    feed_language = language or _language(feed.get("language"))
    for entry in parsed.entries:
        item = _item(entry, url=url, outlet=outlet, feed_title=result.title, language=feed_language,
                     full_text=full_text)
        if item is not None:
            result.items.append(item)
    if problem is not None:
        benign = type(problem).__name__ in BENIGN_PROBLEMS
        if not benign and not result.items:
            raise FeedUnavailable(f"malformed XML, no usable item: {_describe(problem)}", source=source)
        what = "wrong or undeclared encoding" if benign else "malformed XML"
        result.warnings.append(f"{what} ({type(problem).__name__}: {_describe(problem)}); "
                               f"{len(result.items)} usable item(s) read")
    return result


_TRUNCATED = re.compile(r"(\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|read more|continue reading|lire la suite|"
                        r"la suite|en savoir plus)\W*$", re.IGNORECASE)


def _truncated(text: str) -> bool:
    """Does the text end as an excerpt does ("...", "[…]", "Read more", "Lire la suite")?"""
    return bool(_TRUNCATED.search(text.strip()[-40:]))


def _describe(problem: BaseException) -> str:
    text = str(problem).strip() or type(problem).__name__
    return text.splitlines()[0][:200]


def _item(entry: Any, *, url: str, outlet: str | None, feed_title: str | None, language: str | None,
          full_text: str) -> FeedItem | None:
    title = html_to_text(entry.get("title", "") or "") or None
    summary = html_to_text(entry.get("summary", "") or "")
    contents = [html_to_text(c.get("value", "") or "") for c in entry.get("content", []) or []]
    content = max(contents, key=len) if contents else ""
    link = entry.get("link") or None
    if not (title or summary or content or link):
        return None
    own = content if len(content) >= len(summary) else summary
    if content:
        has_full = not _truncated(content) and (len(content) >= len(summary) or len(content) >= FULL_TEXT_CHARS)
    else:
        has_full = len(summary) >= FULL_SUMMARY_CHARS and not _truncated(summary)
    if full_text == "never" or not link:
        needs_page = False
    elif full_text == "always":
        needs_page = True
    else:
        needs_page = not has_full
    text = own if (has_full or not needs_page) else ""
    key = (entry.get("id") or entry.get("guid") or link or "").strip()
    if not key:
        key = "sha:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()[:24]
    revision = hashlib.sha256(normalise_text(f"{title or ''}\n{own}").encode()).hexdigest()[:16]
    source_title = (entry.get("source") or {}).get("title") if isinstance(entry.get("source"), dict) else None
    return FeedItem(key=key[:2048], revision=revision, url=link, canonical_url=canonical_url(link), title=title,
                    published=_date(entry), outlet=outlet or source_title or feed_title,
                    language=_language(entry.get("language")) or language, text=text, summary=summary,
                    needs_page=needs_page)
