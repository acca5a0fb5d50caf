"""A button's ``clicked``, ``toggled`` or ``triggered`` signal carries a ``checked`` flag.
Connected straight to a method with a parameter of its own, that flag lands in the
parameter (a reason, a path, a printer). Every such connection in the desk and the
kiosk screens is checked here, so a new button cannot be wired that way again."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import kiosk

PACKAGE = Path(kiosk.__file__).resolve().parent
SCREENS = ("admin", "ui")
CHECKED_SIGNALS = {"clicked", "toggled", "triggered"}
# Signals of the same name that are not a button's: QCalendarWidget.clicked carries the
# day that was clicked, which is what the slot wants.
NOT_A_BUTTON = {("kiosk.admin.dates", "DateField", "self.calendar.clicked")}


def _button_connections() -> list[tuple[str, str, str, ast.expr]]:
    """(module, class, signal, slot expression) for every ``x.<signal>.connect(slot)``
    written inside a class of kiosk/admin or kiosk/ui."""
    found = []
    paths = sorted(p for folder in SCREENS for p in (PACKAGE / folder).rglob("*.py"))
    for path in paths:
        module = ".".join(("kiosk", *path.relative_to(PACKAGE).with_suffix("").parts))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for call in ast.walk(cls):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "connect"
                        and isinstance(call.func.value, ast.Attribute)
                        and call.func.value.attr in CHECKED_SIGNALS and call.args):
                    continue
                if (module, cls.name, ast.unparse(call.func.value)) in NOT_A_BUTTON:
                    continue
                found.append((module, cls.name, call.func.value.attr, call.args[0]))
    return found


def _own_parameters(module: str, cls: str, slot: ast.expr) -> list[str] | None:
    """The parameters the slot would receive the flag in; None when it is Qt's own slot
    (``self.field.setEnabled``) or a callable handed in from outside."""
    if isinstance(slot, ast.Lambda):
        return [a.arg for a in slot.args.args]
    if not (isinstance(slot, ast.Attribute) and isinstance(slot.value, ast.Name)
            and slot.value.id == "self"):
        return None
    method = getattr(getattr(importlib.import_module(module), cls), slot.attr)
    if not inspect.isfunction(method):
        return None
    return [name for name, p in inspect.signature(method).parameters.items()
            if name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def test_no_button_signal_lands_in_a_slot_parameter() -> None:
    connections = _button_connections()
    assert len(connections) > 40  # the desk's and the kiosk's buttons were found
    wrong = []
    for module, cls, signal, slot in connections:
        params = _own_parameters(module, cls, slot)
        # The flag may land in a parameter named for it, or one marked unused (``_``).
        if params and params[0] != "checked" and not params[0].startswith("_"):
            wrong.append(f"{module}.{cls}: {signal} -> {ast.unparse(slot)}({', '.join(params)})")
    assert wrong == []
