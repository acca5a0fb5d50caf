"""Entry point of the frozen (PyInstaller) kiosk: the same ``kiosk`` command."""

from __future__ import annotations

import multiprocessing
import sys

from kiosk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
