"""The command line: arguments and exit codes only; the work is done in build.py."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import build as pipeline
from .problems import Problems

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


def _report(problems: Problems) -> None:
    items = problems.sorted()
    for problem in items:
        print(problem, file=sys.stderr)
    noun = "problem" if len(items) == 1 else "problems"
    print(f"{len(items)} {noun} found; nothing was written. Fix them and run again.",
          file=sys.stderr)


def _checked(project: pipeline.Project):
    knowledge, problems = pipeline.check(project)
    if knowledge is None:
        _report(problems)
    return knowledge


def _shown(project: pipeline.Project, folder: Path) -> str:
    try:
        return folder.relative_to(project.root).as_posix()
    except ValueError:
        return str(folder)


def _summary(knowledge) -> str:
    return (f"{len(knowledge.articles)} articles, {len(knowledge.countries_with_pages())} "
            f"countries, {len(knowledge.relations)} relations, {len(knowledge.events)} events, "
            f"{len(knowledge.figures)} figures")


def command_check(project: pipeline.Project, args) -> int:
    knowledge = _checked(project)
    if knowledge is None:
        return EXIT_PROBLEMS
    print(f"ok: {_summary(knowledge)}")
    return EXIT_OK


def _generate(project: pipeline.Project, quiet: bool = False):
    knowledge = _checked(project)
    if knowledge is None:
        return None
    with pipeline.build_lock(project):
        changes = pipeline.generate(project, knowledge)
    if not quiet:
        print(f"generated {_shown(project, project.docs_dir)}: {changes.summary()}")
    return changes


def command_generate(project: pipeline.Project, args) -> int:
    return EXIT_OK if _generate(project) is not None else EXIT_PROBLEMS


def command_build(project: pipeline.Project, args) -> int:
    knowledge = _checked(project)
    if knowledge is None:
        return EXIT_PROBLEMS
    started = time.monotonic()
    print("generating, then building the site with mkdocs (strict)...", flush=True)
    with pipeline.build_lock(project):
        changes = pipeline.generate_and_build(project, knowledge)
    print(f"generated {_shown(project, project.docs_dir)}: {changes.summary()}")
    print(f"built {_shown(project, project.site_dir)} in {time.monotonic() - started:.1f} s")
    return EXIT_OK


def command_serve(project: pipeline.Project, args) -> int:
    from .serve import serve

    if _generate(project) is None:
        return EXIT_PROBLEMS
    return serve(project, args.port, lambda: _generate(project, quiet=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefings",
        description="Validate sourced articles and annotations in content/ and turn them into "
                    "a briefing site (Markdown for mkdocs, then the built site).")
    parser.add_argument("--project", type=Path, default=Path.cwd(), metavar="DIR",
                        help="the project folder holding mkdocs.yml, content/ and templates/ "
                             "(default: the current folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parser(
        "check", help="validate content/ and report every problem; write nothing",
        description="Validate articles, annotations and entities. Every problem is reported "
                    "on one line with file, line, field and what to do. Exit code 1 if any.")
    commands.add_parser(
        "generate", help="validate, then write the Markdown pages into docs_dir",
        description="Validate, then write the site's Markdown into docs_dir of mkdocs.yml. "
                    "Only files whose content changed are rewritten; stale files are removed.")
    commands.add_parser(
        "build", help="validate, generate, then build the site with mkdocs --strict",
        description="Validate, generate, then run 'mkdocs build --strict' into site_dir. "
                    "The previous site is kept if any step fails.")
    serve = commands.add_parser(
        "serve", help="generate, serve on 127.0.0.1 and regenerate on every change",
        description="Generate, then serve the site on 127.0.0.1 with live reload; saved "
                    "changes to content/ or templates/ are regenerated at once.")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    return parser


COMMANDS = {"check": command_check, "generate": command_generate, "build": command_build,
            "serve": command_serve}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        project = pipeline.load_project(args.project)
        return COMMANDS[args.command](project, args)
    except pipeline.BuildFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
