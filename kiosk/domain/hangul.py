"""Hangul for the kiosk's search keypad: a 두벌식 (two-set) composer and initial-consonant
(초성) matching.

Why our own composer rather than a library: the domain imports only the standard
library (docs in /DESIGN.md), and the libraries that fit were checked: `hangul-jamo`
and `jamo` turn already-complete jamo into syllables (``compose("ㄱㅏㄴㅏ")`` → 가나) but
do not join two keystrokes into a compound vowel or final (``ㄱㅗㅏ`` stays 고ㅏ,
``ㄷㅏㄹㄱ`` stays 달ㄱ) and keep no keystroke history, so they cannot give an IME's
typing or its jamo-by-jamo backspace. Syllable arithmetic is the fixed Unicode formula
(U+AC00 + (initial × 21 + medial) × 28 + final), a few lines here.

Typing follows what a Korean IME does on a touch keyboard:

* consonant + vowel (+ consonant) make a syllable: ㄱ ㅏ ㄱ → 각;
* two vowel keys join into ㅘ ㅙ ㅚ ㅝ ㅞ ㅟ ㅢ; two final consonants into
  ㄳ ㄵ ㄶ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅄ;
* a final moves to the next syllable when a vowel follows: ㄱ ㅏ ㄴ ㅏ → 가나, and a
  compound final gives up its second half: ㄷ ㅏ ㄹ ㄱ ㅏ → 달가;
* consonants with no vowel stay apart (ㄱ ㅇ → ㄱㅇ), so initial-consonant searches can
  be typed; ㄸ ㅃ ㅉ never become finals;
* anything else (Latin letters, digits, space, a complete syllable) is written as it is
  and ends the syllable being composed.

Backspace undoes the last key: the text goes back to exactly what it was before that
key (각 → 가 → ㄱ → ""; 가나 → 간 → 가; 과 → 고), across syllables, one jamo at a time.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Final

INITIALS: Final = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS: Final = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS: Final = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ",
                 "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ",
                 "ㅌ", "ㅍ", "ㅎ")
SYLLABLE_FIRST: Final = 0xAC00
SYLLABLE_LAST: Final = 0xD7A3

# The keys of a 두벌식 keypad: 19 consonants (with the shifted ㄲㄸㅃㅆㅉ) and the
# vowels a key gives directly (the compound ones come from two keys).
CONSONANT_KEYS: Final = frozenset(INITIALS)
VOWEL_KEYS: Final = frozenset("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅛㅜㅠㅡㅣ")

COMPOUND_VOWELS: Final[dict[tuple[str, str], str]] = {
    ("ㅗ", "ㅏ"): "ㅘ", ("ㅗ", "ㅐ"): "ㅙ", ("ㅗ", "ㅣ"): "ㅚ",
    ("ㅜ", "ㅓ"): "ㅝ", ("ㅜ", "ㅔ"): "ㅞ", ("ㅜ", "ㅣ"): "ㅟ",
    ("ㅡ", "ㅣ"): "ㅢ",
}
COMPOUND_FINALS: Final[dict[tuple[str, str], str]] = {
    ("ㄱ", "ㅅ"): "ㄳ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄴ", "ㅎ"): "ㄶ",
    ("ㄹ", "ㄱ"): "ㄺ", ("ㄹ", "ㅁ"): "ㄻ", ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅅ"): "ㄽ",
    ("ㄹ", "ㅌ"): "ㄾ", ("ㄹ", "ㅍ"): "ㄿ", ("ㄹ", "ㅎ"): "ㅀ",
    ("ㅂ", "ㅅ"): "ㅄ",
}
_SPLIT_FINALS: Final = {joined: pair for pair, joined in COMPOUND_FINALS.items()}
_SPLIT_VOWELS: Final = {joined: pair for pair, joined in COMPOUND_VOWELS.items()}
_NOT_FINAL: Final = frozenset("ㄸㅃㅉ")
# A plain consonant typed in a search also finds its tense pair (ㄷ finds 따릉이): the
# tense ones need the shift key, which few people press when searching.
_LENIENT: Final = {"ㄱ": "ㄱㄲ", "ㄷ": "ㄷㄸ", "ㅂ": "ㅂㅃ", "ㅅ": "ㅅㅆ", "ㅈ": "ㅈㅉ"}


def is_syllable(char: str) -> bool:
    """True for a complete modern Hangul syllable (가–힣)."""
    return len(char) == 1 and SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def is_consonant(char: str) -> bool:
    """True for a compatibility-jamo consonant that can start a syllable (ㄱ…ㅎ)."""
    return char in CONSONANT_KEYS


def syllable(initial: str, medial: str, final: str = "") -> str:
    """The syllable of compatibility jamo: syllable("ㄱ", "ㅘ", "ㄴ") == "관"."""
    index = (INITIALS.index(initial) * 21 + MEDIALS.index(medial)) * 28 + FINALS.index(final)
    return chr(SYLLABLE_FIRST + index)


def parts(char: str) -> tuple[str, str, str]:
    """(initial, medial, final) of a syllable, as compatibility jamo ("" for no final)."""
    if not is_syllable(char):
        raise ValueError(f"{char!r} is not a Hangul syllable")
    index = ord(char) - SYLLABLE_FIRST
    return INITIALS[index // 588], MEDIALS[index % 588 // 28], FINALS[index % 28]


def choseong(text: str) -> str:
    """Every syllable replaced by its initial consonant; other characters kept
    (choseong("따릉이 3504") == "ㄸㄹㅇ 3504")."""
    return "".join(parts(c)[0] if is_syllable(c) else c for c in text)


# -- the composer ------------------------------------------------------------------------


@dataclass(slots=True)
class _Syllable:
    initial: str = ""
    medial: str = ""
    final: str = ""

    @property
    def empty(self) -> bool:
        return not (self.initial or self.medial)

    def text(self) -> str:
        if self.initial and self.medial:
            return syllable(self.initial, self.medial, self.final)
        return self.initial or self.medial


def compose(keys: str | list[str]) -> tuple[str, str]:
    """(committed text, syllable still being composed) for a sequence of keys."""
    done: list[str] = []
    cur = _Syllable()

    def flush() -> None:
        nonlocal cur
        if not cur.empty:
            done.append(cur.text())
        cur = _Syllable()

    for key in keys:
        if key in CONSONANT_KEYS:
            if cur.final:
                joined = COMPOUND_FINALS.get((cur.final, key))
                if joined is not None:
                    cur.final = joined
                    continue
            elif cur.initial and cur.medial and key not in _NOT_FINAL:
                cur.final = key
                continue
            flush()
            cur.initial = key
        elif key in VOWEL_KEYS:
            if cur.final:
                first, moving = _SPLIT_FINALS.get(cur.final, ("", cur.final))
                cur.final = first
                flush()
                cur.initial, cur.medial = moving, key
            elif cur.medial:
                joined = COMPOUND_VOWELS.get((cur.medial, key))
                if joined is not None:
                    cur.medial = joined
                    continue
                flush()
                cur.medial = key
            else:
                cur.medial = key  # after a lone initial, or alone
        else:
            flush()
            done.append(key)
    return "".join(done), cur.text()


def _keys_of(text: str) -> list[str]:
    """Keys that type `text` (syllables broken back into jamo keys), to start a
    composer from text already in a field."""
    keys: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if not is_syllable(char):
            keys.extend(_SPLIT_VOWELS.get(char, (char,)))
            continue
        initial, medial, final = parts(char)
        keys.append(initial)
        keys.extend(_SPLIT_VOWELS.get(medial, (medial,)))
        if final:
            keys.extend(_SPLIT_FINALS.get(final, (final,)))
    return keys


@dataclass
class HangulComposer:
    """The text of a search field typed on the kiosk's Korean/English keypad.

    ``type(key)`` takes one key (a jamo, a letter, a digit, a space); ``backspace()``
    undoes the last key. Both return the whole text to show; ``composing`` is the
    syllable still open (the screen may underline it). At most ``max_keys`` keys are
    kept: more are ignored, as a full field ignores typing.
    """

    max_keys: int = 200
    _keys: list[str] = field(default_factory=list)
    _done: str = ""
    _open: str = ""

    @classmethod
    def from_text(cls, text: str, max_keys: int = 200) -> HangulComposer:
        """A composer that already holds `text` (backspace then works jamo by jamo)."""
        composer = cls(max_keys)
        for key in _keys_of(text)[:max_keys]:
            composer._keys.append(key)
        composer._refresh()
        return composer

    @property
    def text(self) -> str:
        return self._done + self._open

    @property
    def composing(self) -> str:
        """The syllable still being composed ("" after a space, a letter or a digit)."""
        return self._open

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def type(self, key: str) -> str:
        """Add one key; a longer string is typed key by key."""
        for char in key:
            if len(self._keys) >= self.max_keys:
                break
            self._keys.append(char)
        self._refresh()
        return self.text

    def backspace(self) -> str:
        """Undo the last key: one jamo, letter, digit or space."""
        if self._keys:
            self._keys.pop()
            self._refresh()
        return self.text

    def clear(self) -> str:
        self._keys.clear()
        self._refresh()
        return self.text

    def _refresh(self) -> None:
        self._done, self._open = compose(self._keys)


# -- matching ----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as search compares it: NFC, case-folded, without white space."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


def _char_matches(q: str, t: str, last: bool) -> bool:
    if q == t:
        return True
    if q in CONSONANT_KEYS:  # an initial consonant finds the syllables it starts
        if is_syllable(t):
            return parts(t)[0] in _LENIENT.get(q, q)
        return t in _LENIENT.get(q, q)
    if last and is_syllable(q) and is_syllable(t):
        # The syllable still being typed: 기 finds 길, 과 finds 광, 달 finds 닭.
        qi, qm, qf = parts(q)
        ti, tm, tf = parts(t)
        if qi != ti:
            return False
        if qm != tm:
            return not qf and _SPLIT_VOWELS.get(tm, ("",))[0] == qm
        return not qf or _SPLIT_FINALS.get(tf, ("",))[0] == qf
    return False


def matches(query: str, text: str) -> bool:
    """True when `query` is found in `text`, reading each Hangul consonant of the
    query as "a syllable starting with it" (ㄱㅇ finds 길음, 길ㅇ finds 길음, ㄷㄹㅇ
    finds 따릉이) and the query's last syllable as possibly unfinished (길으 finds
    길음). Case and spaces are ignored. An empty query matches everything."""
    q, t = normalise(query), normalise(text)
    if not q:
        return True
    if q in t:
        return True
    if not any(c in CONSONANT_KEYS or is_syllable(c) for c in q):
        return False
    n = len(q)
    for start in range(len(t) - n + 1):
        if all(_char_matches(q[i], t[start + i], i == n - 1) for i in range(n)):
            return True
    return False
