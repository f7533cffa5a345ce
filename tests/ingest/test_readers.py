"""Reading reports: formats, ids, languages, and clear errors for bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventcoder.errors import BinaryInput, EmptyInput, InputTooLarge, ReportParseError
from eventcoder.ingest import detect_language, read_path, read_reports, read_stream, report_from_text
from eventcoder.records import content_hash

WIRE = "Gunmen killed 12 villagers in Sorgha on Wednesday, local sources said."


def test_text_report_id_is_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(WIRE, encoding="utf-8")
    (report,) = read_path(path, published="2023-07-10")
    assert report.id == content_hash(WIRE) and report.published == "2023-07-10" and report.language == "en"


def test_same_text_same_id_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WIRE, encoding="utf-8")
    ids = {r.id for r in read_reports([tmp_path])}
    assert len(ids) == 1


def test_jsonl_reports_keep_their_fields(tmp_path: Path) -> None:
    lines = [{"id": "r1", "text": WIRE, "published": "2023-07-10T08:00:00Z", "outlet": "Wire", "language": "en"},
             {"text": "Des hommes armés ont tué dix civils mardi.", "published": "2023-07-11"}]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    first, second = read_path(path)
    assert (first.id, first.published, first.outlet) == ("r1", "2023-07-10", "Wire")
    assert second.language == "fr" and second.id == content_hash(lines[1]["text"])


def test_html_main_text_and_date_from_metadata(tmp_path: Path) -> None:
    html = ("<html><head><title>Gunmen kill 12</title><meta property='article:published_time' "
            "content='2023-07-05T10:00:00Z'></head><body><nav>Home | World</nav><article><h1>Gunmen kill 12</h1>"
            f"<p>{WIRE} Houses were burned and residents fled to the town of Bogande.</p></article></body></html>")
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    (report,) = read_path(path)
    assert report.published == "2023-07-05"
    assert "Sorgha" in report.text and "Home | World" not in report.text


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("Des hommes armés ont attaqué le village de Déou mardi.".encode("latin-1"))
    (report,) = read_path(path, published="2023-02-22")
    assert "armés" in report.text and report.language == "fr"


def test_stdin(tmp_path: Path) -> None:
    (report,) = read_stream(io.BytesIO(WIRE.encode()), published="2023-07-10")
    assert report.text == WIRE


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", EmptyInput), (b"   \n\n  ", EmptyInput), (b"\x00\x01\x02binary\x00junk", BinaryInput),
     (bytes(range(1, 32)) * 50, BinaryInput)],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, error: type[Exception]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as info:
        read_path(path)
    assert str(info.value).startswith("[E1")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(InputTooLarge):
        read_path(path, max_bytes=1000)


def test_malformed_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"text": WIRE}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ReportParseError, match=r"r\.jsonl:2"):
        read_path(path)


def test_bad_lines_and_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": WIRE})
    bad_date = json.dumps({"id": "b", "text": WIRE, "published": "21/04/2023"})
    (tmp_path / "r.jsonl").write_text(f"{good}\n{{not json\n{bad_date}\n[1, 2]\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "z.txt").write_text(WIRE, encoding="utf-8")
    problems: list[Exception] = []
    reports = list(read_reports([tmp_path, tmp_path / "missing.txt"], on_error=problems.append))
    assert [r.id for r in reports] == ["a", content_hash(WIRE)]
    messages = sorted(str(p) for p in problems)
    assert len(messages) == 5
    assert any("r.jsonl:2" in m and "invalid JSON" in m for m in messages)
    assert any("r.jsonl:3" in m for m in messages) and any("r.jsonl:4" in m for m in messages)
    assert any(m.startswith("[E102]") and "empty.txt" in m for m in messages)
    assert any("missing.txt" in m and "no such file" in m for m in messages)


@pytest.mark.parametrize("value", ["yesterday", "2023-13-40", "21/04/2023"])
def test_bad_publication_date(value: str) -> None:
    with pytest.raises(ReportParseError, match="published"):
        report_from_text(WIRE, published=value)


def test_language_detection() -> None:
    assert detect_language("Le bilan de la tuerie de Solhan continue de diverger.") == "fr"
    assert detect_language("The death toll from the attack rose to 51, the army said.") == "en"
