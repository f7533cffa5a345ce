"""Fetching and parsing against a local feed server: politeness, limits, and every way a feed breaks."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from feeds_data import AMBUSH, BANDIAGARA, DJIBO, TILLABERI, atom, rss
from servers import FeedServer

from eventcoder.errors import FeedUnavailable
from eventcoder.monitor._folder import FolderPoller
from eventcoder.monitor.feeds import USER_AGENT, FeedPoller, html_to_text, make_client

MB = 1024 * 1024


@pytest.fixture()
def poller() -> FeedPoller:
    client = make_client(timeout=2)
    yield FeedPoller(client)
    client.close()


def test_rss_items_and_user_agent(feeds: FeedServer, poller: FeedPoller) -> None:
    feeds.set("/wire.rss", rss([AMBUSH, DJIBO.variant(language="en")]))
    result = poller.poll(feeds.url("/wire.rss"), timeout=2)
    assert result.title == "Sahel Wire" and not result.not_modified and not result.warnings
    first = result.items[0]
    assert first.key == AMBUSH.guid
    assert first.canonical_url == "https://sahelwire.example/mali/ambush-diafarabe"  # utm_* dropped
    assert first.published == "2024-03-12" and first.outlet == "Sahel Wire" and first.language == "en"
    assert not first.needs_page and first.text.startswith("Gunmen killed twelve Malian soldiers")
    assert "\n\n" in first.text  # paragraphs kept
    request = feeds.requests("/wire.rss")[0]
    assert request["headers"]["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("eventcoder/") and "(+https://github.com/eventcoder)" in USER_AGENT


def test_conditional_get_etag_then_change(feeds: FeedServer, poller: FeedPoller) -> None:
    url = feeds.url("/wire.rss")
    feeds.set("/wire.rss", rss([AMBUSH]))
    first = poller.poll(url)
    assert first.etag and len(first.items) == 1
    again = poller.poll(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.items == [] and again.status == 304
    assert feeds.requests("/wire.rss")[-1]["headers"]["if-none-match"] == first.etag
    feeds.set("/wire.rss", rss([DJIBO.variant(language="en"), AMBUSH]))
    changed = poller.poll(url, etag=first.etag, last_modified=first.last_modified)
    assert not changed.not_modified and len(changed.items) == 2 and changed.etag != first.etag


def test_last_modified_only(feeds: FeedServer, poller: FeedPoller) -> None:
    feeds.set("/lm.rss", rss([AMBUSH]), etag=False)
    first = poller.poll(feeds.url("/lm.rss"))
    assert first.etag is None and first.last_modified
    again = poller.poll(feeds.url("/lm.rss"), last_modified=first.last_modified)
    assert again.not_modified
    assert feeds.requests("/lm.rss")[-1]["headers"]["if-modified-since"] == first.last_modified


def test_atom_and_summary_only(feeds: FeedServer, poller: FeedPoller) -> None:
    band = BANDIAGARA.variant(link=feeds.url("/articles/songho.html"))
    feeds.set("/fleuve.atom", atom([TILLABERI, band]), content_type="application/atom+xml")
    result = poller.poll(feeds.url("/fleuve.atom"))
    assert result.title == "Journal du Fleuve"
    full, summary_only = result.items
    assert full.language == "fr" and full.published == "2024-03-14" and not full.needs_page
    assert "Bankilaré" in full.text
    assert summary_only.needs_page and summary_only.text == "" and summary_only.summary.startswith("Des hommes")


@pytest.mark.parametrize(("options", "message"), [
    ({"status": 500}, "HTTP 500"),
    ({"status": 404}, "HTTP 404"),
    ({"delay": 3.0}, "timed out after 1 s"),
    ({"trickle": 0.25}, "timed out after 1 s (the body came too slowly)"),
])
def test_failures_are_feed_unavailable(feeds: FeedServer, poller: FeedPoller, options: dict, message: str) -> None:
    feeds.set("/bad.rss", rss([AMBUSH, TILLABERI, DJIBO]), **options)
    start = time.monotonic()
    with pytest.raises(FeedUnavailable) as info:
        poller.poll(feeds.url("/bad.rss"), timeout=1, source="bad")
    assert message in str(info.value) and str(info.value).startswith("[E110] feed bad unavailable")
    assert time.monotonic() - start < 2.5


def test_retry_after_is_kept(feeds: FeedServer, poller: FeedPoller) -> None:
    feeds.set("/busy.rss", b"", status=503, headers={"Retry-After": "120"})
    with pytest.raises(FeedUnavailable) as info:
        poller.poll(feeds.url("/busy.rss"))
    assert info.value.context["retry_after"] == 120 and info.value.context["status"] == 503


@pytest.mark.parametrize("declare", [True, False])
def test_fifty_megabyte_body_is_refused(feeds: FeedServer, poller: FeedPoller, declare: bool) -> None:
    feeds.set("/huge.rss", b"", huge=50 * MB, declare=declare)
    start = time.monotonic()
    with pytest.raises(FeedUnavailable, match="over the limit of 10,485,760"):
        poller.poll(feeds.url("/huge.rss"), max_bytes=10 * MB, timeout=20)
    assert time.monotonic() - start < 10


def test_connection_refused(poller: FeedPoller) -> None:
    with pytest.raises(FeedUnavailable, match="ConnectError"):
        poller.poll("http://127.0.0.1:9/feed.rss", timeout=1)


def test_malformed_xml(feeds: FeedServer, poller: FeedPoller) -> None:
    feeds.set("/broken.rss", b"<?xml version='1.0'?><rss><channel><title>Broken</title><item><title>oops</ti")
    with pytest.raises(FeedUnavailable, match="malformed XML"):
        poller.poll(feeds.url("/broken.rss"))
    # an unclosed document whose items are readable: the items are kept, with a warning
    whole = rss([AMBUSH, TILLABERI])
    feeds.set("/truncated.rss", whole[: whole.rindex(b"</channel>")])
    result = poller.poll(feeds.url("/truncated.rss"))
    assert [i.key for i in result.items] == [AMBUSH.guid, TILLABERI.guid]
    assert result.warnings and "malformed XML" in result.warnings[0]


def test_not_a_feed(feeds: FeedServer, poller: FeedPoller) -> None:
    feeds.set("/page.html", "<!doctype html><html><body><p>Hello</p></body></html>", content_type="text/html")
    with pytest.raises(FeedUnavailable, match="an HTML page"):
        poller.poll(feeds.url("/page.html"))


def test_wrong_encoding(feeds: FeedServer, poller: FeedPoller) -> None:
    """A French feed sent in Latin-1 but declared UTF-8: read with the fallback, accents intact."""
    body = rss([TILLABERI, DJIBO], title="Journal du Fleuve", language="fr", encoding="latin-1", declared="utf-8")
    feeds.set("/latin.rss", body, content_type="application/rss+xml; charset=utf-8")
    result = poller.poll(feeds.url("/latin.rss"))
    assert len(result.items) == 2
    assert "Bankilaré" in result.items[0].text and "Tillabéri" in result.items[0].text
    assert result.warnings and "encoding" in result.warnings[0]


def test_page_fetch(feeds: FeedServer, poller: FeedPoller) -> None:
    from feeds_data import BANDIAGARA_HTML

    feeds.set("/articles/songho.html", BANDIAGARA_HTML, content_type="text/html; charset=utf-8")
    html, final = poller.fetch_page(feeds.url("/articles/songho.html"))
    assert "Songho" in html and final.endswith("/articles/songho.html")
    feeds.set("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(FeedUnavailable, match="not HTML"):
        poller.fetch_page(feeds.url("/file.pdf"))


def test_mock_transport_seam() -> None:
    """FeedPoller takes any httpx.Client (STYLE.md §8): a MockTransport keeps unit tests off the network."""
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["ua"] = request.headers["user-agent"]
        return httpx.Response(200, content=rss([AMBUSH]), headers={"content-type": "application/rss+xml"})

    poller = FeedPoller(httpx.Client(transport=httpx.MockTransport(handler)))
    assert poller.poll("https://sahelwire.example/rss").items[0].key == AMBUSH.guid
    assert seen["ua"] == USER_AGENT


def test_html_to_text() -> None:
    assert html_to_text("<p>One &amp; two</p><p>Three<br>four</p><script>x()</script>") == "One & two\n\nThree\nfour"
    assert html_to_text("plain &eacute;t&eacute;") == "plain été"
    assert html_to_text("") == ""


# ---------------------------------------------------------------- drop folders

def test_drop_folder(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(AMBUSH.text, encoding="utf-8")
    (inbox / "b.html").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    (inbox / "c.jsonl").write_text('{"id": "r1", "text": "One.", "published": "2024-03-01"}\n'
                                   '{"id": "r2", "text": "Two.", "outlet": "Radio"}\n{"id": "r3", "te', encoding="utf-8")
    (inbox / ".hidden.txt").write_text("x", encoding="utf-8")
    (inbox / "d.txt.part").write_text("x", encoding="utf-8")
    (inbox / "e.pdf").write_bytes(b"%PDF")
    poller = FolderPoller(inbox, max_bytes=1000)
    items = poller.poll()
    assert [i.key for i in items] == ["a.txt", "b.html", "c.jsonl#r1", "c.jsonl#r2"]  # r3 is still being written
    assert items[2].published == "2024-03-01" and items[3].outlet == "Radio"
    assert poller.poll() == []  # nothing changed
    with (inbox / "c.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('xt": "Three."}\n')
    (inbox / "a.txt").write_text(AMBUSH.text + "\n\nUpdated.", encoding="utf-8")
    again = poller.poll()
    assert [i.key for i in again] == ["a.txt", "c.jsonl#r1", "c.jsonl#r2", "c.jsonl#r3"]
    assert again[0].revision != items[0].revision and again[1].revision == items[2].revision
    (inbox / "big.txt").write_text("x" * 5000, encoding="utf-8")
    (inbox / "bin.txt").write_bytes(b"\x00\x01\x02" * 10)
    errors = {i.key: i.error for i in poller.poll()}
    assert "over the limit" in errors["big.txt"] and "does not look like text" in errors["bin.txt"]
    (inbox / "fresh.txt").write_text("Just written.", encoding="utf-8")
    assert poller.poll(settle=60) == []  # too recent: left for the next poll


def test_missing_drop_folder(tmp_path: Path) -> None:
    with pytest.raises(FeedUnavailable, match="does not exist"):
        FolderPoller(tmp_path / "nowhere", max_bytes=1000).poll(source="inbox")
