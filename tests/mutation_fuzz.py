"""Random damage to the sample project's files: every command answers with problems, never a
traceback, and a failed command leaves the last output as it was.

tests/bad_inputs.py lists broken inputs one by one; this breaks files the way a slip of the
keyboard does (from a seed, so that a finding can be replayed): a line deleted, repeated,
moved, indented or dedented, a few characters cut, a token a YAML or Jinja parser trips on
typed in (a colon, a bracket, a quote, a tab, an impossible date, "<script>"...). Articles,
annotations, entity files, briefs, editors' pages, templates and mkdocs.yml are damaged, one
file a step, restored after it. Each step runs `check`, and `generate` too when the check
passes, in this process; it must

- return, not raise (a traceback is a bug, whatever the input);
- exit 0, 1 (problems in the content or a template) or 2 (the build could not run);
- on a failure, name a file of the project, each problem once, and write nothing.

    python tests/mutation_fuzz.py --seeds 1-20 --steps 200   # a longer run than the tests'
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO))

from tests.incremental_fuzz import _command, _seeds, tree  # noqa: E402

# What a slip of the keyboard (or a paste) adds: YAML's and Jinja's syntax, dates and numbers
# out of range, invisible characters, markup.
TOKENS = [":", ": ", "- ", "{", "}", "[", "]", "'", '"', "\t", "null", "~", "0", "-1", "&x",
          "*x", "!", "#", "|", ">", "  ", "\n", "---", "...", "1e999", ".nan", "yes", "%",
          "2025-13-40", "2025-02-30", "é", "<script>alert(1)</script>", "@", "`", "\\", "\r",
          "\u200b", "\ufeff", "? ", "=", "0x10", "{{", "}}", "{%", "%}", "{# ", "|e(", "]]",
          "<!--", "](javascript:x)", "\x00"]

# A problem line names a project file, with its line where it has one.
NAMED = re.compile(r"(content/|templates/|mkdocs\.yml)")


def _damage(text: str, rng: random.Random) -> str:
    """One slip: a line deleted, repeated, moved, indented, dedented, cut or typed into."""
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    line = lines[index]
    slip = rng.randrange(7)
    if slip == 0 and len(lines) > 1:
        del lines[index]
    elif slip == 1:
        lines.insert(index, lines[rng.randrange(len(lines))])
    elif slip == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], line
    elif slip == 3:
        lines[index] = " " * rng.choice((1, 2, 4)) + line
    elif slip == 4:
        lines[index] = line.lstrip()
    elif slip == 5 and line:
        start = rng.randrange(len(line))
        lines[index] = line[:start] + line[start + rng.randint(1, 12):]
    else:
        at = rng.randint(0, len(line))
        lines[index] = line[:at] + rng.choice(TOKENS) + line[at:]
    return "\n".join(lines)


def _targets(project: Path) -> dict[str, list[Path]]:
    content = project / "content"
    return {
        "article": sorted((content / "articles").glob("*.md")),
        "annotation": sorted((content / "articles").glob("*.yml")),
        "entities or brief": sorted([*(content / "entities").glob("*.yml"),
                                     *(content / "briefs").glob("*.yml")]),
        "editors' page": sorted((content / "pages").glob("*.md")),
        "template": sorted((project / "templates").glob("*.j2")),
        "mkdocs.yml": [project / "mkdocs.yml"],
    }


# How often each kind of file is damaged: mostly what editors write every day.
WEIGHTS = {"article": 2, "annotation": 4, "entities or brief": 3, "editors' page": 1,
           "template": 1, "mkdocs.yml": 1}


def _failure(code: int, said: str, command: str, docs_before: dict, docs: Path) -> str | None:
    """What is wrong with a command's answer to damaged input, if anything."""
    if code not in (0, 1, 2):
        return f"{command} exited {code}"
    if code == 0:
        return None
    lines = [line for line in said.splitlines() if line.strip()]
    if not any(NAMED.search(line) for line in lines):
        return f"{command} failed without naming a file: {lines[:3]}"
    repeated = [line for line, count in Counter(lines).items() if count > 1]
    if repeated:
        return f"{command} said the same problem twice: {repeated[0]}"
    if tree(docs) != docs_before:
        return f"{command} failed but changed {docs}"
    return None


def run_seed(seed: int, steps: int, folder: Path, report=print) -> Counter:
    """Damage the sample project ``steps`` times from ``seed``; AssertionError on the first
    answer that breaks a promise above. The exit codes of every command run, counted."""
    rng = random.Random(seed)
    project = folder / f"seed-{seed}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    code, said = _command(project, "generate")
    assert code == 0, said
    docs = project / "build" / "docs"
    targets = _targets(project)
    kinds = list(WEIGHTS)
    codes: Counter = Counter()
    for step in range(1, steps + 1):
        kind = rng.choices(kinds, [WEIGHTS[kind] for kind in kinds])[0]
        if not targets[kind]:
            continue
        path = rng.choice(targets[kind])
        original = path.read_bytes()
        text = original.decode("utf-8")
        for _ in range(rng.choice((1, 1, 2, 3))):
            text = _damage(text, rng)
        path.write_text(text, encoding="utf-8", newline="")
        where = f"seed {seed} step {step}: {path.relative_to(project)}"
        docs_before = tree(docs)
        try:
            for command in ("check", "generate"):
                try:
                    code, said = _command(project, command)
                except Exception:  # noqa: BLE001 - the very thing looked for
                    raise AssertionError(f"{where}: {command} raised\n{traceback.format_exc()}"
                                         ) from None
                codes[(command, code)] += 1
                problem = _failure(code, said, command, docs_before, docs)
                assert problem is None, f"{where}: {problem}\n{said}"
                if code:
                    break
                docs_before = tree(docs)
        finally:
            path.write_bytes(original)
        report(f"{where}: {command} {code}")
    return codes


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1-5", help="a seed or a range, e.g. 1-20")
    parser.add_argument("--steps", type=int, default=100, help="steps per seed")
    options = parser.parse_args(argv)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="mutation-fuzz-") as folder:
        for seed in _seeds(options.seeds):
            try:
                codes = run_seed(seed, options.steps, Path(folder), report=lambda line: None)
                print(f"seed {seed}: " + ", ".join(
                    f"{command} {code}: {count}" for (command, code), count in sorted(codes.items())))
            except AssertionError as problem:
                failed += 1
                print(f"FAILED: {problem}")
    print(f"{failed} of {len(_seeds(options.seeds))} seeds broke a promise")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(cli())
