"""The store's connection: one engine per process, transactions as ``with store.session()``.

SQLite (WAL, so readers never block the nightly writer) by default; any
SQLAlchemy URL works through ``--db``. The query modules of this package
(campaigns, tasks, reviews, lineage) are mixins over :class:`StoreBase`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from codecanary.store.rows import Base

DEFAULT_DB = "sqlite:///codecanary.db"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL commits without an fsync each (checkpoints still sync): a crash of
    # the process loses nothing committed, a power cut at most the last transactions.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def checkpoint_path(db: str) -> str | None:
    """Where a campaign on database ``db`` checkpoints (None: an in-memory database).

    Beside the SQLite file (``<file>.checkpoints``); for any other database, a
    ``codecanary-checkpoints.sqlite`` in the working directory.
    """
    url = make_url(db)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return os.path.abspath(f"{url.database}.checkpoints")
    return os.path.abspath("codecanary-checkpoints.sqlite")


class StoreBase:
    """The engine and the session factory; the tables are created on first use."""

    def __init__(self, url: str = DEFAULT_DB) -> None:
        self.url = url
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as s:
            yield s
