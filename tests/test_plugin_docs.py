"""Every hook is documented three ways and tested: spec docstring, docs/plugins.md, tests/test_hooks.py.

Modelled on datasette's ``test_plugin_hooks_are_documented`` and ``test_plugin_hooks_have_tests``.
"""

from __future__ import annotations

import ast
import inspect
import re
import tomllib
from pathlib import Path

import pytest

from provenance import hookspecs
from provenance.plugins import pm

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"
TEST_HOOKS = Path(__file__).resolve().parent / "test_hooks.py"

HEADING = re.compile(r"^### (\w+)\((.*)\)\s*$", re.MULTILINE)


def hookspec_functions() -> dict[str, object]:
    """The functions of ``provenance.hookspecs`` marked with ``@hookspec``."""
    marker = f"{hookspecs.hookspec.project_name}_spec"
    return {
        name: fn for name, fn in vars(hookspecs).items() if inspect.isfunction(fn) and hasattr(fn, marker)
    }


HOOKS = sorted(hookspec_functions())


def documented() -> dict[str, list[str]]:
    """``{hook name: [argument names]}`` from the ``### name(args)`` headings of docs/plugins.md."""
    out = {}
    for name, args in HEADING.findall(DOCS.read_text(encoding="utf-8")):
        out[name] = [a.strip() for a in args.split(",") if a.strip()]
    return out


def test_hookspecs_are_the_plugin_managers_hooks():
    assert len(HOOKS) >= 9
    managed = {name for name in vars(pm.hook) if name.startswith("provenance_") and getattr(pm.hook, name).spec}
    assert set(HOOKS) == managed


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_are_documented(hook):
    docs = documented()
    assert hook in docs, f"docs/plugins.md has no section headed '### {hook}(...)'"
    spec_args = list(inspect.signature(hookspec_functions()[hook]).parameters)
    assert docs[hook] == spec_args, f"documented arguments of {hook} differ from the hookspec"


def test_documented_hooks_exist():
    assert set(documented()) <= set(HOOKS), "docs/plugins.md documents hooks that hookspecs.py does not define"


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_have_docstrings(hook):
    doc = inspect.getdoc(hookspec_functions()[hook])
    assert doc and doc.strip(), f"hookspec {hook} has no docstring"


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_have_tests(hook):
    tree = ast.parse(TEST_HOOKS.read_text(encoding="utf-8"))
    tests = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert f"test_hook_{hook}" in tests, f"tests/test_hooks.py has no test_hook_{hook}"


def test_builtin_plugins_are_listed_in_docs():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = pyproject["project"]["entry-points"]["provenance"]
    text = DOCS.read_text(encoding="utf-8")
    missing = [n for n in names if f"`{n}`" not in text]
    assert not missing, f"built-in plugins not described in docs/plugins.md: {missing}"
