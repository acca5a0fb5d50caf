"""The search keypad's Hangul: 두벌식 composition as an IME types it, backspace that
undoes one key at a time, and initial-consonant matching."""

from __future__ import annotations

import pytest

from kiosk.domain.hangul import (
    HangulComposer,
    choseong,
    compose,
    matches,
    parts,
    syllable,
)


def typed(keys: str) -> str:
    composer = HangulComposer()
    for key in keys:
        composer.type(key)
    return composer.text


@pytest.mark.parametrize(("keys", "text"), [
    ("ㄱㅏ", "가"),
    ("ㄱㅏㄱ", "각"),
    ("ㄱㅏㄴㅏ", "가나"),              # the final moves on when a vowel follows
    ("ㄱㅣㄹㅇㅡㅁ", "길음"),
    ("ㄸㅏㄹㅡㅇㅇㅣ", "따릉이"),
    ("ㄱㅗㅏㄴ", "관"),               # compound vowels from two keys
    ("ㅇㅗㅐ", "왜"), ("ㅎㅗㅣ", "회"), ("ㅁㅜㅓ", "뭐"), ("ㅇㅜㅔ", "웨"),
    ("ㄷㅜㅣ", "뒤"), ("ㅇㅡㅣ", "의"),
    ("ㄷㅏㄹㄱ", "닭"),               # compound finals
    ("ㅁㅗㄱㅅ", "몫"), ("ㅇㅏㄴㅈ", "앉"), ("ㅁㅏㄴㅎ", "많"), ("ㅅㅏㄹㅁ", "삶"),
    ("ㅇㅕㄹㅂ", "엷"), ("ㄱㅗㄹㅅ", "곬"), ("ㅎㅏㄹㅌ", "핥"), ("ㅇㅡㄹㅍ", "읊"),
    ("ㅇㅏㄹㅎ", "앓"), ("ㄱㅏㅂㅅ", "값"),
    ("ㄷㅏㄹㄱㅏ", "달가"),            # a compound final gives its second half away
    ("ㄱㅏㅂㅅㅇㅣ", "값이"),
    ("ㅇㅣㄹㄱㄱㅗ", "읽고"),
    ("ㄱㅇ", "ㄱㅇ"),                 # consonants alone stay apart: initial searches
    ("ㄷㄹㅇ", "ㄷㄹㅇ"),
    ("ㅇㅏㄸㅏ", "아따"),             # ㄸ is never a final
    ("ㅏㅗ", "ㅏㅗ"),
    ("ㅗㅏ", "ㅘ"),
    ("ㄱㅏ ㄴㅏ", "가 나"),
    ("ㅂㅏㅇ3ㅂㅓㄴ", "방3번"),
    ("Bikeㅈㅏ", "Bike자"),
    ("ㄱㅏBㄴㅏ", "가B나"),           # a letter ends the syllable being composed
])
def test_typing_composes_as_an_ime_does(keys: str, text: str) -> None:
    assert typed(keys) == text


def test_syllable_arithmetic_round_trips() -> None:
    assert syllable("ㄱ", "ㅘ", "ㄴ") == "관"
    assert parts("닭") == ("ㄷ", "ㅏ", "ㄺ")
    assert parts("가") == ("ㄱ", "ㅏ", "")
    with pytest.raises(ValueError):
        parts("a")


def test_backspace_undoes_one_jamo_at_a_time() -> None:
    composer = HangulComposer()
    composer.type("ㄱㅏㄱ")
    assert composer.text == "각"
    assert [composer.backspace() for _ in range(4)] == ["가", "ㄱ", "", ""]


def test_backspace_goes_back_across_syllables_to_what_was_shown() -> None:
    composer = HangulComposer()
    shown = [composer.type(k) for k in "ㄱㅏㄴㅏ"]
    assert shown == ["ㄱ", "가", "간", "가나"]
    undone = [composer.backspace() for _ in range(4)]
    assert undone == ["간", "가", "ㄱ", ""]  # exactly the screens before, in reverse


def test_backspace_splits_compound_vowels_and_finals() -> None:
    composer = HangulComposer()
    composer.type("ㄷㅏㄹㄱ")
    assert composer.text == "닭"
    assert composer.backspace() == "달"
    composer.type("ㄱㅏ")
    assert composer.text == "달가"
    composer.clear()
    composer.type("ㄱㅗㅏ")
    assert (composer.text, composer.backspace(), composer.backspace()) == ("과", "고", "ㄱ")


def test_mixed_korean_english_digits_and_spaces() -> None:
    composer = HangulComposer()
    composer.type("ㄸㅏㄹㅡㅇㅇㅣ 3504")
    assert composer.text == "따릉이 3504"
    assert composer.composing == ""
    composer.type(" Bike")
    assert composer.backspace() == "따릉이 3504 Bik"
    composer.clear()
    composer.type("Parkㅈㅜ")
    assert (composer.text, composer.composing) == ("Park주", "주")
    assert [composer.backspace() for _ in range(3)] == ["Parkㅈ", "Park", "Par"]


def test_a_composer_can_start_from_text_in_the_field() -> None:
    composer = HangulComposer.from_text("가나 닭과")
    assert composer.text == "가나 닭과"
    assert [composer.backspace() for _ in range(4)] == ["가나 닭고", "가나 닭ㄱ", "가나 닭",
                                                        "가나 달"]


def test_the_field_stops_at_its_length() -> None:
    composer = HangulComposer(max_keys=3)
    assert composer.type("ㄱㅏㄴㅏ") == "간"
    assert composer.keys == ("ㄱ", "ㅏ", "ㄴ")


def test_compose_reports_the_open_syllable() -> None:
    assert compose("ㄱㅏㄴㅏ") == ("가", "나")
    assert compose("가 ") == ("가 ", "")


def test_choseong_extraction() -> None:
    assert choseong("길음역 1번출구") == "ㄱㅇㅇ 1ㅂㅊㄱ"
    assert choseong("따릉이") == "ㄸㄹㅇ"
    assert choseong("Bike") == "Bike"


@pytest.mark.parametrize(("query", "text", "found"), [
    ("ㄱㅇ", "길음역 1번출구", True),
    ("ㄱㅇ", "성북 길음시장", True),
    ("ㄷㄹㅇ", "따릉이", True),           # a plain consonant finds its tense pair
    ("ㄸㄹㅇ", "따릉이", True),
    ("ㄸㄹㅇ", "다릉이", False),          # but a tense one only itself
    ("길ㅇ", "길음", True),               # mixed syllables and initials
    ("길ㅇ", "기음", False),
    ("길으", "길음", True),               # the syllable still being typed
    ("기", "길음", True),
    ("고", "공구도서관", True),
    ("과", "공구도서관", True),           # 과 on its way to 관
    ("닭", "달걀", False),
    ("ㄱ ㅇ", "길음", True),              # spaces do not count
    ("PARK", "Shared parking", True),
    ("park", "주차장", False),
    ("", "anything", True),
    ("ㅈㅊ", "주차장", True),
    ("ㅈㅊㅈ", "주차", False),
    ("3504", "3504번 길음시장", True),
])
def test_matching(query: str, text: str, found: bool) -> None:
    assert matches(query, text) is found
