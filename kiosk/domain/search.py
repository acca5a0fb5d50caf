"""Finding a resource or a listing by what a resident types: names in Korean and
English, addresses, kind words (주차, parking…) and owners, in full or by initial
consonants (ㄱㅇ finds 길음), nearest first among what matches."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from kiosk.domain.hangul import matches, normalise
from kiosk.domain.owners import Owner, OwnerKind, owner_words

T = TypeVar("T")

# What residents call each kind, in both languages (a query word finds the kind when it
# is part of one of these: 주차 finds 주차장, park finds parking).
KIND_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "parking": ("주차장", "주차", "parking", "car park"),
    "bike": ("자전거", "bike", "bicycle", "cycle"),
    "space": ("공간", "방", "회의실", "부엌", "space", "room"),
    "item": ("물품", "물건", "대여", "item", "thing"),
    "other": ("기타", "other"),
}
# How much a query word found in each kind of field counts, to order matches that are
# equally near (a name beats a kind word, which beats an address).
NAME: Final = 3
KIND_OR_OWNER: Final = 2
OTHER: Final = 1


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One thing that may be found; `item` is handed back untouched in the hit.

    `words` are further texts worth finding it by (where it is in the building, the
    service's name, a station number), weighed like an address.
    """

    item: T
    id: str
    source: str
    kind: str
    name_ko: str
    name_en: str = ""
    address: str = ""
    owner: Owner | None = None
    distance_m: float | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    candidate: Candidate[T]
    score: int

    @property
    def item(self) -> T:
        return self.candidate.item


def _token_score(token: str, c: Candidate[T]) -> int:
    best = 0
    for text in (c.name_ko, c.name_en):
        if text and matches(token, text):
            return NAME
    for text in (*KIND_WORDS.get(c.kind, ()), c.kind, *owner_words(c.owner)):
        if matches(token, text):
            best = KIND_OR_OWNER
            break
    if not best:
        for text in (c.address, *c.words):
            if text and matches(token, text):
                return OTHER
    return best


def score(query: str, candidate: Candidate[T]) -> int:
    """0 when some word of the query is found nowhere; else how well it matches."""
    total = 0
    for token in query.split():
        found = _token_score(token, candidate)
        if not found:
            return 0
        total += found
    return total


def search(
    candidates: Iterable[Candidate[T]],
    query: str,
    *,
    kinds: Collection[str] | None = None,
    owner_kinds: Collection[OwnerKind | str] | None = None,
    owner: str | None = None,
    limit: int | None = None,
) -> list[Hit[T]]:
    """Candidates matching every word of `query`, nearest first (those with no
    distance last), then the better match, then by name. An empty query finds all.

    `kinds` keeps only those kinds; `owner_kinds` only those whose owner is of one of
    those kinds; `owner` only those whose owner's name matches that text (initial
    consonants work there too). A candidate with no known owner passes no owner filter.
    """
    wanted_owner_kinds = {str(k) for k in owner_kinds} if owner_kinds is not None else None
    hits: list[Hit[T]] = []
    blank = not normalise(query)
    for c in candidates:
        if kinds is not None and c.kind not in kinds:
            continue
        if wanted_owner_kinds is not None and (
                c.owner is None or c.owner.kind.value not in wanted_owner_kinds):
            continue
        if owner is not None and (c.owner is None or not (
                matches(owner, c.owner.name) or matches(owner, c.owner.name_en))):
            continue
        found = 1 if blank else score(query, c)
        if found:
            hits.append(Hit(c, found))
    hits.sort(key=lambda h: (
        h.candidate.distance_m is None,
        h.candidate.distance_m if h.candidate.distance_m is not None else 0.0,
        -h.score,
        h.candidate.name_ko,
        h.candidate.id,
    ))
    return hits[:limit] if limit is not None else hits
