"""`kiosk hub …` commands. `register(subparsers)` adds them to the `kiosk` command.

    kiosk hub serve --demo [--port 8765]

serves the demo hub on 127.0.0.1 until interrupted, and prints the source settings
that point a kiosk at it.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from kiosk.sync.demo_hub import DemoHub

DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `hub` command group. Each leaf sets `handler(args) -> int` (exit code)."""
    hub = subparsers.add_parser("hub", help="sharing-hub feeds: run the demo hub")
    hub_sub = hub.add_subparsers(dest="hub_command", metavar="COMMAND")
    hub_sub.required = True
    serve = hub_sub.add_parser(
        "serve",
        help="serve sample feeds on 127.0.0.1 (GBFS, Seoul Open API, hub feed)",
        description="Serve sample feeds on 127.0.0.1 until interrupted (Ctrl+C).",
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help="serve the demo data of Gireum-dong, Seongbuk-gu (currently required)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"TCP port on 127.0.0.1 (default {DEFAULT_PORT}; 0 = any free port)",
    )
    serve.set_defaults(handler=serve_command)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("port must be a number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("port must be 0..65535")
    return value


def serve_command(
    args: argparse.Namespace,
    *,
    stop: threading.Event | None = None,
    out: TextIO | None = None,
    on_ready: Callable[[DemoHub], None] | None = None,
) -> int:
    """Run the demo hub until `stop` is set or Ctrl+C. Returns the exit code."""
    out = out or sys.stdout
    if not getattr(args, "demo", False):
        print("Only the demo hub can be served: add --demo.", file=sys.stderr)
        return 2
    stop = stop or threading.Event()
    restore = _stop_on_sigterm(stop)
    try:
        hub = DemoHub(port=int(args.port)).start()
    except OSError as exc:
        restore()
        print(f"Cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        print(f"Demo hub serving on {hub.base_url}  (Ctrl+C to stop)", file=out)
        print("Source settings for this hub:", file=out)
        for cfg in hub.source_configs():
            print("  " + json.dumps(cfg, ensure_ascii=False), file=out)
        out.flush()
        if on_ready is not None:
            on_ready(hub)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
        restore()
    return 0


def _stop_on_sigterm(stop: threading.Event) -> Callable[[], None]:
    """Let a service manager's SIGTERM end the server cleanly (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore
