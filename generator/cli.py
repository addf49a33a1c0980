"""The command line: arguments, output and exit codes only; the work is done elsewhere."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import sys
import time
from pathlib import Path

from . import build as pipeline
from .engine.problems import Problem, Problems
from .engine.progress import NORMAL, QUIET, VERBOSE, Progress

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2
FORMATS = ("text", "github", "json")


def _github_escape(text: str, property_value: bool = False) -> str:
    # The workflow-command syntax: %, CR and LF always; ':' and ',' inside properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _github_line(problem: Problem, level: str) -> str:
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    title = problem.field or "briefings"
    return (f"::{level} file={_github_escape(problem.file, True)},line={max(problem.line, 1)},"
            f"title={_github_escape(title, True)}::{_github_escape(message)}")


def _as_json(problem: Problem) -> dict:
    return {"file": problem.file, "line": problem.line, "field": problem.field,
            "message": problem.message, "hint": problem.hint}


class Reporter:
    """Prints problems and reminders in the format asked for, and everything else by level."""

    def __init__(self, fmt: str, progress: Progress):
        self.format = fmt
        self.progress = progress
        # The warnings and reminders of the last check, and whether to print them again:
        # serve checks on every save, and the same notes each time would bury the new one.
        self.last_notes: dict[str, set[Problem]] = {}
        self.repeat_notes = True

    def problems(self, problems: Problems, ok: bool) -> None:
        items = problems.sorted()
        reminders = sorted(set(problems.reminders))
        warnings = sorted(set(problems.warnings))
        if self.format == "text":
            warnings, reminders = self._new("warning", warnings), self._new("reminder", reminders)
        if self.format == "json":
            print(json.dumps({"ok": ok, "problems": [_as_json(p) for p in items],
                              "warnings": [_as_json(w) for w in warnings],
                              "reminders": [_as_json(r) for r in reminders]}, indent=1))
            return
        for problem in items:
            line = _github_line(problem, "error") if self.format == "github" else str(problem)
            print(line, file=sys.stdout if self.format == "github" else sys.stderr)
        for warning in warnings:
            if self.format == "github":
                print(_github_line(warning, "warning"))
            else:  # shown even with --quiet: it may be a mistake
                print(f"warning: {warning}", file=sys.stderr)
        for reminder in reminders:
            if self.format == "github":
                print(_github_line(reminder, "warning"))
            elif self.progress.level > QUIET:
                print(f"reminder: {reminder}", file=sys.stderr)
        if items:
            noun = "problem" if len(items) == 1 else "problems"
            print(f"{len(items)} {noun} found; nothing was written. Fix them and run again.",
                  file=sys.stderr)

    def _new(self, kind: str, notes: list[Problem]) -> list[Problem]:
        """The notes to print: all of them, or (serve, after its first check) those the last
        check did not give, with a line counting the others. A note that went away and came
        back is new again."""
        last, self.last_notes[kind] = self.last_notes.get(kind, set()), set(notes)
        if self.repeat_notes:
            return notes
        new = [note for note in notes if note not in last]
        if len(new) < len(notes) and (kind == "warning" or self.progress.level > QUIET):
            others = len(notes) - len(new)
            print(f"{others} {kind}{'s' if others != 1 else ''} as before, not shown again "
                  "(briefings check lists them all)", file=sys.stderr)
        return new

    def say(self, message: str, level: int = NORMAL) -> None:
        if self.format != "json":
            self.progress.say(message, level)


def _checked(project: pipeline.Project, reporter: Reporter, cache=None):
    knowledge, problems = pipeline.check(project, reporter.progress, cache)
    reporter.problems(problems, ok=knowledge is not None)
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


def _write_summary(project: pipeline.Project, changes, knowledge, reporter: Reporter) -> None:
    from .site.summary import SUMMARY_FILE, change_summary

    text = change_summary(changes, knowledge)
    (project.docs_dir.parent / SUMMARY_FILE).write_text(text, encoding="utf-8")
    reporter.say(text, VERBOSE)


def command_check(project: pipeline.Project, args, reporter: Reporter) -> int:
    knowledge = _checked(project, reporter)
    if knowledge is None:
        return EXIT_PROBLEMS
    reporter.say(f"ok: {_summary(knowledge)}")
    return EXIT_OK


def _generate(project: pipeline.Project, reporter: Reporter, cache=None, data: bool = True,
              save: bool = True, preview=None):
    """``preview``: serve's preview of the saved articles, whose pages count as changed."""
    cache = pipeline.open_cache(project, cache, reporter.progress)
    knowledge = _checked(project, reporter, cache)
    if knowledge is None:
        return None
    with pipeline.build_lock(project):
        changes = pipeline.generate(project, knowledge, reporter.progress, cache, data, save)
        if preview is not None:
            preview.account(changes)
        _write_summary(project, changes, knowledge, reporter)
    reporter.say(f"generated {_shown(project, project.docs_dir)}: {changes.summary()}")
    return changes, cache, knowledge


def command_generate(project: pipeline.Project, args, reporter: Reporter) -> int:
    return EXIT_OK if _generate(project, reporter) is not None else EXIT_PROBLEMS


def command_build(project: pipeline.Project, args, reporter: Reporter) -> int:
    archive = args.site_archive
    if archive is not None:
        pipeline.check_site_archive(project, archive)
    with contextlib.ExitStack() as held:
        unpacking = None
        if archive is not None and args.incremental:
            # The lock first: the previous site is unpacked beside the site while the
            # articles are checked, and no other build may be writing there meanwhile.
            held.enter_context(pipeline.build_lock(project))
            unpacking = held.enter_context(pipeline.unpacking_previous_site(project, archive))
        cache = pipeline.open_cache(project, progress=reporter.progress)
        knowledge = _checked(project, reporter, cache)
        if knowledge is None:
            return EXIT_PROBLEMS
        started = time.monotonic()
        if unpacking is None:
            held.enter_context(pipeline.build_lock(project))
        changes = pipeline.generate_and_build(project, knowledge, reporter.progress, cache,
                                              incremental=args.incremental,
                                              unpacking=unpacking, site_archive=archive)
        _write_summary(project, changes, knowledge, reporter)
    reporter.say(f"generated {_shown(project, project.docs_dir)}: {changes.summary()}")
    reporter.say(f"built {_shown(project, project.site_dir)} in "
                 f"{time.monotonic() - started:.1f} s")
    return EXIT_OK


def command_serve(project: pipeline.Project, args, reporter: Reporter) -> int:
    from .serve import serve_lock

    with serve_lock(project):
        return _serve(project, args, reporter)


