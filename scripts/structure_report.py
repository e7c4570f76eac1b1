"""Numbers about the code base's shape, for issue notes and reviews (not a test).

    .venv/bin/python scripts/structure_report.py [SRC_DIR]

Prints: lines of Python in src, files over 300 lines, the import cycles among
``peoplelens`` modules (every import counted: module level, inside functions and under
``TYPE_CHECKING``), and the lines outside migrations that name the candidate field
``linkedin_url`` (a field only candidates have: how many places one new field touches).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules(src: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            # a package importing its own submodules is not a cycle of design
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in graph:
        if node not in index:
            visit(node)
    return found


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "src" / "peoplelens"
    mods = modules(src)
    graph = {name: imports_of(name, path, set(mods)) for name, path in mods.items()}
    # Edges from a package's __init__ to its own submodules are how packages work.
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    lines = sum(len(p.read_text().splitlines()) for p in mods.values())
    big = sorted(
        (len(p.read_text().splitlines()), str(p.relative_to(src)))
        for p in mods.values()
        if len(p.read_text().splitlines()) > 300
    )
    field_lines = [
        f"{p.relative_to(src)}:{i}"
        for p in mods.values()
        if "migrations" not in p.parts
        for i, line in enumerate(p.read_text().splitlines(), 1)
        if "linkedin_url" in line
    ]
    print(f"python lines in src: {lines} ({len(mods)} modules)")
    print(f"files over 300 lines: {len(big)}")
    for n, name in big:
        print(f"  {n:5d} {name}")
    found = cycles(graph)
    print(f"import cycles: {len(found)}")
    for component in found:
        print("  " + " <-> ".join(component))
    files = sorted({line.split(":")[0] for line in field_lines})
    print(f"lines naming the candidate field linkedin_url: {len(field_lines)} in {len(files)} files")
    for name in files:
        print(f"  {name}")


if __name__ == "__main__":
    main()
