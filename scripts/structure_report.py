"""Numbers about the code base's shape, for issue notes and reviews (not a test).

    .venv/bin/python scripts/structure_report.py [SRC_DIR]

Prints: lines of Python in src, files over 300 lines, the import cycles among ``peoplelens``
modules (tests/structure.py reads the graph), and the lines outside migrations that name the
candidate field ``linkedin_url`` (a field only candidates have: how many places one new field
touches).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.structure import SRC, cycles, import_graph, modules  # noqa: E402


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SRC
    mods = modules(src)
    sizes = {name: len(path.read_text().splitlines()) for name, path in mods.items()}
    big = sorted((n, str(mods[name].relative_to(src))) for name, n in sizes.items() if n > 300)
    field_lines = [
        f"{path.relative_to(src)}:{i}"
        for path in mods.values()
        if "migrations" not in path.parts
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if "linkedin_url" in line
    ]
    print(f"python lines in src: {sum(sizes.values())} ({len(mods)} modules)")
    print(f"files over 300 lines: {len(big)}")
    for n, name in big:
        print(f"  {n:5d} {name}")
    found = cycles(import_graph(src))
    print(f"import cycles: {len(found)}")
    for component in found:
        print("  " + " <-> ".join(component))
    files = sorted({line.split(":")[0] for line in field_lines})
    print(f"lines naming the candidate field linkedin_url: {len(field_lines)} in {len(files)}")
    for name in files:
        print(f"  {name}")


if __name__ == "__main__":
    main()
