"""Notices of the residents' association: what the lobby screen shows between bookings.

A notice runs from its first to its last day (Seoul dates, both included); pinned
notices come first, then the newest. The kiosk turns them over slowly enough to be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

TITLE_MAX = 60
BODY_MAX = 600
IMAGE_MAX_BYTES = 2 * 1024 * 1024
MIN_SHOWN_S = 8
"""No notice leaves the screen sooner: time to read three short lines, twice."""
SHOWN_PER_CHAR_S = 0.12
"""Longer notices stay longer (an unhurried reader, about eight characters a second)."""
MAX_SHOWN_S = 30

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


class NoticeProblem(StrEnum):
    NO_TITLE = "no_title"
    NO_BODY = "no_body"
    TITLE_TOO_LONG = "title_too_long"
    BODY_TOO_LONG = "body_too_long"
    DAYS_REVERSED = "days_reversed"
    IMAGE_TOO_LARGE = "image_too_large"
    NOT_A_PICTURE = "not_a_picture"


_PROBLEM_TEXT = {
    NoticeProblem.NO_TITLE: "a notice needs a title",
    NoticeProblem.NO_BODY: "a notice needs a text",
    NoticeProblem.TITLE_TOO_LONG: f"a title is at most {TITLE_MAX} characters",
    NoticeProblem.BODY_TOO_LONG: f"a text is at most {BODY_MAX} characters",
    NoticeProblem.DAYS_REVERSED: "the last day comes before the first day",
    NoticeProblem.IMAGE_TOO_LARGE:
        f"the picture is larger than {IMAGE_MAX_BYTES // (1024 * 1024)} MB",
    NoticeProblem.NOT_A_PICTURE: "the picture is not a PNG or JPEG file",
}


class NoticeInvalid(ValueError):
    """A notice that cannot be posted; ``problem`` lets each screen say it in its words."""

    def __init__(self, problem: NoticeProblem) -> None:
        self.problem = problem
        super().__init__(_PROBLEM_TEXT[problem])


@dataclass(frozen=True)
class Notice:
    title_ko: str
    body_ko: str
    first_day: date
    last_day: date | None = None
    title_en: str = ""
    body_en: str = ""
    pinned: bool = False
    image: bytes | None = None
    created_by: str = ""
    created_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.title_ko.strip():
            raise NoticeInvalid(NoticeProblem.NO_TITLE)
        if not self.body_ko.strip():
            raise NoticeInvalid(NoticeProblem.NO_BODY)
        if max(len(self.title_ko), len(self.title_en)) > TITLE_MAX:
            raise NoticeInvalid(NoticeProblem.TITLE_TOO_LONG)
        if max(len(self.body_ko), len(self.body_en)) > BODY_MAX:
            raise NoticeInvalid(NoticeProblem.BODY_TOO_LONG)
        if self.last_day is not None and self.last_day < self.first_day:
            raise NoticeInvalid(NoticeProblem.DAYS_REVERSED)
        if self.image is not None:
            check_image(self.image)

    def is_current(self, today: date) -> bool:
        return self.first_day <= today and (self.last_day is None or today <= self.last_day)

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_ko

    def body(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body_ko

    def shown_for_s(self, language: str = "ko") -> float:
        """How long the attract screen keeps this notice up."""
        reading = (len(self.title(language)) + len(self.body(language))) * SHOWN_PER_CHAR_S
        return min(MAX_SHOWN_S, max(MIN_SHOWN_S, reading))


def check_image(data: bytes) -> None:
    """PNG or JPEG, small enough for every kiosk to load from the shared database."""
    if len(data) > IMAGE_MAX_BYTES:
        raise NoticeInvalid(NoticeProblem.IMAGE_TOO_LARGE)
    if not data.startswith(_IMAGE_MAGIC):
        raise NoticeInvalid(NoticeProblem.NOT_A_PICTURE)


def board_order(notices: list[Notice], today: date) -> list[Notice]:
    """Current notices: pinned first, then the newest first day, then the newest written."""
    current = [n for n in notices if n.is_current(today)]
    return sorted(current, key=lambda n: (not n.pinned, -n.first_day.toordinal(), -(n.id or 0)))


@dataclass(frozen=True)
class NewsItem:
    """An item of a hub feed's newsletter, as stored: its source and date are shown."""

    source_id: str
    external_id: str
    title_ko: str
    summary_ko: str
    published: date
    title_en: str = ""
    summary_en: str = ""
    link: str = ""
    provider: str = ""

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_ko

    def summary(self, language: str) -> str:
        return self.summary_en if language == "en" and self.summary_en else self.summary_ko
