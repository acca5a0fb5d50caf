"""An optional nightly restart in a quiet window, put off while someone uses the screen.

A fresh process each night bounds whatever a months-long run could accumulate. The
restart is an ordinary clean exit; systemd's ``Restart=always`` starts the kiosk again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from kiosk.domain.clock import to_local

IDLE_BEFORE_RESTART = timedelta(minutes=5)
MIN_UPTIME = timedelta(hours=2)


def parse_window(text: str) -> tuple[time, time] | None:
    """``"04:00-05:00"`` → the two times; ``""`` → None (no nightly restart)."""
    if not text:
        return None
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)", text)
    if not match:
        raise ValueError('must be a time window like "04:00-05:00", or "" for none')
    first = time(int(match[1]), int(match[2]))
    last = time(int(match[3]), int(match[4]))
    if first == last:
        raise ValueError("the window must not be empty")
    return first, last


@dataclass(frozen=True)
class NightlyRestart:
    start: time
    end: time
    started_at: datetime

    def in_window(self, now: datetime) -> bool:
        local = to_local(now).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # a window across midnight

    def due(self, now: datetime, last_touch: datetime | None) -> bool:
        """In the window, up long enough (so it runs once a night), and idle for 5 min."""
        if not self.in_window(now) or now - self.started_at < MIN_UPTIME:
            return False
        return last_touch is None or now - last_touch >= IDLE_BEFORE_RESTART
