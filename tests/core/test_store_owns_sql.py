"""Only the store speaks SQL: no other module of the packages imports SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("codecanary", "agent", "assistants", "generators", "reviewers", "sandbox")
STORE = ROOT / "codecanary" / "store"


def sqlalchemy_importers(root: Path) -> list[str]:
    """Modules under ``root``'s packages (outside the store) that import sqlalchemy."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if STORE in path.parents or path == STORE.with_suffix(".py"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n == "sqlalchemy" or n.startswith("sqlalchemy.") for n in names):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_sqlalchemy_import_outside_the_store() -> None:
    assert sqlalchemy_importers(ROOT) == []


def test_the_check_sees_an_import_anywhere_in_a_module(tmp_path: Path) -> None:
    (tmp_path / "agent").mkdir()
    (tmp_path / "agent" / "x.py").write_text(
        "def f():\n    from sqlalchemy.orm import Session\n    return Session\n")
    (tmp_path / "reviewers").mkdir()
    (tmp_path / "reviewers" / "y.py").write_text("import sqlalchemy as sa\n")
    assert sqlalchemy_importers(tmp_path) == ["agent/x.py:2", "reviewers/y.py:1"]
