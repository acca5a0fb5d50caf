from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, describe, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(environ={"KIOSK_CONFIG": "", "HOME": str(tmp_path)})
    assert settings.language == "ko" and settings.idle_timeout_s == 60
    assert all(origin == "default" for _, _, origin in describe(settings))


def test_hub_sources_and_tile_packs(tmp_path: Path) -> None:
    path = write(tmp_path, """
[hub]
radius_km = 1.5
[[hub.sources]]
id = "seoul-bikes"
kind = "seoul_bike"
url = "http://openapi.seoul.go.kr:8088"
key = "SECRETKEY"
[tiles]
packs = ["~/tiles/seongbuk.mbtiles"]
""")
    settings = load_settings(path, environ={})
    source = settings.hub_sources[0]
    assert source.kind == "seoul_bike" and source.area is not None
    assert source.area.radius_m == 1500  # hub.radius_km around the kiosk by default
    assert settings.tile_packs[0].name == "seongbuk.mbtiles"
    shown = " ".join(value for _, value, _ in describe(settings))
    assert "SECRETKEY" not in shown and "key=****" in shown


@pytest.mark.parametrize("text,message", [
    ('[kiosk]\nlanguage = "jp"\n', ':2: kiosk.language must be "ko" or "en"'),
    ('[kiosk]\n\nidle_timeout_s = -5\n', ":3: kiosk.idle_timeout_s must be a whole number"),
    ('[village]\nnmae = "x"\n', ":2: unknown setting village.nmae"),
    ('[[hub.sources]]\nid = "a"\nkind = "ftp"\nurl = "http://x"\n',
     ":3: hub.sources[0]: source a: kind must be one of"),
    ('[database]\nurl = "mysql://x"\n', ":2: database.url must start with"),
    ("[kiosk\n", "not valid TOML"),
])
def test_bad_values_name_key_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert str(path) in str(excinfo.value) and message in str(excinfo.value)


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "sqlite:////tmp/a.db"\n')
    settings = load_settings(path, environ={"KIOSK_DATABASE_URL": "postgresql://u@h/db"})
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.origins["database.url"] == "environment KIOSK_DATABASE_URL"
