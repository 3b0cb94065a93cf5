"""The plugin manager: built-in and third-party plugins, loaded once from entry points."""

from __future__ import annotations

import os
import sys
from importlib.metadata import entry_points

import pluggy

from . import hookspecs

GROUP = "provenance"

pm = pluggy.PluginManager(GROUP)
pm.add_hookspecs(hookspecs)

_loaded = False


def load_plugins(blocked: list[str] | None = None) -> pluggy.PluginManager:
    """Load the ``provenance`` entry-point group once, skipping blocked names.

    ``PROVENANCE_LOAD_PLUGINS`` (comma-separated entry-point names) restricts
    loading to those names; ``blocked`` and ``PROVENANCE_BLOCK_PLUGINS`` block
    names. A plugin that fails to import is reported on stderr and skipped.
    """
    global _loaded
    if _loaded:
        return pm
    _loaded = True
    only = os.environ.get("PROVENANCE_LOAD_PLUGINS")
    allowed = {n.strip() for n in only.split(",") if n.strip()} if only is not None else None
    blocks = set(blocked or []) | {
        n.strip() for n in os.environ.get("PROVENANCE_BLOCK_PLUGINS", "").split(",") if n.strip()
    }
    for name in blocks:
        pm.set_blocked(name)
    for ep in entry_points(group=GROUP):
        if (allowed is not None and ep.name not in allowed) or pm.is_blocked(ep.name):
            continue
        if pm.get_plugin(ep.name) is not None:
            continue
        dist = getattr(ep.dist, "name", "?")
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
            pm.check_pending()
        except Exception as exc:  # a broken third-party plugin must not take the CLI down
            if pm.get_plugin(ep.name) is not None:
                pm.unregister(name=ep.name)
            print(f"provenance: plugin {ep.name!r} from {dist} failed to load: {exc}", file=sys.stderr)
            continue
    return pm


def plugin_info(include_builtins: bool = False) -> list[dict]:
    """Describe the loaded plugins: name, distribution version and implemented hooks."""
    dists = {ep.name: ep.dist for ep in entry_points(group=GROUP)}
    out = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:  # blocked
            continue
        module = getattr(plugin, "__name__", "")
        builtin = module.startswith("provenance_plugins.")
        if builtin and not include_builtins:
            continue
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        dist = dists.get(name)
        out.append(
            {
                "name": name,
                "module": module,
                "version": dist.version if dist is not None else None,
                "builtin": builtin,
                "hooks": hooks,
            }
        )
    return sorted(out, key=lambda p: p["name"])
