"""eventcoder.ingest: reports from text, HTML, JSON Lines and stdin, with ids and languages; the one check of a
report object's fields (``check_report_fields``)."""

from eventcoder.ingest._fields import FIELDS, check_report_fields, describe_value, each_error
from eventcoder.ingest._language import detect_language
from eventcoder.ingest._readers import (
    MAX_BYTES,
    decode_bytes,
    iter_paths,
    load_json_line,
    read_path,
    read_reports,
    read_stream,
    report_from_dict,
    report_from_html,
    report_from_text,
)

__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "check_report_fields",
    "decode_bytes",
    "describe_value",
    "detect_language",
    "each_error",
    "iter_paths",
    "load_json_line",
    "read_path",
    "read_reports",
    "read_stream",
    "report_from_dict",
    "report_from_html",
    "report_from_text",
]
