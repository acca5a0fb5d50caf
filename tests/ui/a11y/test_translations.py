"""Every Korean sentence of the accessibility package has an English translation."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.ui.accessibility import map_voice, speech
from kiosk.ui.accessibility.text import CONTEXT
from kiosk.ui.i18n import TRANSLATIONS

PACKAGE = Path(speech.__file__).resolve().parent


def sources_in_code() -> set[str]:
    """Literal arguments of tr(...) and the sentence constants of the speech module."""
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "tr":
                argument = node.args[0]
                if isinstance(argument, ast.Constant):
                    found.add(argument.value)
                elif isinstance(argument, ast.BinOp | ast.JoinedStr):
                    found.add(ast.literal_eval(argument))
    for name in ("SCREEN", "BUTTON", "FIELD", "SECRET_FIELD", "SECRET_KEY", "DIGIT_ENTERED",
                 "DIGIT_DELETED", "ALL_CLEARED", "VOICE_ON"):
        found.add(getattr(speech, name))
    found.update(map_voice.SENTENCES)
    return found


def test_every_sentence_is_translated_in_its_own_context() -> None:
    root = ET.parse(TRANSLATIONS / "kiosk_en.ts").getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    assert CONTEXT in contexts
    translated = {m.findtext("source"): m.findtext("translation")
                  for m in contexts[CONTEXT].iter("message")}
    code = sources_in_code()
    assert len(code) > 25
    missing = sorted(code - set(translated))
    assert missing == []
    assert all(translated[s] for s in code)
    # Placeholders survive translation.
    for source in code:
        for placeholder in ("{title}", "{name}", "{state}", "{scale}", "{step}", "{detail}",
                            "{kind}", "{count}", "{free}", "{total}"):
            assert (placeholder in source) == (placeholder in translated[source]), source
