"""Engine set-up: SQLite tuned for a kiosk that must not lose a booking, or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.private import secure_database_file

WRITE_OPTION = "kiosk_write"


def is_sqlite(url: str) -> bool:
    """True for SQLite URLs."""
    return make_url(url).get_backend_name() == "sqlite"


def create_db_engine(url: str, busy_timeout_ms: int = 15000) -> Engine:
    """An engine whose transactions are safe for several writers.

    SQLite: WAL, foreign keys, ``synchronous=FULL`` and a busy timeout; write
    transactions start with ``BEGIN IMMEDIATE`` so two processes never both read
    "one unit left" and both insert. PostgreSQL: rows are locked by the services.
    """
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            secure_database_file(Path(database))  # 0600 before SQLite makes it 0644
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        _tune_sqlite(engine, busy_timeout_ms)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def session_factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Read and write session factories; write sessions take SQLite's write lock up front."""
    reader = sessionmaker(bind=engine, expire_on_commit=False)
    writer = sessionmaker(
        bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
    )
    return reader, writer
