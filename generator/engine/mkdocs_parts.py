"""An mkdocs build with more than a few dozen pages to render, on every core.

mkdocs renders one page after another, and converting the Markdown is nearly all of a cold
build: at ten thousand articles a page carries about two hundred links and takes some 40 ms,
so 18,000 pages took 770 s on one of the two cores. A build with more than a few dozen
pages to render is therefore built by one mkdocs process per core (as many as there are
shares of PAGES_PER_PART), each rendering its share of the pages into the same empty folder
(engine/mkdocs_runner.build_part says how the pages are shared out). The first process also
copies the static files and writes the pages made from the theme, so every file of the site
is written by exactly one process and the site is the same, byte for byte, as one process
would build it. An incremental build is shared out the same way by its changed pages, each
process building the changed pages of its share.

mkdocs checks a link to an anchor on another page only when it has built that page. Each
share records the anchors of its pages and the links it could not check; they are checked
here once every share is done, and a missing anchor fails the build as strict mode would.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .cores import usable_cores
from .mkdocs_runner import PART, PART_ANCHORS

# Each mkdocs has the same fixed start (at 10,000 articles 5-6 s: reading the configuration,
# listing 34,000 files, the nav), but the processes start side by side on idle cores, so a
# share pays as soon as its pages take longer than sharing out costs: publishing one article
# at 10,000 articles (45 pages) took 9.6-12.5 s of mkdocs on one process, 6.4-8.1 s on two.
PAGES_PER_PART = 20
PAGES_SETTING = "BRIEFINGS_PAGES_PER_MKDOCS"


@dataclass
class MkdocsRun:
    returncode: int
    output: str


def parts_for(pages: int) -> int:
    """How many mkdocs processes a build that renders ``pages`` Markdown pages runs
    (BRIEFINGS_PAGES_PER_MKDOCS, if set, instead of PAGES_PER_PART)."""
    setting = os.environ.get(PAGES_SETTING, "")
    per_part = int(setting) if setting.isdigit() and int(setting) > 0 else PAGES_PER_PART
    return max(1, min(usable_cores(), pages // per_part))


def run_mkdocs(command: list[str], cwd: Path, environment: dict[str, str],
               parts: int = 1) -> MkdocsRun:
    """Run the mkdocs runner ``command``; with several ``parts``, as that many processes
    that each build a share of the pages."""
    if parts < 2:
        result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True,
                                text=True, check=False)
        return MkdocsRun(result.returncode, result.stdout + result.stderr)
    with tempfile.TemporaryDirectory(prefix="briefings-parts-") as folder:
        anchors = [Path(folder) / f"anchors-{part}.json" for part in range(parts)]
        # Output to files, not pipes: a process whose pipe is full while we wait for
        # another would never finish.
        outputs = [open(Path(folder) / f"output-{part}.txt", "w+", encoding="utf-8")
                   for part in range(parts)]
        try:
            # --dirty: each process builds only what is_modified gives it (build_part).
            shared = command if "--dirty" in command else [*command, "--dirty"]
            processes: list[subprocess.Popen] = []
            try:
                for part in range(parts):
                    processes.append(subprocess.Popen(
                        shared, cwd=cwd, stdout=outputs[part], stderr=subprocess.STDOUT,
                        text=True, env={**environment, PART: f"{part}/{parts}",
                                        PART_ANCHORS: str(anchors[part])}))
                codes = [process.wait() for process in processes]
            except BaseException:  # interrupted: no share goes on writing on its own
                for process in processes:
                    process.kill()
                    process.wait()
                raise
            said = []
            for stream in outputs:
                stream.seek(0)
                said.append(stream.read())
        finally:
            for stream in outputs:
                stream.close()
        output = "".join(said)
        failed = next((code for code in codes if code != 0), 0)
        if failed:
            return MkdocsRun(failed, output)
        try:
            missing = missing_anchors([json.loads(path.read_text(encoding="utf-8"))
                                       for path in anchors])
        except (OSError, ValueError, KeyError, TypeError) as error:
            return MkdocsRun(1, output + f"\nthe shares of the build did not record their "
                                         f"anchors ({error})\n")
        if missing:
            return MkdocsRun(1, output + "".join(f"WARNING -  {line}\n" for line in missing)
                             + f"\nAborted with {len(missing)} warnings in strict mode!\n")
        return MkdocsRun(0, output)


def missing_anchors(records: list[dict]) -> list[str]:
    """The links no share could check whose anchor the page they go to does not have, in
    mkdocs' words. ``records``: what each share wrote (see mkdocs_runner.build_part)."""
    anchors: dict[str, set[str]] = {}
    for record in records:
        for page, names in record["anchors"].items():
            anchors.setdefault(page, set()).update(names)
    missing = []
    for record in records:
        for source, target, anchor, link in record["unchecked"]:
            if target in anchors and anchor not in anchors[target]:
                missing.append(f"Doc file '{source}' contains a link '{link}', but the doc "
                               f"'{target}' does not contain an anchor '#{anchor}'.")
    return sorted(missing)
