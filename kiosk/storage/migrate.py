"""Schema migrations through Alembic, driven from code so no alembic.ini is needed.

Alembic takes about a third of a second to import, so the start-up check
(``upgrade_if_behind``) reads the stored revision with one SELECT and compares it with the
newest revision file; Alembic is imported only when there is something to migrate.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
VERSIONS = MIGRATIONS / "versions"
VERSION_TABLE = "alembic_version"  # Alembic's default; env.py does not change it


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; a kiosk that upgrades keeps its data."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def upgrade_if_behind(engine: Engine) -> bool:
    """``upgrade`` unless the database is already at the newest revision (the usual
    start). True when Alembic ran."""
    head = known_head()
    if head is not None and stored_revisions(engine) == {head}:
        return False
    upgrade(engine)
    return True


def stored_revisions(engine: Engine) -> set[str]:
    """The revisions recorded in the database; empty for a database never migrated."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
            return {str(row[0]) for row in rows}
    except DBAPIError:  # no version table yet
        return set()


@cache
def known_head() -> str | None:
    """The newest revision among the revision files, read without Alembic; None when
    there is not exactly one (a branch: Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        values = _module_constants(path, ("revision", "down_revision"))
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str):
            continue
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def _module_constants(path: Path, names: tuple[str, ...]) -> dict[str, object]:
    """Top-level ``name = literal`` assignments of a Python file, without running it."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in names:
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                continue
    return found


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision this version of the kiosk knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()