class ServeSession:
    """What serve keeps in memory from one regeneration to the next, and what it does with a
    burst of saved files: ``preview`` them, ``regenerate``, then ``save_cache`` once mkdocs
    has been told to rebuild."""

    def __init__(self, project: pipeline.Project, reporter: Reporter):
        self.project = project
        self.reporter = reporter
        # The cache, the entities, and the knowledge base for the preview of a saved entity
        # file (the last build's articles with the entities as saved; none after a
        # regeneration that failed).
        self.cache = None
        self.registry = None
        self.knowledge = None
        self.unsaved = None  # the cache of a regeneration that succeeded, until it is saved
        self.shown = None  # the saved articles' pages, until the regeneration settles them
        self.warned_of_folders = False

    def start(self) -> bool:
        """The first generate, data downloads included; False if it found problems."""
        generated = _generate(self.project, self.reporter)
        if generated is None:
            return False
        _, self.cache, self.knowledge = generated
        self.registry = self.knowledge.registry
        self.reporter.repeat_notes = False  # from now on only new warnings and reminders
        return True

    def preview(self, saved: set[Path]) -> bool:
        """Show the ``saved`` articles' own pages at once (preview.py): whether it wrote any."""
        from .preview import preview_saved

        try:
            self.shown = preview_saved(self.project, self.registry, saved, self.knowledge)
        except Exception as error:  # noqa: BLE001 - only a shortcut: the regeneration
            # that follows reports the problem (a template, the lock, the disk) once.
            self.reporter.progress.say(f"no preview of the saved articles: {error}", VERBOSE)
            return False
        if self.shown is None:
            return False
        if self.shown.before:
            self.reporter.progress.say(f"{self.shown.summary()}; regenerating the site...")
        return bool(self.shown.before)

    def regenerate(self) -> bool:
        """Generate again, the data downloads (the costliest part of a small change) left as
        the first generate made them (generate and build bring them up to date); whether it
        succeeded. The cache is saved later (save_cache)."""
        from .engine.collector import release_frozen

        self.knowledge = None  # its objects go as the new ones are made, not beside them
        release_frozen()  # the last build's objects: see engine/collector
        result = None
        try:
            self.project, moved = pipeline.with_saved_settings(self.project)
            if moved and not self.warned_of_folders:
                self.reporter.progress.warn(
                    "docs_dir or site_dir changed in mkdocs.yml: serve goes on with the "
                    "folders it started with; restart it to use the new ones")
            self.warned_of_folders = moved
            result = _generate(self.project, self.reporter, self.cache, data=False,
                               save=False, preview=self.shown)
        finally:
            if self.shown is not None:
                try:
                    self.shown.settle(regenerated=result is not None)
                except OSError as error:  # removed instead: the next regeneration writes them
                    self.reporter.progress.warn(
                        f"cannot put back the pages shown before the regeneration: {error}; "
                        "save the article again")
                self.shown = None
        if result is None:
            return False
        _, self.cache, self.knowledge = result
        self.registry = self.knowledge.registry
        self.unsaved = self.cache
        return True

    def save_cache(self) -> None:
        if self.unsaved is not None:
            pipeline.save_cache(self.unsaved, self.reporter.progress)
            self.unsaved = None


def _serve(project: pipeline.Project, args, reporter: Reporter) -> int:
    from .serve import serve

    session = ServeSession(project, reporter)
    if not session.start():
        return EXIT_PROBLEMS
    return serve(project, args.port, session.regenerate, session.save_cache, session.preview)


def command_new(project: pipeline.Project, args, reporter: Reporter) -> int:
    from .editor.new_article import new_article

    problems = Problems(root=project.root)
    written = new_article(project.root, args.source.resolve(), problems)
    if written is None:
        reporter.problems(problems, ok=False)
        return EXIT_PROBLEMS
    for path in written:
        reporter.say(f"wrote {_shown(project, path)}")
    reporter.say("Next: read the draft annotation, confirm each item (delete 'draft: true'), "
                 "then run 'briefings check'.")
    return EXIT_OK


def command_schema(project: pipeline.Project, args, reporter: Reporter) -> int:
    from .editor.jsonschema import SCHEMA_FOLDER, schema_files

    folder = project.root / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    for name, text in schema_files().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            reporter.say(f"wrote {_shown(project, path)}")
    return EXIT_OK


def _global_options(parser: argparse.ArgumentParser, after_command: bool) -> None:
    """The options every command takes, before the command or after it.

    After the command they default to "not given" (SUPPRESS), so that an option written before
    the command is not reset by the command's own parser."""

    def default(value):
        return argparse.SUPPRESS if after_command else value

    parser.add_argument("--project", type=Path, default=default(Path.cwd()), metavar="DIR",
                        help="the project folder holding mkdocs.yml, content/ and templates/ "
                             "(default: the current folder)")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", default=default(False),
                          help="print problems only, no progress or summary")
    loudness.add_argument("-v", "--verbose", action="store_true", default=default(False),
                          help="print every phase with its time, mkdocs' own output and the "
                               "change summary")


