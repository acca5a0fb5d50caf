"""Who provides a resource or a listing: the city, a district, a sharing company, a
sharing group, or the village itself (docs/owners.md says where each comes from)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class OwnerKind(StrEnum):
    CITY = "city"
    DISTRICT = "district"
    COMPANY = "company"
    GROUP = "group"
    VILLAGE = "village"

    def label(self, language: str = "ko") -> str:
        """ "서울시" / "City" style words for the detail screen and search."""
        ko, en = KIND_LABELS[self]
        return en if language == "en" else ko


KIND_LABELS: Final[Mapping[OwnerKind, tuple[str, str]]] = {
    OwnerKind.CITY: ("서울시", "City"),
    OwnerKind.DISTRICT: ("자치구", "District"),
    OwnerKind.COMPANY: ("공유기업", "Sharing company"),
    OwnerKind.GROUP: ("공유단체", "Sharing group"),
    OwnerKind.VILLAGE: ("우리 마을", "Our village"),
}
# More words residents may type for each kind of owner (search reads these too).
KIND_WORDS: Final[Mapping[OwnerKind, tuple[str, ...]]] = {
    OwnerKind.CITY: ("서울시", "서울특별시", "시청", "city", "seoul"),
    OwnerKind.DISTRICT: ("자치구", "구청", "district"),
    OwnerKind.COMPANY: ("공유기업", "기업", "회사", "company"),
    OwnerKind.GROUP: ("공유단체", "단체", "모임", "협동조합", "group"),
    OwnerKind.VILLAGE: ("우리 마을", "마을", "village"),
}
NAME_MAX: Final = 120
# Where the stored owner of a hub listing lives in its facts (the listing's `extra`).
FACT_KIND: Final = "owner_kind"
FACT_NAME: Final = "owner_name"
FACT_NAME_EN: Final = "owner_name_en"
_KIND_VALUES: Final = frozenset(k.value for k in OwnerKind)


@dataclass(frozen=True, slots=True)
class Owner:
    """A provider: its kind and its name (Korean; `name_en` when known)."""

    kind: OwnerKind
    name: str
    name_en: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, OwnerKind):
            object.__setattr__(self, "kind", OwnerKind(self.kind))
        if not self.name.strip():
            raise ValueError("an owner needs a name")
        if len(self.name) > NAME_MAX or len(self.name_en) > NAME_MAX:
            raise ValueError(f"owner names are at most {NAME_MAX} characters")

    def display_name(self, language: str = "ko") -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    def as_dict(self) -> dict[str, str]:
        """{"kind", "name"} (and "name_en" when known): the JSON form (CLI, hub feed)."""
        doc = {"kind": self.kind.value, "name": self.name}
        if self.name_en:
            doc["name_en"] = self.name_en
        return doc

    def as_facts(self) -> dict[str, str]:
        """The owner as listing facts (stored in a hub listing's `extra`)."""
        facts = {FACT_KIND: self.kind.value, FACT_NAME: self.name}
        if self.name_en:
            facts[FACT_NAME_EN] = self.name_en
        return facts

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Owner:
        """From {"kind": …, "name": …[, "name_en": …]}; ValueError when malformed."""
        kind, name, name_en = data.get("kind"), data.get("name"), data.get("name_en", "")
        if not isinstance(kind, str) or kind not in _KIND_VALUES:
            allowed = ", ".join(k.value for k in OwnerKind)
            raise ValueError(f"owner kind must be one of {allowed}, got {kind!r}")
        if not isinstance(name, str) or not isinstance(name_en, str):
            raise ValueError("owner name must be text")
        return cls(OwnerKind(kind), name.strip(), name_en.strip())


SEOUL_CITY: Final = Owner(OwnerKind.CITY, "서울특별시", "Seoul Metropolitan Government")


_GROUP_WORDS: Final = ("협동조합", "조합", "모임", "마을", "단체", "동아리", "봉사", "주민자치회",
                       "작은도서관")


def guess_kind(name: str) -> OwnerKind:
    """The kind of a provider known only by name (the hub feed's `provider` text):
    서울특별시/서울시… and the city's corporations (서울…공단/공사) → city; …구청, …구
    or a name starting with a district (성북구 공구도서관) → district; 협동조합, 모임,
    마을, 주민자치회, 작은도서관… → group;
    anything else (주식회사, ㈜, a brand) → company, the usual provider of a hub feed."""
    words = name.split()
    text = "".join(words)
    if text in ("서울특별시", "서울시") or text.startswith(("서울특별시청", "서울시청")):
        return OwnerKind.CITY
    if text.startswith("서울") and text.endswith(("공단", "공사")):
        return OwnerKind.CITY  # the city's own corporations (서울시설공단 runs 따릉이)
    if text.endswith(("구청", "구")) or "구청" in text or (
            words and len(words[0]) > 1 and words[0].endswith("구")):
        return OwnerKind.DISTRICT  # 성북구청, 성북구, 성북구 공구도서관
    if any(word in text for word in _GROUP_WORDS):
        return OwnerKind.GROUP
    return OwnerKind.COMPANY


def owner_from_facts(facts: Mapping[str, str]) -> Owner | None:
    """The owner stored in a listing's facts; listings stored before owners were kept
    fall back to the hub feed's `provider` text (kind guessed from it)."""
    kind, name = facts.get(FACT_KIND), facts.get(FACT_NAME)
    if kind is not None and kind in _KIND_VALUES and name:
        return Owner(OwnerKind(kind), name, facts.get(FACT_NAME_EN, ""))
    provider = facts.get("provider", "").strip()
    if provider:
        return Owner(guess_kind(provider), provider[:NAME_MAX])
    return None


def owner_words(owner: Owner | None) -> tuple[str, ...]:
    """What a search may match for an owner: its names and its kind's words."""
    if owner is None:
        return ()
    names = tuple(n for n in (owner.name, owner.name_en) if n)
    return names + KIND_WORDS[owner.kind]
