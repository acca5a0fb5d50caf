"""Child process for the SIGKILL test: books slot after slot, telling the parent
``try N`` before each booking and ``ok N CODE`` once it is committed (the receipt)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path


def main(url: str, data_dir: str, base_iso: str, first: int, last: int) -> None:
    from kiosk import __version__
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.bookings import Actor
    from kiosk.domain.policy import BookingRequest
    from kiosk.health.startup import RunMarker

    out = sys.stdout
    previous = RunMarker(Path(data_dir)).begin(__version__)
    out.write(f"start unclean={previous is not None}\n")
    out.flush()
    services = build_services(Settings(database_url=url), upgrade=False)
    with services.bookings.uow() as uow:
        household = uow.households.list()[0].id
    assert household is not None
    base = datetime.fromisoformat(base_iso)
    actor = Actor("kiosk", "lobby-1")
    for index in range(first, last):
        start = base + timedelta(minutes=30 * index)
        out.write(f"try {index}\n")
        out.flush()
        booking = services.bookings.book(
            BookingRequest("spots", start, start + timedelta(minutes=30)), household, actor)
        out.write(f"ok {index} {booking.code}\n")
        out.flush()
    services.close()
    RunMarker(Path(data_dir)).end()
    out.write("done\n")
    out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
