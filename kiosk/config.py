"""One typed settings model, loaded from a TOML file, with the origin of every value.

Order of precedence: built-in default < config file < environment variable
(``KIOSK_DATABASE_URL``). A bad value is reported with its key, file and line.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.sync.config import SourceConfig, SourceConfigError

APP_NAME = "sharing-village-kiosk"
CONFIG_ENV = "KIOSK_CONFIG"
DATABASE_ENV = "KIOSK_DATABASE_URL"
DATA_DIR_ENV = "KIOSK_DATA_DIR"
PIN_KEY_ENV = "KIOSK_PIN_KEY"
PIN_KEY_NAME = "pin.key"


class ConfigError(ValueError):
    """A setting is wrong; the message names the key, the file and the line."""


@dataclass(frozen=True)
class Panel:
    """The installed touch panel: physical size and height of its bottom edge."""

    width_mm: float = 476.0
    height_mm: float = 268.0
    bottom_edge_mm: float = 900.0


@dataclass(frozen=True)
class Office:
    """The management office residents can call for help (shown on the help screen)."""

    name: str = ""
    name_en: str = ""
    phone: str = ""
    hours: str = ""
    hours_en: str = ""
    url: str = ""

    def digit_groups(self) -> list[str]:
        """The phone number's digit groups as written: "02-1234-5678" → 02, 1234, 5678."""
        return re.findall(r"\d+", self.phone)

    @property
    def tel_uri(self) -> str:
        """``tel:`` URI (RFC 3966) of the phone number, or "" when none is configured."""
        digits = "".join(self.digit_groups())
        if not digits:
            return ""
        return f"tel:{'+' if self.phone.strip().startswith('+') else ''}{digits}"

    @property
    def qr_target(self) -> str:
        """What the help screen's QR code opens: the configured page, else a call."""
        return self.url or self.tel_uri


@dataclass(frozen=True)
class Settings:
    """Effective settings; ``origins`` says where each came from."""

    village_name: str = "길음 나눔마을"
    village_name_en: str = "Gireum Sharing Village"
    kiosk_id: str = "lobby-1"
    kiosk_label: str = "101동 로비"
    kiosk_label_en: str = "Building 101 lobby"
    # The 동 this kiosk stands in: the household keypad starts with it filled in.
    kiosk_building: str = "101"
    kiosk_lat: float = 37.6066
    kiosk_lon: float = 127.0237
    language: str = "ko"
    idle_timeout_s: int = 60
    home_idle_timeout_s: int = 30
    database_url: str = ""
    busy_timeout_ms: int = 15000
    pin_max_attempts: int = 5
    pin_lock_minutes: int = 10
    pin_key_file: Path | None = None
    sweep_interval_s: int = 60
    panel: Panel = field(default_factory=Panel)
    office: Office = field(default_factory=Office)
    hub_radius_km: float = 2.0
    hub_sources: tuple[SourceConfig, ...] = ()
    tile_packs: tuple[Path, ...] = ()
    village_map: Path | None = None
    public_holidays: bool = True
    extra_holidays: tuple[date, ...] = ()
    backup_dir: Path | None = None
    backup_enabled: bool = True
    backup_time: str = "03:30"
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    log_max_bytes: int = 5_000_000
    log_keep_files: int = 10
    heartbeat_interval_s: int = 60
    # Under systemd only: a clean restart a night, when nobody is using it, bounds what a
    # process that runs for months accumulates (heap slack, caches) to one day's worth.
    nightly_restart: str = "04:00-05:00"
    admin_pin_hash: str = ""
    admin_pin_max_attempts: int = 3
    admin_lock_minutes: int = 15
    exit_gesture_taps: int = 5
    exit_gesture_window_s: float = 3.0
    config_path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or a SQLite file in the platform data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{data_dir() / 'kiosk.db'}"

    @property
    def effective_backup_dir(self) -> Path:
        """The configured backup folder, or ``backups`` in the data directory."""
        return self.backup_dir or data_dir() / "backups"

    @property
    def effective_pin_key_path(self) -> Path:
        """The secret PIN key: ``KIOSK_PIN_KEY``, else ``[security] pin_key_file``, else
        ``pin.key`` beside the config file (in the config folder, never in the data folder
        whose backups copy the database: the two must not travel together)."""
        override = os.environ.get(PIN_KEY_ENV)
        if override:
            return Path(override).expanduser()
        if self.pin_key_file is not None:
            return self.pin_key_file
        if self.config_path is not None and self.config_path.is_file():
            return self.config_path.parent / PIN_KEY_NAME
        return default_config_path().parent / PIN_KEY_NAME

    @property
    def log_dir(self) -> Path:
        return data_dir() / "logs"


