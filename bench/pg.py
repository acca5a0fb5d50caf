"""A throwaway PostgreSQL server for benchmarks, with durable commits.

The test helper turns ``fsync`` off to keep tests fast; a booking benchmark must pay
for the flush at commit like a real deployment does, so this one leaves it on.
"""

from __future__ import annotations

import shutil
import socket
import time

from tests.postgres_server import ThrowawayPostgres


class BenchPostgres(ThrowawayPostgres):
    """Same private cluster as the tests use, but ``fsync=on``."""

    def start(self) -> str:
        if self._as_root:
            shutil.chown(self.base, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "kiosk",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                  str(self.base / "log"), "-o",
                  f"-k {self.base} -p {self.port} -c listen_addresses=127.0.0.1 "
                  "-c fsync=on -c synchronous_commit=on -c max_connections=60 "
                  "-c shared_buffers=128MB", "start")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        return f"postgresql+psycopg://kiosk@127.0.0.1:{self.port}/postgres"
