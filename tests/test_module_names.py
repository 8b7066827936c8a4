"""No module of the service binds a name at its top level twice.

Why: `ocr.py` once defined `_YEAR` a second time, for a new rule, far below the
first; the later pattern (a year with a bracket after it) silently replaced the
earlier one for three older rules, and `int("1983)")` made scanned reports fail.
Neither ruff nor mypy reports a constant rebound with the same type.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"


def top_level_names(source: str) -> Counter[str]:
    """How often each name is bound by the module's own statements (assignments,
    functions, classes); imports and names bound inside `if` or `try` are not counted."""
    counts: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            counts.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is not None:
                counts[node.target.id] += 1
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            counts[node.name] += 1
    return counts


@pytest.mark.parametrize(
    ("source", "twice"),
    [
        ("A = 1\nB = 2\n", set()),
        ("A = 1\ndef f(): pass\nA = 3\n", {"A"}),
        ("X: int = 1\nX: int = 2\n", {"X"}),
        ("def f(): pass\nclass f: pass\n", {"f"}),
        ("def f():\n    A = 1\n    A = 2\n", set()),  # inside a function: not the module's
    ],
)
def test_the_check_finds_a_name_bound_twice(source: str, twice: set[str]) -> None:
    assert {k for k, n in top_level_names(source).items() if n > 1} == twice


def test_no_app_module_binds_a_top_level_name_twice() -> None:
    modules = sorted(APP.rglob("*.py"))
    assert len(modules) > 30
    twice = {
        f"{path.relative_to(APP)}: {name}"
        for path in modules
        for name, n in top_level_names(path.read_text(encoding="utf-8")).items()
        if n > 1
    }
    assert not twice