def data_dir() -> Path:
    """Where the SQLite file, logs and backups live (``KIOSK_DATA_DIR`` overrides)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("must be a whole number above 0")
    return value


def _number(lo: float, hi: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a number")
        if not math.isfinite(value) or not lo <= value <= hi:
            raise ValueError(f"must be between {lo} and {hi}")
        return float(value)
    return check


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text in quotes")
    return value


def _language(value: Any) -> str:
    if value not in ("ko", "en"):
        raise ValueError('must be "ko" or "en"')
    return str(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _building(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d{0,4}", value):
        raise ValueError('must be the building number in quotes, e.g. "101" ("" for none)')
    return value


def _kiosk_id(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", value):
        raise ValueError("must be 1-40 letters, digits, '-', '_' or '.'")
    return value


def _database_url(value: Any) -> str:
    text = _text(value)
    if text and not re.match(r"^(sqlite|postgresql(\+psycopg)?)://", text):
        raise ValueError("must start with sqlite:/// or postgresql+psycopg://")
    if text.startswith("postgresql://"):
        text = "postgresql+psycopg://" + text[len("postgresql://"):]
    return text


def _paths(value: Any) -> tuple[Path, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of file paths")
    return tuple(Path(v).expanduser() for v in value)


def _path(value: Any) -> Path | None:
    text = _text(value)
    return Path(text).expanduser() if text else None


def _dates(value: Any) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise ValueError("must be a list of dates like 2026-12-31")
    try:
        return tuple(v if isinstance(v, date) else date.fromisoformat(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError("must be a list of dates like 2026-12-31") from None


def _clock_time(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError('must be a time of day like "03:30"')
    return value


def _count(lo: int, hi: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValueError(f"must be a whole number from {lo} to {hi}")
        return value
    return check


def _optional_path(value: Any) -> Path | None:
    text = _text(value)
    return Path(text).expanduser() if text else None


def _phone(value: Any) -> str:
    text = _text(value).strip()
    if text and (not re.fullmatch(r"\+?[0-9][0-9 ().-]*", text)
                 or not 3 <= len(re.findall(r"\d", text)) <= 15):
        raise ValueError('must be a phone number of 3-15 digits, e.g. "02-1234-5678"')
    return text


def _help_url(value: Any) -> str:
    text = _text(value).strip()
    if text and not re.fullmatch(r"(https?://[^\s]+|tel:\+?[0-9][0-9-]*)", text):
        raise ValueError('must start with https://, http:// or tel: (empty = call the phone)')
    return text


def _restart_window(value: Any) -> str:
    from kiosk.watchdog.restart import parse_window

    text = _text(value)
    parse_window(text)
    return text


def _pin_hash(value: Any) -> str:
    text = _text(value)
    if text and not re.fullmatch(r"scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+",
                                 text):
        raise ValueError("must be a hash printed by `kiosk lockdown hash-pin`, not the PIN")
    return text


# (section, key) -> (field name, validator, help)
FIELDS: dict[tuple[str, str], tuple[str, Callable[[Any], Any], str]] = {
    ("village", "name"): ("village_name", _text, "village name shown on the home screen"),
    ("village", "name_en"): ("village_name_en", _text, "village name in English"),
    ("village", "map"): ("village_map", _path, "the village plan drawn on the map (GeoJSON: "
                         "outline, buildings, paths)"),
    ("kiosk", "id"): ("kiosk_id", _kiosk_id, "this kiosk's id, recorded on its bookings"),
    ("kiosk", "label"): ("kiosk_label", _text, "where this kiosk stands (you are here)"),
    ("kiosk", "label_en"): ("kiosk_label_en", _text, "where this kiosk stands, in English"),
    ("kiosk", "building"): ("kiosk_building", _building,
                            "the 동 this kiosk stands in, filled in on the household keypad "
                            '("" to start empty)'),
    ("kiosk", "lat"): ("kiosk_lat", _number(33.0, 39.0), "kiosk latitude (WGS84)"),
    ("kiosk", "lon"): ("kiosk_lon", _number(124.0, 132.0), "kiosk longitude (WGS84)"),
    ("kiosk", "language"): ("language", _language, "default language: ko or en"),
    ("kiosk", "idle_timeout_s"): ("idle_timeout_s", _positive_int, "idle seconds before reset"),
    ("kiosk", "home_idle_timeout_s"): ("home_idle_timeout_s", _positive_int,
                                       "idle seconds on the home screen before the attract view"),
    ("kiosk", "sweep_interval_s"): ("sweep_interval_s", _positive_int,
                                    "seconds between releases of no-shows"),
    ("database", "url"): ("database_url", _database_url,
                          "empty = SQLite in the data directory; postgresql+psycopg://… to share"),
    ("database", "busy_timeout_ms"): ("busy_timeout_ms", _positive_int,
                                      "how long a writer waits for SQLite's lock"),
    ("security", "pin_max_attempts"): ("pin_max_attempts", _positive_int,
                                       "wrong PINs before a household is locked"),
    ("security", "pin_key_file"): ("pin_key_file", _optional_path,
                                   "secret key sealed into PIN hashes; empty = pin.key beside "
                                   "this config file"),
    ("security", "pin_lock_minutes"): ("pin_lock_minutes", _positive_int,
                                       "minutes a locked household waits"),
    ("panel", "width_mm"): ("panel.width_mm", _number(100, 3000), "panel width in mm"),
    ("panel", "height_mm"): ("panel.height_mm", _number(100, 3000), "panel height in mm"),
    ("panel", "bottom_edge_mm"): ("panel.bottom_edge_mm", _number(0, 2000),
                                  "height of the panel's bottom edge above the floor"),
    ("office", "name"): ("office.name", _text,
                         "management office named on the help screen (empty: 관리사무소)"),
    ("office", "name_en"): ("office.name_en", _text, "management office name in English"),
    ("office", "phone"): ("office.phone", _phone,
                          "phone residents call for help, e.g. 02-1234-5678 (empty: none shown)"),
    ("office", "hours"): ("office.hours", _text, 'opening hours, e.g. "평일 09:00–18:00"'),
    ("office", "hours_en"): ("office.hours_en", _text, "opening hours in English"),
    ("office", "url"): ("office.url", _help_url,
                        "page the help screen's QR code opens (empty: a tel: link to the phone)"),
    ("hub", "radius_km"): ("hub_radius_km", _number(0.1, 50), "keep hub listings this close"),
    ("tiles", "packs"): ("tile_packs", _paths, "MBTiles tile packs, most detailed first"),
    ("holidays", "public"): ("public_holidays", _boolean, "observe Korean public holidays"),
    ("holidays", "extra"): ("extra_holidays", _dates, "extra closed days for the village"),
    ("backup", "dir"): ("backup_dir", _optional_path,
                        "where backups go; empty = backups/ in the data directory"),
    ("backup", "enabled"): ("backup_enabled", _boolean, "take a backup every day"),
    ("backup", "time"): ("backup_time", _clock_time,
                         "local time of the daily backup (taken later if the kiosk is busy)"),
    ("backup", "keep_daily"): ("backup_keep_daily", _count(1, 365),
                               "daily backups kept"),
    ("backup", "keep_weekly"): ("backup_keep_weekly", _count(0, 260),
                                "weekly backups kept (the newest of each week)"),
    ("logs", "max_bytes"): ("log_max_bytes", _count(10_000, 1_000_000_000),
                            "size of one log file before it is rotated"),
    ("logs", "keep_files"): ("log_keep_files", _count(1, 1000), "rotated log files kept"),
    ("health", "heartbeat_interval_s"): ("heartbeat_interval_s", _count(5, 3600),
                                         "seconds between heartbeat rows in the database"),
    ("health", "nightly_restart"): ("nightly_restart", _restart_window,
                                    'restart in this quiet window when idle under systemd '
                                    '("" for never)'),
    ("lockdown", "admin_pin_hash"): ("admin_pin_hash", _pin_hash,
                                     "hash of the installer PIN that leaves kiosk mode"),
    ("lockdown", "admin_pin_max_attempts"): ("admin_pin_max_attempts", _count(1, 20),
                                             "wrong installer PINs before a lock"),
    ("lockdown", "admin_lock_minutes"): ("admin_lock_minutes", _count(1, 1440),
                                         "minutes the exit stays locked after wrong PINs"),
    ("lockdown", "exit_taps"): ("exit_gesture_taps", _count(3, 20),
                                "taps in the top-left corner that ask for the installer PIN"),
    ("lockdown", "exit_window_s"): ("exit_gesture_window_s", _number(1, 30),
                                    "seconds within which those taps must come"),
}


def _key_line(text: str, section: str, key: str, occurrence: int = 0) -> int | None:
    """The line of ``key`` in ``[section]`` (tomllib does not report positions)."""
    current: str | None = None
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
        if header:
            current = header.group(1)
            if current == section:
                seen += 1
            continue
        if current == section and seen == occurrence and re.match(
            rf"^\"?{re.escape(key)}\"?\s*=", stripped
        ):
            return number
    return None


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read the file (if any) and the environment into ``Settings``."""
    environ = dict(os.environ if environ is None else environ)
    if path is None and environ.get(CONFIG_ENV):
        path = Path(environ[CONFIG_ENV])
    explicit = path is not None
    path = path or default_config_path()
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    panel: dict[str, float] = {}
    office: dict[str, str] = {}
    raw_sources: Any = None
    where_source: Callable[..., str] | None = None
    if path.exists():
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None

        def where(section: str, key: str, occurrence: int = 0) -> str:
            line = _key_line(text, section, key, occurrence)
            return f"{path}:{line}" if line else str(path)

        for section, table in data.items():
            if not isinstance(table, dict):
                raise ConfigError(f"{where(section, section)}: [{section}] must be a table")
            for key, raw in table.items():
                if section == "hub" and key == "sources":
                    raw_sources, where_source = raw, where
                    origins["hub.sources"] = where("hub.sources", "id")
                    continue
                spec = FIELDS.get((section, key))
                if spec is None:
                    raise ConfigError(f"{where(section, key)}: unknown setting {section}.{key}")
                name, validate, _ = spec
                try:
                    value = validate(raw)
                except ValueError as exc:
                    raise ConfigError(f"{where(section, key)}: {section}.{key} {exc}") from None
                if name.startswith("panel."):
                    panel[name.split(".", 1)[1]] = value
                elif name.startswith("office."):
                    office[name.split(".", 1)[1]] = value
                else:
                    values[name] = value
                origins[f"{section}.{key}"] = where(section, key)
    elif explicit:
        raise ConfigError(f"{path}: config file not found")
    if environ.get(DATABASE_ENV):
        try:
            values["database_url"] = _database_url(environ[DATABASE_ENV])
        except ValueError as exc:
            raise ConfigError(f"environment {DATABASE_ENV}: {exc}") from None
        origins["database.url"] = f"environment {DATABASE_ENV}"
    sources: tuple[SourceConfig, ...] = ()
    if raw_sources is not None and where_source is not None:
        centre = (values.get("kiosk_lat", Settings.kiosk_lat),
                  values.get("kiosk_lon", Settings.kiosk_lon))
        radius_m = values.get("hub_radius_km", Settings.hub_radius_km) * 1000
        sources = _load_sources(raw_sources, where_source, centre, radius_m)
    return Settings(**values, panel=Panel(**panel), office=Office(**office),
                    hub_sources=sources,
                    config_path=path if path.exists() else None, origins=origins)


