"""Owners, the feeds' facts as detail lines, provider links and ranked search (domain)."""

from __future__ import annotations

import pytest

from kiosk.domain.listing_facts import Fact, listing_facts, provider_link
from kiosk.domain.owners import SEOUL_CITY, Owner, OwnerKind, guess_kind, owner_from_facts
from kiosk.domain.search import Candidate, search


@pytest.mark.parametrize(("name", "kind"), [
    ("서울특별시", OwnerKind.CITY),
    ("서울시설공단", OwnerKind.CITY),
    ("성북구청", OwnerKind.DISTRICT),
    ("성북구", OwnerKind.DISTRICT),
    ("성북구 공구도서관", OwnerKind.DISTRICT),
    ("길음 수리 협동조합", OwnerKind.GROUP),
    ("길음동 주민자치회", OwnerKind.GROUP),
    ("(주)그린카", OwnerKind.COMPANY),
    ("나눔카 (서울시)", OwnerKind.COMPANY),
])
def test_owner_kind_guessed_from_a_provider_name(name: str, kind: OwnerKind) -> None:
    assert guess_kind(name) is kind


def test_owner_dict_and_facts_round_trip() -> None:
    owner = Owner(OwnerKind.GROUP, "길음 공구도서관 모임", "Gireum Tool Library Circle")
    assert Owner.from_dict(owner.as_dict()) == owner
    assert owner_from_facts(owner.as_facts()) == owner
    assert SEOUL_CITY.as_dict() == {"kind": "city", "name": "서울특별시",
                                    "name_en": "Seoul Metropolitan Government"}
    assert owner.display_name("en") == "Gireum Tool Library Circle"
    # Stored before owners were kept: the provider text stands in.
    assert owner_from_facts({"provider": "성북구청"}) == Owner(OwnerKind.DISTRICT, "성북구청")
    assert owner_from_facts({"owner_kind": "nobody", "owner_name": "x"}) is None
    with pytest.raises(ValueError, match="owner kind must be one of"):
        Owner.from_dict({"kind": "state", "name": "x"})
    with pytest.raises(ValueError, match="needs a name"):
        Owner.from_dict({"kind": "city", "name": " "})


def test_facts_of_a_ttareungyi_station_in_order() -> None:
    facts = {
        "station_no": "3504", "docks_available": "6", "electric_available": "2",
        "vehicle_types": "일반 6, 전기 2", "rent_how_ko": "따릉이 앱 또는 대여소 단말기에서 대여",
        "rent_how_en": "Rent with the Ttareungyi app or at the station's terminal",
        "phone": "1599-0120", "price_ko": "1시간권 1,000원", "price_en": "1-hour pass KRW 1,000",
        "hours": "24시간", "service_ko": "따릉이", **SEOUL_CITY.as_facts(),
    }
    lines = listing_facts(facts)
    assert [f.label_en for f in lines] == [
        "Station number", "Free docks", "E-bikes", "Vehicle types", "Price", "Hours",
        "How to rent", "Phone", "Provided by"]
    assert lines[0] == Fact("대여소 번호", "Station number", "3504")
    assert (lines[1].text("ko"), lines[1].text("en")) == ("6개", "6")
    assert lines[6].text("ko") == "따릉이 앱 또는 대여소 단말기에서 대여"
    assert lines[6].text("en").startswith("Rent with")
    assert lines[-1].text("en") == "Seoul Metropolitan Government"


def test_facts_of_a_scooter_and_a_parking_lot() -> None:
    scooter = listing_facts({"battery_pct": "48", "range_m": "12400",
                             "propulsion": "electric", "form_factor": "scooter_standing"})
    assert [(f.label_en, f.text("en")) for f in scooter] == [
        ("Power", "Electric"), ("Battery", "48%"), ("Range", "12.4 km")]
    lot = listing_facts({"paid": "유료", "fee_base_krw": "150", "fee_base_min": "5",
                         "fee_add_krw": "150", "fee_add_min": "5", "fee_day_max_krw": "30000",
                         "hours_weekday": "00:00-24:00", "phone": "02-2241-3111",
                         "lot_type": "노외 주차장"})
    assert [(f.label_ko, f.text("ko")) for f in lot] == [
        ("요금 구분", "유료"), ("기본 요금", "150원 / 5분"), ("추가 요금", "150원 / 5분"),
        ("일 최대 요금", "30,000원"), ("평일 운영", "00:00-24:00"), ("전화", "02-2241-3111"),
        ("주차장 종류", "노외 주차장")]
    assert lot[1].text("en") == "KRW 150 per 5 min" and lot[0].text("en") == "Paid"
    assert listing_facts({}) == []


