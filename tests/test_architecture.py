"""One home for each idea, checked: the layers import only downwards, every rule is one record
in `constraints/`, and the variable container makes every variable of the model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from constraints import RULES

ROOT = Path(__file__).resolve().parent.parent
ABOVE_THE_CORE = ("constraints", "connectors", "report", "organisation", "store", "web", "cli", "bench")


def imported(path: Path) -> set[str]:
    """Every module `path` imports, type-checking imports included, relative ones resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            names.add(".".join(filter(None, (base, node.module))))
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules("scheduler"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_no_layer_above_it(path: Path):
    assert not {name for name in imported(path) if name.split(".")[0] in ABOVE_THE_CORE}


@pytest.mark.parametrize("path", modules("scheduler/model") + modules("constraints"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_model_and_the_rules_import_only_the_domain_and_the_model(path: Path):
    ours = {name for name in imported(path) if name.split(".")[0] in ("scheduler", *ABOVE_THE_CORE)}
    allowed = ("scheduler.domain", "scheduler.model", "constraints")
    assert {name for name in ours if not name.startswith(allowed)} == set()


@pytest.mark.parametrize("path", modules("scheduler/validate"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_validator_imports_only_the_domain(path: Path):
    ours = {name for name in imported(path) if name.startswith("scheduler")}
    assert {name for name in ours if not name.startswith(("scheduler.domain", "scheduler.validate"))} == set()


def test_rules_make_no_variables_of_their_own():
    """Only `Variables` (and the decisions it starts with) call CP-SAT's variable makers."""
    makers = ("new_bool_var", "new_int_var", "new_constant", "new_interval_var", "new_optional")
    for path in [*modules("constraints"), *modules("scheduler")]:
        if path.name not in ("variables.py", "decisions.py"):
            assert not any(maker in path.read_text() for maker in makers), path


def test_every_rule_is_one_named_record_with_a_face():
    assert len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        faces = (rule.starts.grid, rule.starts.keep, rule.starts.prune, rule.cp_sat, rule.first_fit,
                 rule.reason.always, rule.reason.in_plan, rule.reason.in_the_way)
        assert any(face is not None for face in faces), rule.name