def with_office_from(settings: Settings, path: Path) -> Settings:
    """The ``[office]`` keys the config leaves unset, taken from another file's ``[office]``
    table (the demo village's), checked like the config's own and shown with their origin."""
    text = path.read_text(encoding="utf-8")
    try:
        table = tomllib.loads(text).get("office", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [office] must be a table")
    values: dict[str, str] = {}
    origins = dict(settings.origins)
    for key, raw in table.items():
        spec = FIELDS.get(("office", key))
        line = _key_line(text, "office", key)
        where = f"{path}:{line}" if line else str(path)
        if spec is None:
            raise ConfigError(f"{where}: unknown setting office.{key}")
        if f"office.{key}" in settings.origins:
            continue  # the kiosk's own config wins
        try:
            values[key] = spec[1](raw)
        except ValueError as exc:
            raise ConfigError(f"{where}: office.{key} {exc}") from None
        origins[f"office.{key}"] = where
    if not values:
        return settings
    return replace(settings, office=replace(settings.office, **values), origins=origins)


def _load_sources(raw: Any, where: Callable[..., str], centre: tuple[float, float],
                  radius_m: float) -> tuple[SourceConfig, ...]:
    """Check each ``[[hub.sources]]`` table; by default keep listings near the kiosk."""
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        raise ConfigError(f"{where('hub', 'sources')}: hub.sources must be [[hub.sources]] tables")
    found: list[SourceConfig] = []
    for index, table in enumerate(raw):
        data = dict(table)
        if not {"center", "center_lat", "center_lon", "radius_m"} & set(data):
            data["center"] = list(centre)
            data["radius_m"] = radius_m
        try:
            source = SourceConfig.from_mapping(data)
        except SourceConfigError as exc:
            message = str(exc)
            named = [k for k in table if re.search(rf"\b{re.escape(k)}\b", message)]
            line_key = named[0] if named else "id"
            raise ConfigError(f"{where('hub.sources', line_key, index)}: "
                              f"hub.sources[{index}]: {message}") from None
        if any(s.id == source.id for s in found):
            raise ConfigError(f"{where('hub.sources', 'id', index)}: hub.sources[{index}]: "
                              f"id {source.id} is used by another source")
        found.append(source)
    return tuple(found)


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """``(key, value, origin)`` rows for ``kiosk config show``; keys are masked."""
    rows: list[tuple[str, str, str]] = []
    for (section, key), (name, _, _help) in FIELDS.items():
        if name.startswith("panel."):
            value: Any = getattr(settings.panel, name.split(".", 1)[1])
        elif name.startswith("office."):
            value = getattr(settings.office, name.split(".", 1)[1]) or "(none)"
        else:
            value = getattr(settings, name)
        if name == "database_url":
            value = _mask_password(value) or f"(SQLite) {settings.effective_database_url}"
        if name == "backup_dir":
            value = settings.effective_backup_dir
        if name == "pin_key_file":
            value = settings.effective_pin_key_path
        if name == "admin_pin_hash":
            value = "(set)" if value else "(not set: kiosk mode cannot be left on screen)"
        if isinstance(value, tuple):
            value = ", ".join(str(v) for v in value) or "(none)"
        rows.append((f"{section}.{key}", str(value),
                     settings.origins.get(f"{section}.{key}", "default")))
    for source in settings.hub_sources:
        masked = "****" if source.key else ""
        area = f" within {source.area.radius_m:.0f} m" if source.area else ""
        rows.append((f"hub.sources[{source.id}]",
                     f"{source.kind} {source.url} key={masked} every {source.interval_s}s{area}"
                     f"{'' if source.enabled else ' (disabled)'}",
                     settings.origins.get("hub.sources", "default")))
    return rows


def _mask_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1****@", url)
