"""The plugin manager: built-ins from entry points, plugin_info, the plugins command, blocking, broken plugins.

Loading happens once per process, so the tests that load with other settings (environment
variables, a fake distribution on ``PYTHONPATH``) run Python in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

from typer.testing import CliRunner

from provenance.cli import app
from provenance.plugins import GROUP, plugin_info
from test_hooks import load_test_plugin

ENTRY_POINTS = sorted(ep.name for ep in entry_points(group=GROUP))
runner = CliRunner()


def run_python(code: str, *args: str, env: dict[str, str] | None = None, pythonpath: Path | None = None):
    """Run ``code`` in a fresh interpreter with the provenance variables of this process removed."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("PROVENANCE_")}
    full.update(env or {})
    if pythonpath is not None:
        full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), full.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, env=full, timeout=60
    )


LOADED_NAMES = """
    import json
    from provenance.plugins import load_plugins
    pm = load_plugins()
    # list_name_plugin() also lists blocked names, with None for the plugin
    print(json.dumps(sorted(name for name, plugin in pm.list_name_plugin() if plugin is not None)))
"""

CLI = "from provenance.cli import app; app()"


def fake_distribution(root: Path, entry_points_txt: str, modules: dict[str, str] | None = None) -> Path:
    """A ``fakeplug 0.1`` distribution in ``root`` (importable with ``root`` on the path)."""
    info = root / "fakeplug-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplug\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")
    for name, source in (modules or {}).items():
        (root / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return root


# --------------------------------------------------------------------------- loading and listing


def test_builtins_are_loaded_from_entry_points(pm):
    assert "read_folder" in ENTRY_POINTS and "attribution" in ENTRY_POINTS
    loaded = {name for name, _ in pm.list_name_plugin()}
    assert set(ENTRY_POINTS) <= loaded
    for name in ENTRY_POINTS:
        assert pm.get_plugin(name).__name__ == f"provenance_plugins.{name}"


def test_plugin_info_lists_builtins_and_their_hooks(pm):
    info = {p["name"]: p for p in plugin_info(include_builtins=True)}
    assert set(ENTRY_POINTS) <= set(info)
    assert info["boilerplate"]["hooks"] == ["provenance_clean"]
    assert info["facts"]["hooks"] == ["provenance_compare", "provenance_fingerprint"]
    assert info["attribution"]["hooks"] == ["provenance_attribute"]
    assert all(info[n]["builtin"] and info[n]["version"] for n in ENTRY_POINTS)
    assert [p["name"] for p in plugin_info(include_builtins=True)] == sorted(info)
    assert not any(p["builtin"] for p in plugin_info())


def test_plugin_info_lists_a_registered_plugin(pm):
    plugin = load_test_plugin("advert_cleaner")
    pm.register(plugin, name="advert_cleaner")
    try:
        [info] = [p for p in plugin_info() if p["name"] == "advert_cleaner"]
        assert info == {
            "name": "advert_cleaner",
            "module": "provenance_test_plugins.advert_cleaner",
            "version": None,  # not installed from a distribution
            "builtin": False,
            "hooks": ["provenance_clean"],
        }
    finally:
        pm.unregister(name="advert_cleaner")


def test_plugins_command_all_lists_builtins(pm):
    result = runner.invoke(app, ["plugins", "--all"])
    assert result.exit_code == 0, result.output
    plugins = json.loads(result.stdout)
    by_name = {p["name"]: p for p in plugins}
    assert by_name["boilerplate"]["hooks"] == ["provenance_clean"]
    assert set(ENTRY_POINTS) <= set(by_name)
    assert [p["name"] for p in plugins] == sorted(by_name)


def test_plugins_command_hides_builtins(pm):
    result = runner.invoke(app, ["plugins"])
    assert result.exit_code == 0, result.output
    assert not any(p["builtin"] for p in json.loads(result.stdout))


# --------------------------------------------------------------------------- choosing and blocking


def test_block_plugins_environment_variable():
    result = run_python(LOADED_NAMES, env={"PROVENANCE_BLOCK_PLUGINS": "ai_style, facts"})
    assert result.returncode == 0, result.stderr
    names = json.loads(result.stdout)
    assert "ai_style" not in names and "facts" not in names
    assert set(ENTRY_POINTS) - {"ai_style", "facts"} <= set(names)


def test_blocked_argument_from_config():
    code = """
        import json
        from provenance.plugins import load_plugins
        pm = load_plugins(blocked=["ai_pair"])
        print(json.dumps(sorted(name for name, plugin in pm.list_name_plugin() if plugin is not None)))
        print(json.dumps(pm.is_blocked("ai_pair")))
    """
    result = run_python(code, env={"PROVENANCE_BLOCK_PLUGINS": "ai_style"})
    assert result.returncode == 0, result.stderr
    names_line, blocked_line = result.stdout.splitlines()
    names = json.loads(names_line)
    assert "ai_pair" not in names and "ai_style" not in names  # config and environment add up
    assert json.loads(blocked_line) is True


def test_load_plugins_environment_variable():
    result = run_python(LOADED_NAMES, env={"PROVENANCE_LOAD_PLUGINS": "read_folder,boilerplate"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["boilerplate", "read_folder"]


def test_blocked_builtin_is_absent_from_plugins_command():
    env = {"PROVENANCE_BLOCK_PLUGINS": "ai_style"}
    result = run_python(CLI, "plugins", "--all", env=env)
    assert result.returncode == 0, result.stderr
    names = [p["name"] for p in json.loads(result.stdout)]
    assert "ai_pair" in names
    assert "ai_style" not in names
    result = run_python(CLI, "plugins", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


# --------------------------------------------------------------------------- third-party distributions


def test_third_party_plugin_from_a_distribution(tmp_path):
    root = fake_distribution(
        tmp_path,
        "[provenance]\nfake_ok = fakeplug_ok\n",
        {
            "fakeplug_ok": """
                from provenance import hookimpl

                @hookimpl
                def provenance_clean(document, config):
                    return None
            """
        },
    )
    result = run_python(CLI, "plugins", pythonpath=root)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"name": "fake_ok", "module": "fakeplug_ok", "version": "0.1", "builtin": False, "hooks": ["provenance_clean"]}
    ]


def test_broken_entry_point_warns_and_does_not_crash(tmp_path):
    root = fake_distribution(tmp_path, "[provenance]\nbroken = nonexistent_module_xyz\n")
    result = run_python(CLI, "plugins", "--all", pythonpath=root)
    assert result.returncode == 0, result.stderr
    assert "'broken'" in result.stderr and "fakeplug" in result.stderr and "nonexistent_module_xyz" in result.stderr
    names = [p["name"] for p in json.loads(result.stdout)]
    assert "broken" not in names and set(ENTRY_POINTS) <= set(names)


def test_misspelled_hook_warns_and_does_not_crash(tmp_path):
    root = fake_distribution(
        tmp_path,
        "[provenance]\ntypo = fakeplug_typo\n",
        {
            "fakeplug_typo": """
                from provenance import hookimpl

                @hookimpl
                def provenance_clena(document, config):
                    return []
            """
        },
    )
    result = run_python(CLI, "plugins", "--all", pythonpath=root)
    assert result.returncode == 0, result.stderr
    assert "typo" in result.stderr and "provenance_clena" in result.stderr
    assert "typo" not in [p["name"] for p in json.loads(result.stdout)]


def test_invalid_hookimpl_warns_and_does_not_crash(tmp_path):
    root = fake_distribution(
        tmp_path,
        "[provenance]\nextra_arg = fakeplug_extra\n",
        {
            "fakeplug_extra": """
                from provenance import hookimpl

                @hookimpl
                def provenance_clean(document, config, language):
                    return []
            """
        },
    )
    result = run_python(CLI, "plugins", "--all", pythonpath=root)
    assert result.returncode == 0, result.stderr
    assert "extra_arg" in result.stderr and "fakeplug" in result.stderr
    assert "extra_arg" not in [p["name"] for p in json.loads(result.stdout)]
