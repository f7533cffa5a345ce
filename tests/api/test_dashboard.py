"""The dashboard in Debian's Chromium (Playwright): markers on the map, filters, table, chart, event page.

Chromium comes from Debian (``make browser`` installs it with apt-get); Playwright's own browser downloads
are never used. Without /usr/bin/chromium these tests are skipped with the reason.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from api_factories import INCIDENTS, build, synthetic_incidents
from api_helpers import FOLLOW_UP, TOKEN, StubPipeline

from eventcoder.api import ApiSettings, create_app
from eventcoder.store import EventStore

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("EVENTCODER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "dashboard.png"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server on loopback over a store with the incidents and 60 synthetic events."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'events.db'}"
    with EventStore(url) as store:
        for incident in (*INCIDENTS, FOLLOW_UP, *synthetic_incidents(60)):
            store.ingest(*build(incident))
    app = create_app(ApiSettings(db_url=url, token=TOKEN), pipeline=StubPipeline())
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("request", lambda request: errors.append(f"off-site request {request.url}")
           if not request.url.startswith(("http://127.0.0.1", "data:")) else None)
    tab.errors = errors  # a test that expects a failed request empties it
    yield tab
    context.close()
    assert errors == []  # no script error, no failed load, nothing fetched from outside (no CDN)


def ready(page: Any) -> None:
    page.wait_for_selector("body[data-state=ready]", timeout=20_000)


def api_total(server: str, **params: Any) -> int:
    body = httpx.get(f"{server}/events", params={"format": "geojson", "limit": 1000, **params}).json()
    return len(body["features"])


def markers(page: Any) -> int:
    return int(page.evaluate("window.eventcoderDashboard.markerCount()"))


def test_map_shows_every_event_as_a_marker(server: str, page: Any) -> None:
    page.goto(server + "/")
    ready(page)
    expected = api_total(server)
    assert expected >= 60
    assert markers(page) == expected
    assert page.get_attribute("#map", "data-markers") == str(expected)
    assert page.locator("#events-table tbody tr").count() == expected
    # what is drawn: clusters and single markers together account for every event
    drawn = page.evaluate("""() => {
        let n = 0;
        document.querySelectorAll('.cluster div').forEach(d => n += parseInt(d.textContent, 10));
        return n + document.querySelectorAll('path.leaflet-interactive').length;
    }""")
    assert drawn == expected
    assert page.locator("path.leaflet-interactive, .cluster").count() > 0
    assert page.locator(".leaflet-overlay-pane svg path").count() > 50  # the offline basemap's countries
    assert page.locator("#chart svg rect.bar").count() > 5
    assert page.inner_text("#status-line").startswith(f"{expected} events")
    page.wait_for_timeout(400)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 20_000


def test_filters_change_the_markers(server: str, page: Any) -> None:
    page.goto(server + "/")
    ready(page)
    everything = markers(page)
    page.select_option("#f-event_type", "Battles")
    page.wait_for_function(f"window.eventcoderDashboard.markerCount() !== {everything}")
    ready(page)
    battles = api_total(server, event_type="Battles")
    assert 0 < battles < everything and markers(page) == battles
    assert "event_type=Battles" in page.url
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert set(types) == {"Battles"}
    page.fill("#f-actor", "JNIM")  # an alias, resolved by the API
    page.wait_for_function(f"window.eventcoderDashboard.markerCount() !== {battles}")
    ready(page)
    assert markers(page) == api_total(server, event_type="Battles", actor="JNIM") > 0
    assert "actor=JNIM" in page.url and "actor=JNIM" in page.get_attribute("#x-acled-csv", "href")
    page.fill("#f-actor", "")
    page.select_option("#f-event_type", "")
    page.fill("#f-country", "Mali")
    page.locator("#f-country").press("Enter")
    page.wait_for_function(f"window.eventcoderDashboard.markerCount() === {api_total(server, country='Mali')}")
    page.fill("#f-date_from", "2024-06-01")
    page.wait_for_function("location.search.includes('date_from=2024-06-01')")
    ready(page)
    assert markers(page) == api_total(server, country="Mali", date_from="2024-06-01")
    page.click("#f-reset")
    page.wait_for_function(f"window.eventcoderDashboard.markerCount() === {everything}")


def test_filters_come_from_the_url(server: str, page: Any) -> None:
    page.goto(server + "/?status=claimed")
    ready(page)
    assert page.input_value("#f-status") == "claimed"
    assert markers(page) == api_total(server, status="claimed") >= 1
    page.goto(server + "/?near=14.2,1.45,100&event_type=Battles")  # a filter with no form field
    ready(page)
    assert "near=14.2,1.45,100" in page.inner_text("#extra-filters")
    assert markers(page) == api_total(server, near="14.2,1.45,100", event_type="Battles") >= 1


def test_a_refused_filter_is_shown(server: str, page: Any) -> None:
    page.goto(server + "/?bbox=1,2")
    page.wait_for_selector("body[data-state=error]", timeout=20_000)
    assert "bbox" in page.inner_text("#error-line")
    assert all("400" in e for e in page.errors)
    page.errors.clear()


def test_table_sorts_by_a_column(server: str, page: Any) -> None:
    page.goto(server + "/")
    ready(page)
    page.click("#events-table th[data-key=fatalities]")
    column = page.locator("#events-table tbody tr td:nth-child(8)").all_inner_texts()
    values = [int(v) for v in column]
    assert values == sorted(values, reverse=True)
    page.click("#events-table th[data-key=fatalities]")
    values = [int(v) for v in page.locator("#events-table tbody tr td:nth-child(8)").all_inner_texts()]
    assert values == sorted(values)
    assert page.get_attribute("#events-table th[data-key=fatalities]", "aria-sort") == "ascending"


def test_popup_links_to_the_event_page(server: str, page: Any) -> None:
    event_id = httpx.get(f"{server}/events", params={"report_id": "rep-kidal-airstrike"}).json()["events"][0][
        "event_id_cnty"]
    page.goto(server + "/?q=kidal&date_from=2024-05-15&date_to=2024-05-31")
    ready(page)
    assert markers(page) == 1
    page.locator("path.leaflet-interactive").first.click()
    link = page.locator(".leaflet-popup a.popup-link")
    assert event_id in link.inner_text()
    link.click()
    ready(page)
    assert page.url.endswith(f"/ui/events/{event_id}")


def test_event_page_highlights_the_evidence(server: str, page: Any) -> None:
    event = httpx.get(f"{server}/events", params={"report_id": "rep-tillaberi-ambush"}).json()["events"][0]
    detail = httpx.get(f"{server}/events/{event['event_id_cnty']}").json()
    page.goto(f"{server}/ui/events/{event['event_id_cnty']}")
    ready(page)
    assert page.locator(".report").count() == 2
    for field, spans in detail["event"]["evidence"].items():
        for span in spans:
            report = page.locator(f".report[data-report-id='{span['report_id']}']")
            marked = report.locator(f"mark[data-fields~='{field}']").all_inner_texts()
            assert "".join(marked).replace("\n", " ").find(span["text"].replace("\n", " ")) >= 0 or \
                span["text"] in " ".join(marked), (field, span["text"], marked)
    first = page.locator(".report[data-report-id='rep-tillaberi-ambush']")
    assert first.locator("mark[data-fields~='location']").first.inner_text() == "Tillaberi"
    assert first.locator("mark[data-fields~='event_date']").first.inner_text() == "2024-03-10"
    background = first.locator("mark").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # really highlighted
    figures = page.locator("#figures tbody tr").all_inner_texts()
    assert len(figures) == 3 and any("Niger's defence ministry" in f for f in figures)
    timeline = page.inner_text("#timeline")
    assert "CLAIMED" in timeline.upper() and "CONFIRMED" in timeline.upper() and "Amaq" in timeline
    assert page.locator("#history tbody tr").count() >= 2
    assert page.locator("#event-map path.leaflet-interactive").count() >= 1


def test_api_docs_work_offline(server: str, page: Any) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/events", "/reports", "/aggregates"} <= {p.replace("\u200b", "") for p in paths}
