"""Command-line interface: a thin layer over :mod:`provenance.pipeline`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import orjson
import typer

from . import lineage as lineage_io
from . import parallel, pipeline
from .progress import progress_bars
from .config import load_config
from .plugins import load_plugins, plugin_info, pm
from .render import tree_lines

app = typer.Typer(help="Find who copied, rewrote or paraphrased whom in a set of documents.", no_args_is_help=True, add_completion=False)


def _config(path: Optional[Path]) -> dict:
    try:
        config = load_config(path)
    except (OSError, ValueError) as exc:
        raise _fail(f"config: {exc}")
    load_plugins(config.get("plugins", {}).get("blocked", []))
    return config


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"provenance: {message}", err=True)
    if os.environ.get("PROVENANCE_DEBUG"):
        raise
    return typer.Exit(code)


@app.command()
def scan(
    paths: List[str] = typer.Argument(..., help="Folders, text files or .jsonl batches."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the lineage JSONL here."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="TOML file merged over the defaults."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0: one per core)."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No tree, only errors and the summary."),
) -> None:
    """Scan documents and print their provenance tree; exit 1 if any input could not be read."""
    config = _config(config_file)
    started = time.perf_counter()
    n_workers = workers if workers > 0 else parallel.default_workers()
    try:
        with progress_bars(enabled=sys.stderr.isatty() and not os.environ.get("CI")) as note:
            result = pipeline.scan(paths, config, pm, progress=note, workers=n_workers)
    except pipeline.PluginError as exc:
        raise _fail(str(exc))
    if output is not None:
        lineage_io.write(result, output)
    pm.hook.provenance_emit(lineage=result, config=config)
    if not quiet:
        for line in tree_lines(result):
            typer.echo(line)
    for err in result.errors:
        typer.echo(f"error: {err.source}: {err.message}", err=True)
    seconds = time.perf_counter() - started
    n = len(result.documents)
    typer.echo(
        f"{n} documents, {len(result.relations)} relations, {len(result.errors)} errors "
        f"in {seconds:.2f}s ({n / seconds if seconds else 0:.0f} docs/s, {n_workers} workers)",
        err=True,
    )
    if result.errors:
        raise typer.Exit(1)


@app.command()
def compare(
    a: Path = typer.Argument(..., exists=True, dir_okay=False),
    b: Path = typer.Argument(..., exists=True, dir_okay=False),
    config_file: Optional[Path] = typer.Option(None, "--config"),
    as_json: bool = typer.Option(False, "--json", help="Print the relation record as JSON."),
) -> None:
    """Explain one pair: the relation found, its direction and the aligned passages."""
    config = _config(config_file)
    try:
        result = pipeline.scan([str(a), str(b)], config, pm, all_pairs=True)
    except pipeline.PluginError as exc:
        raise _fail(str(exc))
    docs = {d.id: d for d in result.documents}
    if result.errors:
        for err in result.errors:
            typer.echo(f"error: {err.source}: {err.message}", err=True)
        raise typer.Exit(1)
    rels = [r for r in result.relations]
    if as_json:
        typer.echo(orjson.dumps([r for r in lineage_io.relation_records(result)], option=orjson.OPT_INDENT_2).decode())
        return
    if not rels:
        comp = result.comparisons[0] if result.comparisons else None
        score = comp.evidence.get("verification_score", 0.0) if comp else 0.0
        typer.echo(f"{a.name} and {b.name}: no relation (verification score {score:.2f})")
        return
    for rel in rels:
        ev = rel.evidence
        if rel.kind == "sibling":
            x, y = rel.members
            typer.echo(f"sibling: {x} ~ {y}  score {rel.score:.2f}  (related; nothing decided which came first)")
            _echo_keys(ev, ("jaccard", "coverage_ab", "coverage_ba", "trigram_containment_ab", "trigram_containment_ba"))
            _echo_passages(ev, ("a", docs[x].text), ("b", docs[y].text))
            continue
        typer.echo(f"{rel.kind}: {rel.parent} -> {rel.child}  score {rel.score:.2f}")
        d = ev.get("direction", {})
        typer.echo(f"  direction decided by: {', '.join(d.get('decided_by', []))}  votes {d.get('votes', {})}")
        _echo_keys(ev, ("jaccard", "coverage_child_in_parent", "coverage_parent_in_child", "trigram_containment_child_in_parent"))
        typer.echo(f"  shared facts: {', '.join(ev.get('shared_facts', [])[:15])}")
        _echo_passages(ev, ("parent", docs[rel.parent].text), ("child", docs[rel.child].text))


def _echo_keys(ev: dict, keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in ev:
            typer.echo(f"  {key}: {ev[key]}")


def _echo_passages(ev: dict, first: tuple[str, str], second: tuple[str, str], most: int = 20) -> None:
    """The aligned passages of a relation, each as the two sides' offsets and text."""
    (one, text_one), (two, text_two) = first, second
    typer.echo(f"  aligned passages ({one} | {two}):")
    for pas in ev.get("passages", [])[:most]:
        (s1, e1), (s2, e2) = pas[one], pas[two]
        typer.echo(f"   {pas['score']:.2f}  {one[0].upper()}[{s1}:{e1}] {text_one[s1:e1][:100]!r}")
        typer.echo(f"         {two[0].upper()}[{s2}:{e2}] {text_two[s2:e2][:100]!r}")


@app.command("plugins")
def plugins_cmd(all_: bool = typer.Option(False, "--all", help="Include the built-in plugins.")) -> None:
    """List the loaded plugins and the hooks each implements, as JSON."""
    _config(None)
    typer.echo(orjson.dumps(plugin_info(include_builtins=all_), option=orjson.OPT_INDENT_2).decode())


@app.command("eval")
def eval_cmd(
    lineage_file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A lineage JSONL file."),
    truth: Path = typer.Option(..., "--truth", exists=True, dir_okay=False, help="Truth JSON: {id: {parent, ai}}."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """Precision, recall and F1 of derivation edges, reversed edges, and the AI-score ROC AUC."""
    from .evaluate import evaluate, format_report, load_truth, read_lineage

    try:
        result = evaluate(read_lineage(lineage_file), load_truth(truth))
    except ValueError as exc:
        raise _fail(str(exc))
    if as_json:
        typer.echo(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
    else:
        typer.echo(format_report(result))


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
