"""``Pipeline.from_config`` reads the settings file it is given; a bad file is one coded [E900] message."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventcoder import Pipeline
from eventcoder.actors import ActorDictionary
from eventcoder.errors import ConfigError
from eventcoder.geo._build import ensure_default_gazetteer


def packaged(name: str) -> str:
    return resources.files("eventcoder.data").joinpath(name).read_text("utf-8")


def write_lexicon(folder: Path, extra_trigger: str) -> Path:
    data = yaml.safe_load(packaged("lexicon/en.yaml"))
    data["triggers"]["attack"].append(extra_trigger)
    path = folder / "en.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_from_config_uses_every_file_it_names(tmp_path: Path) -> None:
    write_lexicon(tmp_path, "stormed through")
    (tmp_path / "actors.yaml").write_text(packaged("actors.yaml"), encoding="utf-8")
    (tmp_path / "settings.toml").write_text(
        f'[pipeline]\ngazetteer = "{ensure_default_gazetteer()}"\nactors = "actors.yaml"\npiece_chars = 5000\n'
        '[pipeline.lexicons]\nen = "en.yaml"\n', encoding="utf-8")
    pipeline = Pipeline.from_config(tmp_path / "settings.toml")
    assert pipeline.piece_chars == 5000
    assert pipeline.lexicons["en"].triggers[("stormed", "through")] == "attack"
    assert pipeline.dictionary is not ActorDictionary.load()
    assert Path(pipeline.gazetteer.path) == Path(ensure_default_gazetteer())


def test_from_config_without_path_is_the_default() -> None:
    pipeline = Pipeline.from_config(None)
    assert pipeline.lexicons == {}
    assert pipeline.piece_chars > 5000


@pytest.mark.parametrize(("content", "message"), [
    ("piece_chars = 0\n", "'piece_chars' must be a positive integer"),
    ('model = "en_core_web_lg"\n', "unknown key 'model'"),
    ('actors = "nowhere.yaml"\n', "which is not a file"),
    ("gazetteer = 3\n", "'gazetteer' must be a file path"),
    ("[pipeline\n", "is not TOML"),
    ('lexicons = "en.yaml"\n', "'lexicons' must be a table"),
])
def test_a_bad_settings_file_is_a_config_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        Pipeline.from_config(path)
    assert str(caught.value).startswith("[E900]")


def test_a_missing_settings_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[E900\] configuration: cannot read the settings file"):
        Pipeline.from_config(tmp_path / "absent.toml")


def test_a_lexicon_without_triggers_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "fr.yaml").write_text("language: fr\ngroups: {}\n", encoding="utf-8")
    (tmp_path / "settings.toml").write_text('[lexicons]\nfr = "fr.yaml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="lacks the section 'triggers'"):
        Pipeline.from_config(tmp_path / "settings.toml")
