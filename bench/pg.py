"""A throwaway PostgreSQL server for benchmarks, with durable commits.

The test helper turns ``fsync`` off to keep tests fast; a booking benchmark must pay
for the flush at commit like a real deployment does, so this one leaves it on.
"""

from __future__ import annotations

from tests.postgres_server import ThrowawayPostgres


class BenchPostgres(ThrowawayPostgres):
    """Same private cluster as the tests use, but ``fsync=on``."""

    server_options = ("-c fsync=on -c synchronous_commit=on -c max_connections=60 "
                      "-c shared_buffers=128MB")