class _Parser(argparse.ArgumentParser):
    def parse_args(self, args=None, namespace=None):
        parsed = super().parse_args(args, namespace)
        # The group keeps -q and -v apart within one position, not across the two.
        if getattr(parsed, "quiet", False) and getattr(parsed, "verbose", False):
            self.error("argument -v/--verbose: not allowed with argument -q/--quiet")
        return parsed


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="briefings",
        description="Validate sourced articles and annotations in content/ and turn them into "
                    "a briefing site (Markdown for mkdocs, then the built site). The options "
                    "--project, --quiet and --verbose may come before or after the command.")
    _global_options(parser, after_command=False)
    after = argparse.ArgumentParser(add_help=False)
    _global_options(after, after_command=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=functools.partial(argparse.ArgumentParser,
                                                                    parents=[after]))

    def with_format(sub):
        sub.add_argument("--format", choices=FORMATS, default="text",
                         help="text (default); github: GitHub Actions annotations on the right "
                              "line of a pull request; json: for other tools")
        return sub

    with_format(commands.add_parser(
        "check", help="validate content/ and report every problem; write nothing",
        description="Validate articles, annotations and entities. Every problem is reported "
                    "on one line with file, line, field and what to do (exit code 1 if any); "
                    "unconfirmed drafts are listed as reminders."))
    with_format(commands.add_parser(
        "generate", help="validate, then write the Markdown pages into docs_dir",
        description="Validate, then write the site's Markdown into docs_dir of mkdocs.yml. "
                    "Only files whose content changed are rewritten; stale files are removed. "
                    "A change summary is written beside it (changes.md)."))
    build = with_format(commands.add_parser(
        "build", help="validate, generate, then build the site with mkdocs --strict",
        description="Validate, generate, then run 'mkdocs build --strict' into site_dir and "
                    "index it for search with Pagefind. The previous site is kept if any step "
                    "fails."))
    build.add_argument("--incremental", action="store_true",
                       help="rebuild only the pages whose Markdown changed, into a copy of the "
                            "previous site (a full build when there is none, or when "
                            "mkdocs.yml, the theme or the versions changed)")
    build.add_argument("--site-archive", type=Path, metavar="FILE",
                       help="after the build, write the site to FILE (a tar archive, "
                            "zstd-compressed if it ends in .zst); with --incremental, first "
                            "take the previous site from FILE, unpacked while the articles "
                            "are checked and the pages generated (for CI, whose cache "
                            "restores FILE instead of the site's 30,000 files)")
    serve = commands.add_parser(
        "serve", help="generate, serve on 127.0.0.1 and regenerate on every change",
        description="Generate, then serve the site on 127.0.0.1 with live reload; a saved "
                    "change to content/, templates/ or mkdocs.yml shows in the open page.")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    new = commands.add_parser(
        "new", help="turn a saved article into content/articles/ plus a draft annotation",
        description="Read a raw article (plain text, Markdown, or an HTML page saved from a "
                    "browser) and write it to content/articles/ with a draft annotation: the "
                    "countries, organisations, people, figures and candidate relations found "
                    "in it, each with its evidence quote, marked 'draft: true' until confirmed. "
                    "Existing files are never overwritten.")
    new.add_argument("source", type=Path, metavar="PATH", help="the saved article")
    commands.add_parser(
        "schema", help="rewrite the JSON Schemas in schema/ for editors' tools",
        description="Write schema/*.schema.json from the validator's own field list; content "
                    "files point at them with '# yaml-language-server: $schema=...'.")
    return parser


COMMANDS = {"check": command_check, "generate": command_generate, "build": command_build,
            "serve": command_serve, "new": command_new, "schema": command_schema}


# A build keeps hundreds of thousands of objects alive until it ends; with the default
# thresholds the collector rescans them all every few thousand allocations (a third of an
# incremental build's time at ten thousand articles).
COLLECTOR_THRESHOLDS = (50_000, 20, 100)


def main(argv: list[str] | None = None) -> int:
    # The thresholds are process-wide: restored on the way out, for whoever called main.
    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    try:
        return _run(argv)
    finally:
        gc.set_threshold(*thresholds)


def command_line() -> int:
    """The briefings command (and python -m generator): main, as a process that ends next."""
    code = main()
    # What the command held is left for the system to reclaim with the process: collected
    # at exit, the records of 10,000 articles (many in reference cycles) took 0.5 s.
    gc.freeze()
    return code


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    level = QUIET if args.quiet else VERBOSE if args.verbose else NORMAL
    reporter = Reporter(getattr(args, "format", "text"), Progress(level))
    try:
        project = pipeline.load_project(args.project)
        return COMMANDS[args.command](project, args, reporter)
    except pipeline.BuildFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS if isinstance(error, pipeline.TemplateFailed) else EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
