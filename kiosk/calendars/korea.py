"""Korean public holidays from the ``holidays`` package, plus the village's own days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import holidays


class KoreanHolidays:
    """Public holidays of South Korea (lunar ones included) and configured extra days."""

    def __init__(self, observe_public: bool = True, extra: Iterable[date] = ()) -> None:
        self._observe = observe_public
        self._extra = frozenset(extra)
        self._years: dict[int, frozenset[date]] = {}

    def _year(self, year: int) -> frozenset[date]:
        if year not in self._years:
            self._years[year] = frozenset(holidays.country_holidays("KR", years=year))
        return self._years[year]

    def holidays_between(self, first: date, last: date) -> frozenset[date]:
        found = {d for d in self._extra if first <= d <= last}
        if self._observe:
            for year in range(first.year, last.year + 1):
                found |= {d for d in self._year(year) if first <= d <= last}
        return frozenset(found)

    def name(self, day: date) -> str | None:
        """The holiday's Korean name, for "closed: 추석" messages."""
        if not self._observe:
            return None
        names = holidays.country_holidays("KR", years=day.year, language="ko")
        return names.get(day)
