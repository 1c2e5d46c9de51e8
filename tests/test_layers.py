"""The house: subpackages by role, imports pointing down only, no circles, small modules.

Read from the code's own imports (with ``ast``), so a new import that runs
the wrong way fails here, not in review.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "plan_cli"
LAYERS = ["basics", "plan", "reading", "questions", "editing", "documents", "importer", "national", "cli"]
"""Lowest first: a module may import its own layer and those before it."""

MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The plan_cli modules ``path`` imports, at any depth (function-level imports included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("plan_cli"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("plan_cli"))
    return found


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_subpackage_is_a_known_layer() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(LAYERS), "add a new subpackage to LAYERS (and docs/architecture.md)"


def test_imports_point_down_only() -> None:
    known = modules()
    upward = []
    for name, path in known.items():
        mine = layer_of(name)
        if mine is None:
            continue
        for target in imports_of(path):
            theirs = layer_of(target)
            if theirs is not None and target in known and LAYERS.index(theirs) > LAYERS.index(mine):
                upward.append(f"{name} imports {target}")
    assert upward == []


def test_there_are_no_circles() -> None:
    known = modules()
    graph = {name: {t for t in imports_of(path) if t in known and t != name} for name, path in known.items()}
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()}
    seen: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for target in sorted(graph[node]):
            if seen.get(target) == 1:
                raise AssertionError("import circle: " + " -> ".join([*trail[trail.index(target) :], target]))
            if target not in seen:
                visit(target, [*trail, target])
        seen[node] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name, [name])


def test_few_modules_stand_directly_in_the_package() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 8


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


ARCHITECTURE = ROOT / "docs" / "architecture.md"


def test_the_architecture_page_names_every_layer_in_order() -> None:
    rows = re.findall(r"^\| `(\w+)/` \|", ARCHITECTURE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert rows == LAYERS, "docs/architecture.md's table of layers is out of step with the package"


def defines(tree: ast.Module | ast.ClassDef, name: str) -> ast.AST | None:
    """The function, class or assignment of ``name`` at the top of ``tree``, if there is one."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return node
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if any(isinstance(target, ast.Name) and target.id == name for target in targets):
            return node
    return None


def place_exists(dotted: str, known: dict[str, Path]) -> bool:
    """Whether ``dotted`` (``layer.module``, ``layer.module.name``, ``Class.method (layer.module)``) is in the code."""
    owner, _, module = dotted.partition(" ")
    parts = owner.split(".")
    if module:
        path = known.get(f"plan_cli.{module}")
        found = defines(ast.parse(path.read_text(encoding="utf-8")), parts[0]) if path else None
        return isinstance(found, ast.ClassDef) and defines(found, parts[1]) is not None
    for cut in range(len(parts), 0, -1):
        path = known.get("plan_cli." + ".".join(parts[:cut]))
        if path is not None:
            rest = parts[cut:]
            return not rest or (
                len(rest) == 1 and defines(ast.parse(path.read_text(encoding="utf-8")), rest[0]) is not None
            )
    return False


def test_every_place_the_architecture_page_names_exists() -> None:
    """Each module, function and file the page names is in the code, so the page cannot drift from it."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    known = modules()
    layer = "|".join(LAYERS)
    places = re.findall(rf"`((?:{layer})\.[\w.]+)`", text)
    places += [f"{owner} {module}" for owner, module in re.findall(r"`([A-Z]\w*\.\w+)` \(`([\w.]+)`\)", text)]
    assert len(places) >= 20
    missing = [place for place in sorted(set(places)) if not place_exists(place, known)]
    missing += [
        name
        for name in sorted(set(re.findall(r"`(\w+\.py)`", text)))
        if not (any(PACKAGE.rglob(name)) or (ROOT / name).is_file())
    ]
    assert missing == [], f"docs/architecture.md names places the code no longer has: {missing}"
