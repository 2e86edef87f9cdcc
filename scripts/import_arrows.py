"""The apps' import arrows, for docs/architecture.md: how many import statements run from
each app to each other app (tests left out), and which of them run upward in the stack.
Run: .venv/bin/python scripts/import_arrows.py"""

import sys
from collections import Counter
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STACK = ["caolocculture", "households", "campaigns", "recognition", "reports", "devtools", "testing"]


def main() -> None:
    graph = grimp.build_graph(*STACK, cache_dir=None)
    arrows: Counter = Counter()
    upward: Counter = Counter()
    for importer in graph.modules:
        if ".tests" in importer or ".migrations" in importer:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            a, b = importer.split(".")[0], imported.split(".")[0]
            if a == b:
                continue
            lines = len(graph.get_import_details(importer=importer, imported=imported)) or 1
            arrows[a, b] += lines
            if STACK.index(b) > STACK.index(a):
                upward[importer, imported] += lines
    print("from -> to: import statements")
    for (a, b), n in sorted(arrows.items(), key=lambda x: (STACK.index(x[0][0]), STACK.index(x[0][1]))):
        mark = "  UPWARD" if STACK.index(b) > STACK.index(a) else ""
        print(f"  {a:14} -> {b:14} {n:4}{mark}")
    print(f"upward import statements: {sum(upward.values())}")
    for (importer, imported), n in sorted(upward.items()):
        print(f"  {importer} -> {imported} ({n})")


if __name__ == "__main__":
    main()
