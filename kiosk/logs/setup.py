"""Log set-up for the kiosk process: JSON lines in ``<data>/logs/kiosk.log``, rotated.

One JSON object per line (``ts``, ``level``, ``logger``, ``msg``, ``kiosk`` and any
``extra=`` fields) so the association's staff or a script can read months of logs.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kiosk.logs.privacy import STANDARD_ATTRIBUTES, PrivacyFilter

LOG_NAME = "kiosk.log"


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record; times in UTC with milliseconds."""

    def __init__(self, kiosk_id: str) -> None:
        super().__init__()
        self.kiosk_id = kiosk_id

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "kiosk": self.kiosk_id,
        }
        for key in sorted(set(vars(record)) - STANDARD_ATTRIBUTES):
            value = getattr(record, key)
            entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


@dataclass
class LogSetup:
    """The handlers installed on the root logger; ``close()`` removes them at exit."""

    path: Path
    handlers: list[logging.Handler] = field(default_factory=list)
    previous_level: int = logging.WARNING

    def close(self) -> None:
        root = logging.getLogger()
        root.setLevel(self.previous_level)
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        self.handlers.clear()


def configure_logging(log_dir: Path, kiosk_id: str, max_bytes: int = 5_000_000,
                      keep_files: int = 10, level: int = logging.INFO,
                      console: bool = True) -> LogSetup:
    """Install the rotating JSON file handler (and a short console line) with masking.

    Raises ``OSError`` when the folder cannot be created or written; the caller decides
    whether to run without a log file.
    """
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o750)
    path = log_dir / LOG_NAME
    privacy = PrivacyFilter()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=keep_files, encoding="utf-8")
    file_handler.setFormatter(JsonLineFormatter(kiosk_id))
    file_handler.addFilter(privacy)
    handlers: list[logging.Handler] = [file_handler]
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(privacy)
        handlers.append(stream)
    root = logging.getLogger()
    previous = root.level
    for handler in handlers:
        root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return LogSetup(path, handlers, previous)
