"""The layers of README's Architecture paragraph, checked on every module's imports.

Bottom to top: the core (`scheduler/`), the rules (`constraints/`), storage (`store/`), the
calendar connectors and the report (`connectors/`, `report/`), the organisation layer, the
web service and the command line; benchmarks and tests on top. A module may import its own
layer and those below, never one above: the core stays usable without Flask or a calendar,
and a change in the web cannot break a rule. Imports inside functions count too. Migrations
import no module of rhythm at all: a migration must do the same to the same rows whatever
the code around it becomes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "i18n": 0,
    "scheduler": 0,
    "constraints": 1,
    "store": 2,
    "connectors": 3,
    "report": 3,
    "notify": 3,
    "organisation": 4,
    "web": 5,
    "cli": 6,
    "bench": 7,
    "tests": 7,
}
MIGRATIONS = ROOT / "store" / "migrations" / "versions"


def modules() -> Iterator[tuple[Path, str]]:
    """Every Python file of the project, with its dotted name."""
    for top in LAYERS:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield path, ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """Each module `source` imports, with its line; relative imports made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                yield node.lineno, f"{base}.{node.module}" if node.module else base
            elif node.module:
                yield node.lineno, node.module


def upward_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """`module`'s imports of a layer above its own, as "module:line imports name (layer)"."""
    own = LAYERS[module.split(".")[0]]
    return [f"{module}:{line} imports {name} ({name.split('.')[0]} is above {module.split('.')[0]})"
            for line, name in imported(source, module, is_package)
            if LAYERS.get(name.split(".")[0], -1) > own]


def test_every_top_level_package_has_a_layer():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages <= set(LAYERS), f"place {sorted(packages - set(LAYERS))} in LAYERS (and README)"


def test_no_module_imports_a_layer_above_its_own():
    found = [problem for path, module in modules()
             for problem in upward_imports(path.read_text(), module, path.name == "__init__.py")]
    assert found == []


def test_an_import_of_a_layer_above_is_found_wherever_it_is():
    source = "import json\n\ndef later():\n    from web.db import sessions\n    import cli.main\n"
    assert upward_imports(source, "scheduler.solve.planner") == [
        "scheduler.solve.planner:4 imports web.db (web is above scheduler)",
        "scheduler.solve.planner:5 imports cli.main (cli is above scheduler)",
    ]
    assert upward_imports("from ..errors import RhythmError\n", "scheduler.solve.planner") == []
    assert upward_imports("from store.models import Job\n", "web.solving") == []


def test_migrations_import_no_module_of_rhythm():
    versions = sorted(MIGRATIONS.glob("*.py"))
    assert versions, f"no migrations under {MIGRATIONS}"
    found = [f"{path.name}:{line} imports {name}" for path in versions
             for line, name in imported(path.read_text(), f"store.migrations.versions.{path.stem}")
             if name.split(".")[0] in LAYERS]
    assert found == []
