"""Default configuration of provenance, shipped as TOML files (package data)."""
