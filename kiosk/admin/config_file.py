"""Write desk edits back to the TOML config: only the changed keys' lines are touched,
the result is validated by loading it again, and the file is replaced in one step."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.config import FIELDS, ConfigError, Settings, load_settings

# What the desk lets a manager edit; the rest stays in the file (database, panel, sources).
EDITABLE: tuple[tuple[str, str], ...] = (
    ("village", "name"), ("village", "name_en"),
    ("kiosk", "label"), ("kiosk", "label_en"), ("kiosk", "lat"), ("kiosk", "lon"),
    ("kiosk", "language"), ("kiosk", "idle_timeout_s"), ("kiosk", "home_idle_timeout_s"),
    ("security", "pin_max_attempts"), ("security", "pin_lock_minutes"),
    ("hub", "radius_km"), ("tiles", "packs"), ("holidays", "public"), ("holidays", "extra"),
    ("office", "name"), ("office", "name_en"), ("office", "phone"), ("office", "hours"),
    ("office", "hours_en"), ("office", "url"),
)


def current_value(settings: Settings, section: str, key: str) -> Any:
    value: Any = settings
    for part in FIELDS[section, key][0].split("."):  # "office.phone" → settings.office.phone
        value = getattr(value, part)
    return value


def toml_value(value: Any) -> str:
    """A TOML literal for the values the desk edits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Path):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def edited_text(text: str, changes: dict[tuple[str, str], Any]) -> str:
    """The file with each changed key rewritten in place, or added to its section."""
    lines = text.splitlines()
    for (section, key), value in changes.items():
        literal = f"{key} = {toml_value(value)}"
        current: str | None = None
        section_end: int | None = None
        replaced = False
        for index, line in enumerate(lines):
            stripped = line.strip()
            header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
            if header:
                if current == section and section_end is None:
                    section_end = index
                current = header.group(1)
                continue
            if current == section and re.match(rf"^\"?{re.escape(key)}\"?\s*=", stripped):
                lines[index] = literal
                replaced = True
                break
        if replaced:
            continue
        if current == section and section_end is None:
            section_end = len(lines)
        if section_end is not None:
            while section_end > 0 and not lines[section_end - 1].strip():
                section_end -= 1
            lines.insert(section_end, literal)
        else:
            if lines and lines[-1].strip():
                lines.append("")
            lines += [f"[{section}]", literal]
    return "\n".join(lines) + "\n"


def save_changes(path: Path, changes: dict[tuple[str, str], Any]) -> Settings:
    """Validate and write; a bad value raises ``ConfigError`` and the file is untouched."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for (section, key), value in changes.items():
        validate = FIELDS[section, key][1]
        try:
            validate(list(value) if isinstance(value, tuple) else value)
        except ValueError as exc:
            raise ConfigError(f"{section}.{key} {exc}") from None
    new_text = edited_text(text, changes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(new_text, encoding="utf-8")
    try:
        settings = load_settings(tmp, environ={})
    except ConfigError as exc:
        tmp.unlink()
        raise ConfigError(str(exc).replace(str(tmp), str(path))) from None
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    tmp.replace(path)
    return settings
