"""The house rules of docs/architecture.md, checked on the source.

- no import circle between modules (every import counts, lazy ones inside
  functions too; only ``if TYPE_CHECKING:`` blocks are exempt, they never run);
- no ``sqlalchemy`` outside the store;
- no ``isinstance`` on a concrete plug-in class outside the package that
  defines it (a capability is asked through a protocol in ``*.base``).
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("codecanary", "agent", "assistants", "generators", "reviewers", "sandbox")


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(module: str, tree: ast.AST) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import outside TYPE_CHECKING blocks."""
    found: list[tuple[str, list[str]]] = []
    is_pkg = MODULES[module].name == "__init__.py"

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_pkg else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((base, [a.name for a in node.names]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _resolve(target: str, names: list[str]) -> set[str]:
    """The project modules an import statement loads (a submodule named in ``from``)."""
    hits = {f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES}
    if target in MODULES and (not names or len(hits) < len(names)):
        hits.add(target)
    return hits


def _graph() -> nx.DiGraph:
    graph: nx.DiGraph = nx.DiGraph()
    for module, path in MODULES.items():
        graph.add_node(module)
        for target, names in _imports(module, ast.parse(path.read_text("utf-8"))):
            for dep in _resolve(target, names):
                if dep != module and not module.startswith(dep + "."):  # a package's own parent
                    graph.add_edge(module, dep)
    return graph


def test_no_import_circles() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert cycles == [], f"import circles: {cycles}"


def test_the_check_sees_a_circle() -> None:
    graph = _graph()
    graph.add_edge("codecanary.types", "codecanary.cli")  # a made-up back edge
    assert any(len(c) > 1 for c in nx.strongly_connected_components(graph))


def test_sqlalchemy_only_in_the_store() -> None:
    users = sorted(m for m, p in MODULES.items()
                   if any(t.split(".")[0] == "sqlalchemy"
                          for t, _ in _imports(m, ast.parse(p.read_text("utf-8")))))
    assert users and all(m == "codecanary.store" or m.startswith("codecanary.store.")
                         for m in users), users


def _plugin_modules() -> list[str]:
    """The project's modules announced as plug-ins (pyproject entry points) and below."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        announced = tomllib.load(f)["project"]["entry-points"]["codecanary.plugins"].values()
    return [m for m in MODULES if any(m == a or m.startswith(a + ".") for a in announced)]


def _plugin_classes() -> dict[str, str]:
    """Class name -> top-level package, for every class a plug-in module defines."""
    out: dict[str, str] = {}
    for module in _plugin_modules():
        for node in ast.walk(ast.parse(MODULES[module].read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                out[node.name] = module.split(".")[0]
    return out


def test_no_isinstance_on_plugin_classes_outside_their_package() -> None:
    plugins = _plugin_classes()
    assert "BwrapSandbox" in plugins, "plug-in classes not found: the check itself is broken"
    offenders = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance":
                classes = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [
                    node.args[1]]
                for cls in classes:
                    name = cls.id if isinstance(cls, ast.Name) else getattr(cls, "attr", "")
                    home = plugins.get(name)
                    if home and module.split(".")[0] != home:
                        offenders.append(f"{module}: isinstance(..., {name})")
    assert offenders == [], offenders
