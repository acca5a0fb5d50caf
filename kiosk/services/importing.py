"""Imports and exports of households, resources and bookings: all-or-nothing.

Files are parsed completely and every bad row is reported with its line number
before anything is written; then everything is written in one transaction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import Actor, Booking
from kiosk.domain.errors import BookingRefused
from kiosk.domain.households import (
    Household,
    PinHasher,
    check_building_unit,
    check_pin_format,
)
from kiosk.domain.owners import Owner
from kiosk.domain.plates import is_valid_plate, normalise_plate
from kiosk.domain.policy import BookingRequest
from kiosk.domain.resources import Location, Resource, ResourceKind, check_local_id
from kiosk.domain.rules_codec import rules_from_dict, rules_to_dict
from kiosk.services.booking import BookingService
from kiosk.services.ports import Clock, UnitOfWorkFactory
from kiosk.services.spreadsheet import csv_row

HOUSEHOLD_COLUMNS = ("building", "unit", "pin", "plates", "active")
# The same columns as a Korean spreadsheet names them (the desk's template uses these).
HOUSEHOLD_COLUMNS_KO = ("동", "호", "비밀번호", "차량번호", "사용")
_HOUSEHOLD_ALIASES = dict(zip(HOUSEHOLD_COLUMNS_KO, HOUSEHOLD_COLUMNS, strict=True)) | {
    "pin": "pin", "동번호": "building", "호수": "unit", "차량": "plates", "사용여부": "active"}
_YES = ("yes", "true", "1", "y", "예", "네", "o", "사용")
_NO = ("no", "false", "0", "n", "아니오", "아니요", "x", "중지")
BOOKING_COLUMNS = ("resource", "household", "start", "end", "units", "plate")


@dataclass(frozen=True)
class RowError:
    """One bad row: the line in the file (1 = header) and what is wrong."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportRefused(Exception):
    """The file was refused as a whole; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM, as Excel's "CSV UTF-8" writes it) or CP949.

    CP949 is what Korean Excel writes for plain "CSV"; anything else is refused
    rather than guessed, so no name is silently garbled.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp949")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = ("the file is neither UTF-8 nor CP949 text; "
                   "save it from the spreadsheet as 'CSV UTF-8'")
        raise ImportRefused([RowError(line, message)]) from None


def _rows(text: str, columns: tuple[str, ...], required: set[str],
          aliases: dict[str, str] | None = None,
          ) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if aliases:
        header = [aliases.get(h, h) for h in header]
    missing = required - set(header)
    if missing:
        return [], [RowError(1, f"missing column(s): {', '.join(sorted(missing))}; "
                                f"expected {','.join(columns)}")]
    unknown = set(header) - set(columns)
    if unknown:
        return [], [RowError(1, f"unknown column(s): {', '.join(sorted(unknown))}")]
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    for record in reader:
        line = reader.line_num
        if None in record:
            return rows, [RowError(line, "more values than columns")]
        cleaned = {k: (v or "").strip() for k, v in record.items()}
        if any(cleaned.values()):
            rows.append((line, cleaned))
    return rows, []


@dataclass(frozen=True)
class PreviewLine:
    """One good row of a households file and what importing it would do."""

    line: int
    household: str
    action: str  # "add" or "update"
    sets_pin: bool
    plates: tuple[str, ...]
    active: bool


@dataclass(frozen=True)
class HouseholdPreview:
    lines: list[PreviewLine]
    errors: list[RowError]


def _parse_households(raw: bytes) -> tuple[
        list[tuple[int, str, str, str | None, tuple[str, ...], bool]], list[RowError]]:
    rows, errors = _rows(decode_csv(raw), HOUSEHOLD_COLUMNS, {"building", "unit"},
                         _HOUSEHOLD_ALIASES)
    parsed: list[tuple[int, str, str, str | None, tuple[str, ...], bool]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        building = row["building"].removesuffix("동")
        unit = row["unit"].removesuffix("호")
        try:
            check_building_unit(building, unit)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if (building, unit) in seen:
            first = seen[building, unit]
            errors.append(RowError(line, f"{building}-{unit} repeats line {first}"))
            continue
        seen[building, unit] = line
        pin = row.get("pin") or None
        if pin is not None:
            try:
                check_pin_format(pin)
            except ValueError:
                errors.append(RowError(line, "PIN must be 4 digits"))
                continue
        plates = tuple(normalise_plate(p) for p in
                       row.get("plates", "").replace(";", " ").split() if p)
        bad = [p for p in plates if not is_valid_plate(p)]
        if bad:
            errors.append(RowError(line, f"not a Korean vehicle plate: {bad[0]}"))
            continue
        active_text = (row.get("active") or "yes").lower()
        if active_text not in _YES + _NO:
            errors.append(RowError(line, f"active must be yes or no, got {active_text!r}"))
            continue
        parsed.append((line, building, unit, pin, plates, active_text in _YES))
    return parsed, errors


def household_template() -> str:
    """A households file with Korean headers and one example row, as the desk offers it
    for download: a volunteer fills it in a spreadsheet rather than guess the columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HOUSEHOLD_COLUMNS_KO)
    writer.writerow(("101", "1203", "4821", "12가3456", "예"))
    writer.writerow(("102", "302", "0917", "", "예"))
    return out.getvalue()


