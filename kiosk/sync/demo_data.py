"""Sample listings around Gireum-dong, Seongbuk-gu (37.6063, 127.0256) for the demo hub.

Names follow the real neighbourhood (stations, markets, universities); positions,
codes and capacities are approximate and for demonstration only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

KIOSK_LAT: Final = 37.6063
KIOSK_LON: Final = 127.0256


@dataclass(frozen=True, slots=True)
class DemoStation:
    station_id: str
    number: int
    name_ko: str
    name_en: str
    lat: float
    lon: float
    racks: int


@dataclass(frozen=True, slots=True)
class DemoLot:
    code: str
    name: str
    address: str
    lat: float
    lon: float
    spaces: int
    live: bool  # whether the lot reports its occupancy
    shared: bool  # a lot opened to residents under the sharing programme
    base_fee: int  # KRW per 5 minutes
    weekday: tuple[str, str]
    weekend: tuple[str, str]
    phone: str


@dataclass(frozen=True, slots=True)
class DemoListing:
    id: str
    kind: str
    category: str
    name_ko: str
    name_en: str
    description_ko: str
    description_en: str
    lat: float
    lon: float
    address: str
    units_total: int | None
    provider: str
    hours: str
    fee: str
    bookable: bool


STATIONS: Final[tuple[DemoStation, ...]] = (
    DemoStation("ST-3501", 3501, "길음역 1번출구", "Gireum Stn. Exit 1", 37.6035, 127.0253, 15),
    DemoStation("ST-3502", 3502, "길음역 7번출구 앞", "Gireum Stn. Exit 7", 37.6040, 127.0243, 12),
    DemoStation(
        "ST-3503",
        3503,
        "길음뉴타운 래미안 정문",
        "Gireum New Town Raemian Main Gate",
        37.6088,
        127.0222,
        10,
    ),
    DemoStation("ST-3504", 3504, "길음시장 입구", "Gireum Market Entrance", 37.6055, 127.0232, 8),
    DemoStation(
        "ST-3505", 3505, "길음2동 주민센터", "Gireum 2-dong Community Center", 37.6097, 127.0283, 10
    ),
    DemoStation(
        "ST-3506", 3506, "미아리고개 하나은행 앞", "Miari Pass (Hana Bank)", 37.5986, 127.0187, 10
    ),
    DemoStation(
        "ST-3507",
        3507,
        "성신여대입구역 7번출구",
        "Sungshin Women's Univ. Stn. Exit 7",
        37.5929,
        127.0170,
        20,
    ),
    DemoStation(
        "ST-3508", 3508, "정릉아리랑시장", "Jeongneung Arirang Market", 37.6036, 127.0118, 10
    ),
    DemoStation("ST-3509", 3509, "월곡역 3번출구", "Wolgok Stn. Exit 3", 37.6020, 127.0412, 12),
    DemoStation(
        "ST-3510", 3510, "동덕여대 정문", "Dongduk Women's Univ. Main Gate", 37.6064, 127.0417, 10
    ),
    DemoStation(
        "ST-3511", 3511, "서경대학교 입구", "Seokyeong Univ. Entrance", 37.6135, 127.0137, 8
    ),
    DemoStation(
        "ST-3512",
        3512,
        "돈암동 한신·한진아파트",
        "Donam-dong Hanshin-Hanjin Apts.",
        37.5958,
        127.0240,
        15,
    ),
    DemoStation("ST-3513", 3513, "보문역 4번출구", "Bomun Stn. Exit 4", 37.5856, 127.0194, 12),
    DemoStation("ST-3514", 3514, "고려대 정문 앞", "Korea Univ. Main Gate", 37.5890, 127.0325, 20),
    DemoStation(
        "ST-3515", 3515, "미아사거리역 6번출구", "Miasageori Stn. Exit 6", 37.6131, 127.0300, 15
    ),
    DemoStation("ST-3516", 3516, "성북구청 앞", "Seongbuk-gu Office", 37.5894, 127.0167, 10),
)

LOTS: Final[tuple[DemoLot, ...]] = (
    DemoLot(
        "1040011",
        "길음1동 공영주차장",
        "서울특별시 성북구 길음동 1283",
        37.6072,
        127.0248,
        42,
        True,
        False,
        150,
        ("0000", "2400"),
        ("0000", "2400"),
        "02-2241-3111",
    ),
    DemoLot(
        "1040012",
        "길음역 환승 공영주차장",
        "서울특별시 성북구 동소문로 248",
        37.6031,
        127.0259,
        118,
        True,
        False,
        250,
        ("0500", "2400"),
        ("0700", "2200"),
        "02-2241-3112",
    ),
    DemoLot(
        "1040013",
        "정릉동 공영주차장",
        "서울특별시 성북구 정릉동 508",
        37.6046,
        127.0132,
        56,
        True,
        False,
        150,
        ("0900", "1900"),
        ("0900", "1800"),
        "02-2241-3113",
    ),
    DemoLot(
        "1040014",
        "돈암동 공영주차장",
        "서울특별시 성북구 돈암동 609",
        37.5963,
        127.0221,
        64,
        True,
        False,
        200,
        ("0000", "2400"),
        ("0000", "2400"),
        "02-2241-3114",
    ),
    DemoLot(
        "1040015",
        "미아리고개 공영주차장",
        "서울특별시 성북구 동선동4가 282",
        37.5991,
        127.0196,
        30,
        False,
        False,
        150,
        ("0900", "2100"),
        ("0000", "0000"),
        "02-2241-3115",
    ),
    DemoLot(
        "1040016",
        "월곡동 공영주차장",
        "서울특별시 성북구 하월곡동 88",
        37.6031,
        127.0398,
        48,
        True,
        False,
        150,
        ("0000", "2400"),
        ("0000", "2400"),
        "02-2241-3116",
    ),
    DemoLot(
        "1040017",
        "성북구청 부설 주차장 (주말 개방)",
        "서울특별시 성북구 보문로 168",
        37.5894,
        127.0167,
        120,
        True,
        True,
        0,
        ("0000", "0000"),
        ("0800", "2000"),
        "02-2241-3117",
    ),
    DemoLot(
        "1040018",
        "길음뉴타운 9단지 나눔주차장",
        "서울특별시 성북구 길음로 19",
        37.6101,
        127.0238,
        25,
        True,
        True,
        100,
        ("0900", "1800"),
        ("0900", "1800"),
        "02-2241-3118",
    ),
)

LISTINGS: Final[tuple[DemoListing, ...]] = (
    DemoListing(
        "gireum-room-1",
        "space",
        "community_room",
        "길음1동 주민센터 나눔공간",
        "Gireum 1-dong Community Sharing Room",
        "20명까지 쓸 수 있는 회의실입니다. 빔프로젝터가 있습니다.",
        "Meeting room for up to 20 people, with a projector.",
        37.6069,
        127.0262,
        "서울특별시 성북구 길음로 25",
        1,
        "성북구청",
        "09:00-21:00",
        "무료",
        True,
    ),
    DemoListing(
        "kitchen-modu",
        "space",
        "shared_kitchen",
        "공유부엌 '모두의 부엌'",
        "Shared Kitchen 'Kitchen for All'",
        "조리도구와 식기가 갖춰진 공유부엌입니다.",
        "A shared kitchen with cookware and tableware.",
        37.6051,
        127.0275,
        "서울특별시 성북구 길음동 1250",
        1,
        "성북구 마을공동체지원센터",
        "10:00-20:00",
        "시간당 5,000원",
        True,
    ),
    DemoListing(
        "library-seminar",
        "space",
        "study_room",
        "길음 작은도서관 세미나실",
        "Gireum Small Library Seminar Room",
        "",
        "",
        37.6082,
        127.0270,
        "서울특별시 성북구 길음동 1285",
        1,
        "길음 작은도서관",
        "10:00-18:00",
        "무료",
        True,
    ),
    DemoListing(
        "rooftop-garden",
        "space",
        "garden",
        "마을 옥상 텃밭",
        "Village Rooftop Garden",
        "텃밭 상자 12개를 이웃과 나눠 씁니다.",
        "Twelve planter boxes shared among neighbours.",
        37.6058,
        127.0241,
        "",
        12,
        "길음동 주민자치회",
        "06:00-20:00",
        "무료",
        False,
    ),
    DemoListing(
        "tool-drill",
        "item",
        "tool",
        "공구도서관 전동드릴",
        "Tool Library: Power Drill",
        "신분증을 가지고 오세요. 최대 3일 대여.",
        "Bring an ID card. Up to three days.",
        37.6066,
        127.0252,
        "서울특별시 성북구 길음로 25 지하 1층",
        3,
        "성북구 공구도서관",
        "10:00-19:00",
        "무료",
        True,
    ),
    DemoListing(
        "tool-ladder",
        "item",
        "tool",
        "공구도서관 접이식 사다리",
        "Tool Library: Folding Ladder",
        "",
        "",
        37.6066,
        127.0252,
        "서울특별시 성북구 길음로 25 지하 1층",
        2,
        "성북구 공구도서관",
        "10:00-19:00",
        "무료",
        True,
    ),
    DemoListing(
        "camping-tent",
        "item",
        "leisure",
        "캠핑용품 대여 (4인용 텐트)",
        "Camping Gear Rental (4-person tent)",
        "",
        "",
        37.6090,
        127.0301,
        "",
        4,
        "열린옷장 성북",
        "10:00-18:00",
        "1일 10,000원",
        False,
    ),
    DemoListing(
        "stroller",
        "item",
        "childcare",
        "유모차 공유",
        "Shared Stroller",
        "",
        "",
        37.6075,
        127.0229,
        "",
        5,
        "성북구 육아종합지원센터",
        "09:00-18:00",
        "무료",
        True,
    ),
    DemoListing(
        "umbrellas",
        "item",
        "umbrella",
        "공유 우산 (길음역)",
        "Shared Umbrellas (Gireum Stn.)",
        "",
        "",
        37.6036,
        127.0251,
        "",
        40,
        "성북구청",
        "",
        "무료",
        False,
    ),
    DemoListing(
        "carshare-gireum",
        "other",
        "car_sharing",
        "나눔카 길음역 공영주차장",
        "Car Sharing at Gireum Stn. Parking",
        "",
        "",
        37.6031,
        127.0259,
        "서울특별시 성북구 동소문로 248",
        3,
        "나눔카 (서울시)",
        "00:00-24:00",
        "10분 단위 요금",
        False,
    ),
    DemoListing(
        "repair-cafe",
        "other",
        "repair",
        "수리상점 '고쳐쓰는 가게'",
        "Repair Café",
        "우산, 소형 가전, 옷 수선을 도와 드립니다.",
        "Help with umbrellas, small appliances and clothes.",
        37.6049,
        127.0226,
        "서울특별시 성북구 길음동 1245",
        None,
        "성북 자원순환센터",
        "토 10:00-16:00",
        "재료비만",
        False,
    ),
    DemoListing(
        "youth-study",
        "space",
        "study_room",
        "길음동 청소년 공부방",
        "Gireum Youth Study Room",
        "",
        "",
        37.6094,
        127.0264,
        "",
        16,
        "성북구 청소년재단",
        "14:00-22:00",
        "무료",
        False,
    ),
    DemoListing(
        "book-shelf",
        "item",
        "books",
        "책 나눔 책장",
        "Book Sharing Shelf",
        "",
        "",
        37.6061,
        127.0258,
        "",
        None,
        "길음 작은도서관",
        "",
        "무료",
        False,
    ),
    DemoListing(
        "office-parking",
        "parking",
        "shared_parking",
        "성북구청 주말 나눔주차장",
        "Seongbuk-gu Office Weekend Shared Parking",
        "주말과 공휴일에 주민에게 개방합니다.",
        "Open to residents at weekends and on public holidays.",
        37.5894,
        127.0167,
        "서울특별시 성북구 보문로 168",
        120,
        "성북구청",
        "토·일 08:00-20:00",
        "무료",
        False,
    ),
)


@dataclass(frozen=True, slots=True)
class DemoNews:
    id: str
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    days_ago: int
    provider: str
    link: str


# Sample items of the sharing newsletter; the links point at the demo hub itself, so
# nothing leaves the machine (a real feed links to the provider's article).
NEWS: Final[tuple[DemoNews, ...]] = (
    DemoNews("news-rooftop", "옥상 텃밭 나눔 행사 참가자 모집", "Rooftop garden sharing day",
             "이번 주 토요일 오전, 구청 옥상 텃밭에서 모종과 씨앗을 나눕니다.",
             "Seedlings and seeds shared at the district office's rooftop garden on "
             "Saturday morning.", 1, "성북구청", "https://example.org/news/rooftop"),
    DemoNews("news-tools", "공구도서관 겨울 운영 시간 안내", "Tool library winter hours",
             "12월부터 공구도서관은 평일 10시~19시에 문을 엽니다.",
             "From December the tool library opens on weekdays, 10:00 to 19:00.", 3,
             "서울시 공유허브", "https://example.org/news/tools"),
    DemoNews("news-newsletter", "이달의 공유 소식: 주차장 공유 1년", "This month: a year of "
             "shared parking", "주차장 공유로 늘어난 주차면과 이용 후기를 전합니다.",
             "How many spaces sharing added, and what residents say.", 6,
             "서울시 공유허브", ""),
)
