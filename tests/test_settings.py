"""The settings declaration: every ``EVENTCODER_*`` variable read through it, documented from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventcoder import settings
from eventcoder.api.settings import ApiSettings
from eventcoder.errors import ConfigError
from eventcoder.geo._build import default_cache_dir

ROOT = Path(__file__).resolve().parents[1]


def test_docs_settings_md_is_generated_from_the_declaration() -> None:
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == settings.reference(), \
        "run: python -m eventcoder.settings > docs/settings.md"


def test_every_variable_the_code_names_is_declared() -> None:
    declared = {s.name for s in settings.SETTINGS}
    named = {m for p in (ROOT / "src" / "eventcoder").rglob("*.py")
             for m in re.findall(r"EVENTCODER_[A-Z_]+", p.read_text(encoding="utf-8"))}
    assert named <= declared, named - declared


def test_no_module_but_settings_reads_an_eventcoder_variable() -> None:
    for path in (ROOT / "src" / "eventcoder").rglob("*.py"):
        if path.name != "settings.py" or path.parent.name != "eventcoder":
            assert not re.search(r"""(?:environ|getenv|envvar=)[^\n]{0,20}["']EVENTCODER_""",
                                 path.read_text(encoding="utf-8")), path


def test_values_are_read_as_their_kind() -> None:
    env = {"EVENTCODER_MAX_BATCH": "20", "EVENTCODER_PROTECT_READS": "Yes", "EVENTCODER_TOKEN": " "}
    assert settings.MAX_BATCH.value(env) == 20
    assert settings.PROTECT_READS.value(env) is True
    assert settings.TOKEN.value(env) is None
    assert settings.MAX_BODY_BYTES.value({}) == 5 * 1024 * 1024
    assert settings.DB.value({}) == "sqlite:///eventcoder.db"


@pytest.mark.parametrize(("setting", "text"), [(settings.MAX_BATCH, "many"), (settings.MAX_BODY_BYTES, "0"),
                                               (settings.PROTECT_READS, "perhaps")])
def test_a_bad_value_is_a_config_error_naming_the_variable(setting: settings.Setting, text: str) -> None:
    with pytest.raises(ConfigError, match=rf"\[E900\] configuration: {setting.name} must be"):
        setting.value({setting.name: text})


def test_api_settings_come_from_the_declared_variables() -> None:
    api = ApiSettings.from_env({"EVENTCODER_DB": "sqlite:///x.db", "EVENTCODER_MAX_BATCH": "7",
                                "EVENTCODER_TOKEN": "t0ken"}, protect_reads=True)
    assert (api.db_url, api.max_batch, api.token, api.protect_reads) == ("sqlite:///x.db", 7, "t0ken", True)
    assert api.max_body_bytes == settings.MAX_BODY_BYTES.value({})


def test_cache_folder_follows_its_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    assert default_cache_dir() == tmp_path
