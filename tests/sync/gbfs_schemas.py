"""Focused JSON Schemas for the GBFS files the kiosk reads (v2.3 and v3.0).

Written from the GBFS specification's field tables: they check what the kiosk relies
on (required fields, types, ranges, the version-specific differences) rather than the
whole standard, so fixture and demo feeds stay honest examples of real feeds.
"""

from __future__ import annotations

from typing import Any

LANG = {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Z]{2})?$"}
LOCALIZED = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "properties": {"text": {"type": "string"}, "language": LANG},
        "required": ["text", "language"],
    },
}
RFC3339 = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
}
POSIX = {"type": "integer", "minimum": 1450155600}
COUNT = {"type": "integer", "minimum": 0}
LAT = {"type": "number", "minimum": -90, "maximum": 90}
LON = {"type": "number", "minimum": -180, "maximum": 180}
FEED_NAMES_V2 = [
    "gbfs",
    "gbfs_versions",
    "system_information",
    "vehicle_types",
    "station_information",
    "station_status",
    "free_bike_status",
    "system_hours",
    "system_alerts",
    "system_calendar",
    "system_regions",
    "system_pricing_plans",
    "geofencing_zones",
]
FEED_NAMES_V3 = [
    "gbfs",
    "gbfs_versions",
    "system_information",
    "vehicle_types",
    "station_information",
    "station_status",
    "vehicle_status",
    "system_alerts",
    "system_regions",
    "system_pricing_plans",
    "geofencing_zones",
    "manifest",
]


def _envelope(version: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "last_updated": POSIX if version == "2.3" else RFC3339,
            "ttl": COUNT,
            "version": {"const": version},
            "data": data,
        },
        "required": ["last_updated", "ttl", "version", "data"],
    }


def _feeds(names: list[str]) -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "properties": {
                "name": {"enum": names},
                "url": {"type": "string", "pattern": "^https?://"},
            },
            "required": ["name", "url"],
        },
    }


def _list_of(key: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: {"type": "array", "items": item}},
        "required": [key],
    }


def _vehicle(version: str) -> dict[str, Any]:
    id_field = "bike_id" if version == "2.3" else "vehicle_id"
    return {
        "type": "object",
        "properties": {
            id_field: {"type": "string"},
            "lat": LAT,
            "lon": LON,
            "is_reserved": {"type": "boolean"},
            "is_disabled": {"type": "boolean"},
            "vehicle_type_id": {"type": "string"},
            "station_id": {"type": "string"},
            "last_reported": POSIX if version == "2.3" else RFC3339,
            "current_fuel_percent": {"type": "number", "minimum": 0, "maximum": 1},
        },
        "required": [id_field, "is_reserved", "is_disabled"],
        "anyOf": [{"required": ["lat", "lon"]}, {"required": ["station_id"]}],
    }


def _vehicle_type(version: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "vehicle_type_id": {"type": "string"},
            "form_factor": {
                "enum": [
                    "bicycle",
                    "cargo_bicycle",
                    "car",
                    "moped",
                    "scooter_standing",
                    "scooter_seated",
                    "other",
                ]
            },
            "propulsion_type": {
                "enum": [
                    "human",
                    "electric_assist",
                    "electric",
                    "combustion",
                    "combustion_diesel",
                    "hybrid",
                    "plug_in_hybrid",
                    "hydrogen_fuel_cell",
                ]
            },
            "name": {"type": "string"} if version == "2.3" else LOCALIZED,
            "max_range_meters": {"type": "number", "minimum": 0},
        },
        "required": ["vehicle_type_id", "form_factor", "propulsion_type"],
        # Motorised vehicles must state their range.
        "if": {"properties": {"propulsion_type": {"not": {"const": "human"}}}},
        "then": {"required": ["max_range_meters"]},
    }


def schemas(version: str) -> dict[str, dict[str, Any]]:
    """Schema per file name for GBFS `version` ("2.3" or "3.0")."""
    v2 = version == "2.3"
    count_field = "num_bikes_available" if v2 else "num_vehicles_available"
    station_info = {
        "type": "object",
        "properties": {
            "station_id": {"type": "string"},
            "name": {"type": "string"} if v2 else LOCALIZED,
            "lat": LAT,
            "lon": LON,
            "capacity": COUNT,
            "address": {"type": "string"},
            "short_name": {"type": "string"} if v2 else LOCALIZED,
            "rental_methods": {"type": "array", "items": {"enum": [
                m.upper() if v2 else m for m in ("key", "creditcard", "paypass", "applepay",
                                                 "androidpay", "transitcard", "accountnumber",
                                                 "phone")]}},
            "rental_uris": {
                "type": "object",
                "properties": {k: {"type": "string", "format": "uri"}
                               for k in ("android", "ios", "web")},
                "additionalProperties": False,
            },
        },
        "required": ["station_id", "name", "lat", "lon"],
    }
    station_status = {
        "type": "object",
        "properties": {
            "station_id": {"type": "string"},
            count_field: COUNT,
            "num_docks_available": COUNT,
            "is_installed": {"type": "boolean"},
            "is_renting": {"type": "boolean"},
            "is_returning": {"type": "boolean"},
            "last_reported": POSIX if v2 else RFC3339,
        },
        "required": [
            "station_id",
            count_field,
            "is_installed",
            "is_renting",
            "is_returning",
            "last_reported",
        ],
    }
    if v2:
        discovery = {
            "type": "object",
            "minProperties": 1,
            "propertyNames": LANG,
            "additionalProperties": {
                "type": "object",
                "properties": {"feeds": _feeds(FEED_NAMES_V2)},
                "required": ["feeds"],
            },
        }
        system = {
            "type": "object",
            "properties": {
                "system_id": {"type": "string"},
                "language": LANG,
                "name": {"type": "string"},
                "operator": {"type": "string"},
                "phone_number": {"type": "string"},
                "timezone": {"type": "string"},
            },
            "required": ["system_id", "language", "name", "timezone"],
        }
    else:
        discovery = {
            "type": "object",
            "properties": {"feeds": _feeds(FEED_NAMES_V3)},
            "required": ["feeds"],
        }
        system = {
            "type": "object",
            "properties": {
                "system_id": {"type": "string"},
                "languages": {"type": "array", "items": LANG},
                "name": LOCALIZED,
                "operator": LOCALIZED,
                "phone_number": {"type": "string"},
                "opening_hours": {"type": "string"},
                "feed_contact_email": {"type": "string"},
                "timezone": {"type": "string"},
            },
            "required": [
                "system_id",
                "languages",
                "name",
                "opening_hours",
                "feed_contact_email",
                "timezone",
            ],
        }
    vehicles_file = "free_bike_status" if v2 else "vehicle_status"
    return {
        "gbfs": _envelope(version, discovery),
        "system_information": _envelope(version, system),
        "station_information": _envelope(version, _list_of("stations", station_info)),
        "station_status": _envelope(version, _list_of("stations", station_status)),
        vehicles_file: _envelope(
            version, _list_of("bikes" if v2 else "vehicles", _vehicle(version))
        ),
        "vehicle_types": _envelope(version, _list_of("vehicle_types", _vehicle_type(version))),
    }