def test_provider_link_prefers_the_web_and_hands_on_only_web_links() -> None:
    assert provider_link({"rental_uri_web": "https://bike.example/s/1",
                          "rental_uri_ios": "https://bike.example/ios"}) == \
        "https://bike.example/s/1"
    assert provider_link({"rental_uri_android": "https://bike.example/a"}) == \
        "https://bike.example/a"
    assert provider_link({"url": "https://hub.example/room"}) == "https://hub.example/room"
    assert provider_link({"url": "javascript:alert(1)"}) is None
    assert provider_link({"url": "bikeapp://x"}) is None
    assert provider_link({}) is None


VILLAGE = Owner(OwnerKind.VILLAGE, "길음 나눔마을")
DISTRICT = Owner(OwnerKind.DISTRICT, "성북구청")


def candidates() -> list[Candidate[str]]:
    return [
        Candidate("bike-far", "hub-1", "seoul-bikes", "bike", "길음역 1번출구",
                  address="", owner=SEOUL_CITY, distance_m=420.0, words=("따릉이", "3501")),
        Candidate("bike-near", "hub-2", "seoul-bikes", "bike", "길음시장 입구",
                  owner=SEOUL_CITY, distance_m=150.0, words=("따릉이", "3504")),
        Candidate("parking-local", "parking-b2", "local", "parking", "공유주차장 B2 북측",
                  "Shared parking B2 north", "서울특별시 성북구 길음동 1287", VILLAGE, 30.0),
        Candidate("parking-city", "hub-3", "seoul-parking", "parking", "길음1동 공영주차장",
                  address="서울특별시 성북구 길음동 1283", owner=SEOUL_CITY, distance_m=300.0),
        Candidate("room", "hub-4", "hub", "space", "길음1동 주민센터 나눔공간",
                  "Gireum 1-dong Community Sharing Room", owner=DISTRICT, distance_m=200.0),
        Candidate("nowhere", "x", "hub", "item", "우산", owner=None, distance_m=None),
    ]


def found(query: str, **filters: object) -> list[str]:
    return [h.item for h in search(candidates(), query, **filters)]  # type: ignore[arg-type]


def test_search_by_name_initials_kind_and_owner_nearest_first() -> None:
    assert found("ㄱㅇ") == ["parking-local", "bike-near", "room", "parking-city", "bike-far"]
    assert found("길음시") == ["bike-near"]
    assert found("ㄷㄹㅇ") == ["bike-near", "bike-far"]      # 따릉이, the service's name
    assert found("주차") == ["parking-local", "parking-city"]  # the kind's Korean word
    assert found("parking") == ["parking-local", "parking-city"]
    assert found("bike") == ["bike-near", "bike-far"]
    assert found("room") == ["room"]
    assert found("구청") == ["room"]                          # the owner's name
    assert found("district") == ["room"]                       # the owner's kind
    assert found("1287") == ["parking-local"]                  # the address
    assert found("3504") == ["bike-near"]
    assert found("주차 서울시") == ["parking-city"]            # every word must match
    assert found("없는말") == []
    assert found("") == ["parking-local", "bike-near", "room", "parking-city", "bike-far",
                         "nowhere"]                            # no distance: last


def test_search_filters_by_owner_and_kind() -> None:
    assert found("", owner_kinds=["city"]) == ["bike-near", "parking-city", "bike-far"]
    assert found("주차", owner_kinds=[OwnerKind.VILLAGE]) == ["parking-local"]
    assert found("", owner="성북") == ["room"]
    assert found("", owner="ㅅㅇㅌㅂㅅ") == ["bike-near", "parking-city", "bike-far"]
    assert found("ㄱㅇ", kinds=["bike"]) == ["bike-near", "bike-far"]
    assert found("", limit=2) == ["parking-local", "bike-near"]


def test_equally_near_matches_put_the_name_first() -> None:
    same = [Candidate("by-address", "a", "hub", "space", "공간", address="길음로 25",
                      distance_m=100.0),
            Candidate("by-name", "b", "hub", "space", "길음 공간", distance_m=100.0)]
    assert [h.item for h in search(same, "길음")] == ["by-name", "by-address"]