@dataclass
class VillageAdmin:
    """The association's bulk operations on the village."""

    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PinHasher = field(default_factory=PinHasher)

    # ---------------------------------------------------------------- households
    def preview_households(self, raw: bytes) -> HouseholdPreview:
        """What an import would do, line by line, without writing anything."""
        try:
            parsed, errors = _parse_households(raw)
        except ImportRefused as exc:
            return HouseholdPreview([], exc.errors)
        lines: list[PreviewLine] = []
        with self.uow() as uow:
            for line, building, unit, pin, plates, active in parsed:
                existing = uow.households.find(building, unit)
                if existing is None and pin is None:
                    errors.append(RowError(line, f"{building}-{unit} is new and needs a PIN"))
                    continue
                lines.append(PreviewLine(line, f"{building}-{unit}",
                                         "add" if existing is None else "update",
                                         pin is not None, plates, active))
        return HouseholdPreview(lines, sorted(errors, key=lambda e: e.line))

    def import_households(self, raw: bytes, actor: Actor) -> tuple[int, int]:
        """Add or update households from CSV; returns (added, updated)."""
        parsed, errors = _parse_households(raw)
        if errors:
            raise ImportRefused(errors)
        now = self.clock()
        added = updated = 0
        with self.uow(write=True) as uow:
            for line, building, unit, pin, plates, active in parsed:
                existing = uow.households.find(building, unit)
                if existing is None:
                    if pin is None:
                        errors.append(RowError(line, f"{building}-{unit} is new and needs a PIN"))
                        continue
                    uow.households.add(Household(building, unit, self.hasher.hash(pin),
                                                 active=active, plates=plates), now)
                    added += 1
                else:
                    changed = replace(existing, active=active, plates=plates or existing.plates)
                    if pin is not None:
                        changed = replace(changed, pin_hash=self.hasher.hash(pin),
                                          failed_attempts=0, locked_until=None)
                    uow.households.save(changed, now)
                    updated += 1
            if errors:
                raise ImportRefused(errors)
            uow.audit.add(AuditEntry(now, actor.label, "household.import", "household", "*",
                                     {"added": added, "updated": updated}))
            uow.commit()
        return added, updated

    def export_households(self) -> str:
        """CSV without PINs (they are stored only as hashes)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("building", "unit", "plates", "active"))
        with self.uow() as uow:
            for h in uow.households.list():
                writer.writerow(csv_row((h.building, h.unit, " ".join(h.plates),
                                         "yes" if h.active else "no")))
        return out.getvalue()

    def reset_pin(self, building: str, unit: str, pin: str, actor: Actor) -> None:
        """Set a new PIN and clear any lockout."""
        check_pin_format(pin)
        now = self.clock()
        with self.uow(write=True) as uow:
            household = uow.households.find(building, unit, for_update=True)
            if household is None:
                raise LookupError(f"no household {building}-{unit}")
            uow.households.save(replace(household, pin_hash=self.hasher.hash(pin),
                                        failed_attempts=0, locked_until=None), now)
            uow.audit.add(AuditEntry(now, actor.label, "household.reset_pin", "household",
                                     household.label, {}))
            uow.commit()

    # ----------------------------------------------------------------- resources
    def import_resources(self, records: list[dict[str, Any]], actor: Actor) -> int:
        """Create or replace resources from parsed TOML/JSON records (``[[resource]]``)."""
        errors: list[RowError] = []
        resources: list[Resource] = []
        seen: set[str] = set()
        for index, record in enumerate(records, start=1):
            try:
                resource = resource_from_record(record)
            except (KeyError, TypeError, ValueError) as exc:
                name = exc.args[0] if isinstance(exc, KeyError) else exc
                what = f"missing {name}" if isinstance(exc, KeyError) else str(name)
                errors.append(RowError(index, f"resource {record.get('id', '?')}: {what}"))
                continue
            if resource.id in seen:
                errors.append(RowError(index, f"resource id {resource.id} repeats"))
            seen.add(resource.id)
            resources.append(resource)
        if errors:
            raise ImportRefused(errors)
        now = self.clock()
        with self.uow(write=True) as uow:
            for resource in resources:
                existing = uow.resources.get_for_update(resource.id)
                if existing is not None and existing.live is not None:
                    resource = replace(resource, live=existing.live)
                uow.resources.save(resource, now)
            uow.audit.add(AuditEntry(now, actor.label, "resource.import", "resource", "*",
                                     {"ids": [r.id for r in resources]}))
            uow.commit()
        return len(resources)

    def export_resources(self) -> list[dict[str, Any]]:
        with self.uow() as uow:
            return [resource_to_record(r) for r in uow.resources.list(source="local")]

    # ------------------------------------------------------------------ bookings
    def import_bookings(self, raw: bytes, actor: Actor, bookings: BookingService
                        ) -> list[Booking]:
        """Book every row, all or nothing; each row goes through every booking rule."""
        rows, errors = _rows(decode_csv(raw), BOOKING_COLUMNS,
                             {"resource", "household", "start", "end"})
        requests: list[tuple[int, BookingRequest, str, str]] = []
        for line, row in rows:
            try:
                start = datetime.fromisoformat(row["start"])
                end = datetime.fromisoformat(row["end"])
                if start.tzinfo is None or end.tzinfo is None:
                    raise ValueError("dates need a time zone, e.g. 2026-12-01T10:00+09:00")
                units = int(row.get("units") or 1)
                building, _, unit = row["household"].partition("-")
                if not (building.isdigit() and unit.isdigit()):
                    raise ValueError(f"household must look like 101-1203, got {row['household']!r}")
            except ValueError as exc:
                errors.append(RowError(line, str(exc)))
                continue
            requests.append((line, BookingRequest(row["resource"], start, end, units,
                                                  row.get("plate") or None), building, unit))
        if errors:
            raise ImportRefused(errors)
        made: list[Booking] = []
        with self.uow(write=True) as uow:
            for line, request, building, unit in requests:
                if uow.resources.get(request.resource_id) is None:
                    errors.append(RowError(line, f"unknown resource {request.resource_id}"))
                    continue
                household = uow.households.find(building, unit)
                if household is None or household.id is None:
                    errors.append(RowError(line, f"unknown household {building}-{unit}"))
                    continue
                try:
                    made.append(bookings.book_in(uow, request, household.id, actor))
                except BookingRefused as exc:
                    errors.append(RowError(line, f"not bookable: {exc.reason.value}"))
            if errors:
                raise ImportRefused(errors)
            uow.commit()
        return made


def resource_from_record(record: dict[str, Any]) -> Resource:
    """A resource from a ``[[resource]]`` table of a village file."""
    check_local_id(str(record["id"]))
    return Resource(
        id=str(record["id"]),
        kind=ResourceKind(record["kind"]),
        name_ko=str(record["name_ko"]),
        name_en=str(record.get("name_en", "")),
        description_ko=str(record.get("description_ko", "")),
        description_en=str(record.get("description_en", "")),
        location=Location(float(record["lat"]), float(record["lon"]),
                          str(record.get("address", "")), str(record.get("where_ko", "")),
                          str(record.get("where_en", ""))),
        capacity=int(record.get("capacity", 1)),
        bookable=bool(record.get("bookable", True)),
        out_of_service_reason=record.get("out_of_service_reason"),
        rules=rules_from_dict(record.get("rules", {})),
        owner=_record_owner(record.get("owner")),
    )


def _record_owner(value: Any) -> Owner | None:
    """``owner = { kind = "group", name = "…" }`` of a village file; absent: the village
    (named as the kiosk's settings name it)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("owner must be a table: { kind = \"group\", name = \"…\" }")
    return Owner.from_dict(value)


def resource_to_record(resource: Resource) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": resource.id, "kind": resource.kind.value,
        "name_ko": resource.name_ko, "name_en": resource.name_en,
        "description_ko": resource.description_ko, "description_en": resource.description_en,
        "lat": resource.location.lat, "lon": resource.location.lon,
        "address": resource.location.address,
        "where_ko": resource.location.where_ko, "where_en": resource.location.where_en,
        "capacity": resource.capacity, "bookable": resource.bookable,
        "rules": rules_to_dict(resource.rules),
    }
    if resource.out_of_service_reason:
        record["out_of_service_reason"] = resource.out_of_service_reason
    if resource.owner is not None:
        record["owner"] = resource.owner.as_dict()
    return record
