"""The built-in plugins of provenance, each registered through the ``provenance`` entry-point group."""
