"""The previous site as one archive file, unpacked while the next build checks and generates.

A CI runner starts empty: the publish workflow restores the previous build from its cache
before an incremental build. Restoring is disk work (at 10,000 articles, 55,000 files, 12-34
s on the benchmark's two-core machine), and the built site (the HTML, and the trimmed copies Pagefind
reads) is more than half of it, though nothing needs it until mkdocs starts. So the site is
kept as one archive (``pack``, after a build) and unpacked by a separate ``tar`` while this
process loads, checks, links and renders (``Unpacking``), on the core the disk work leaves.

The archive comes from a cache: it is data, and unpacking it must not be able to reach
anything else. GNU tar and bsdtar already refuse names that leave the folder; then a
symbolic link (whose target the site would publish), a device, a file that has other names,
or anything beside the two folders means the archive is not one ``pack`` wrote: it is
dropped with a warning, and the build goes on as it would without it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from .progress import Progress

UNPACKING = ".briefings-unpacking"  # beside the site: the archive's files until they are checked
# Made again by every build that needs them: kept out of the archive, as out of the cache.
LEFT_OUT = ("pagefind", "data")


def _tar() -> str | None:
    return shutil.which("tar")


def _compression(archive: Path) -> list[str]:
    """tar's option for the compression the name asks for (zstd if the name ends in .zst)."""
    if archive.name.endswith((".zst", ".tzst")):
        return ["--zstd"]
    if archive.name.endswith((".gz", ".tgz")):
        return ["-z"]
    return []


class Unpacking:
    """The previous site's archive being unpacked into a folder of its own beside the site,
    while the caller goes on; ``finish()`` waits, checks what came out, and puts it in
    place of the site and its search copies. An archive that cannot be used is a warning:
    the build goes on as it would without it."""

    def __init__(self, archive: Path, site_dir: Path, search_pages: Path):
        self.archive, self.site_dir, self.search_pages = archive, site_dir, search_pages
        self.folder = site_dir.parent / UNPACKING
        self.process: subprocess.Popen | None = None
        self.errors = None  # tar's messages
        self.note = self.warning = ""  # why it is not being unpacked
        shutil.rmtree(self.folder, ignore_errors=True)
        tar = _tar()
        if not archive.is_file():
            self.note = f"there is no {archive} (the first build with it, or the cache was empty)"
        elif tar is None:
            self.warning = f"cannot unpack {archive}: no tar program on this machine (install tar)"
        else:
            self.folder.mkdir(parents=True)
            # Its messages go to a file: a pipe nobody reads until finish() would stop tar
            # once full (an archive with thousands of refused names).
            self.errors = tempfile.TemporaryFile()
            self.process = subprocess.Popen(
                [tar, *_compression(archive), "-xf", str(archive.resolve()), "--no-same-owner"],
                cwd=self.folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=self.errors)

    def finish(self, progress: Progress) -> None:
        """Wait for tar; the site and its search copies are then the archive's, or, if the
        archive could not be used, what was in place (usually nothing: every page is built)."""
        if self.process is None:
            if self.warning:
                progress.warn(f"{self.warning}; {self._instead()}")
            elif self.note:
                progress.say(f"note: {self.note}; {self._instead()}")
            return
        failed, self.process = self.process.wait() != 0, None
        if failed:
            self.errors.seek(0)
            reason = _reason(self.errors.read())
        else:
            reason = _foreign(self.folder, {self.site_dir.name, self.search_pages.name})
        if reason:
            shutil.rmtree(self.folder, ignore_errors=True)
            progress.warn(f"{self.archive} cannot be used ({reason}); {self._instead()}")
            return
        for target in (self.site_dir, self.search_pages):
            shutil.rmtree(target, ignore_errors=True)
            unpacked = self.folder / target.name
            if unpacked.is_dir():
                unpacked.rename(target)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _instead(self) -> str:
        # A site in place was built by an earlier build here, whose key says whether it
        # can be built on (mkdocs_build checks it, as without an archive).
        return ("the site in place is the previous one" if self.site_dir.is_dir()
                else "every page is built")

    def stop(self) -> None:
        """End tar if it still runs (the build failed first) and remove what it wrote."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        if self.errors is not None:
            self.errors.close()
            self.errors = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _reason(errors: bytes) -> str:
    """The first thing tar says went wrong: not its notes on names it shortened, nor its
    summary ("Exiting with failure status"), which come before and after it."""
    lines = errors.decode("utf-8", "replace").strip().splitlines()
    reasons = [line for line in lines if "Removing leading" not in line
               and "Exiting with failure status" not in line]
    return (reasons or lines or ["tar: it failed"])[0]


def _foreign(folder: Path, names: set[str]) -> str:
    """What makes the unpacked ``folder`` other than a site ``pack`` wrote: "" if nothing."""
    for entry in os.scandir(folder):
        if entry.name not in names or not entry.is_dir(follow_symlinks=False):
            return f"it holds {entry.name!r}, which is not a site's folder"
    for top, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            status = os.lstat(os.path.join(top, name))
            kind = stat.S_IFMT(status.st_mode)
            if kind not in (stat.S_IFDIR, stat.S_IFREG):
                what = "a symbolic link" if kind == stat.S_IFLNK else "a special file"
                return f"{os.path.relpath(os.path.join(top, name), folder)} is {what}"
            if kind == stat.S_IFREG and status.st_nlink > 1:
                return f"{os.path.relpath(os.path.join(top, name), folder)} has other names"
    return ""


def pack(site_dir: Path, search_pages: Path, archive: Path) -> str:
    """Write the site and its search copies (without Pagefind's index and the data downloads,
    which every build that needs them makes again) to ``archive``, replacing it only once
    complete. Returns "" or what went wrong (the site stands either way)."""
    tar = _tar()
    if tar is None:
        return "no tar program on this machine (install tar)"
    partial = archive.with_name(archive.name + ".partial")
    # Named one by one rather than excluded: tar's exclusion patterns match anywhere in a name.
    names = [f"{site_dir.name}/{name}" for name in sorted(os.listdir(site_dir))
             if name not in LEFT_OUT] if site_dir.is_dir() else []
    names += [search_pages.name] if search_pages.is_dir() else []
    archive.parent.mkdir(parents=True, exist_ok=True)
    # pax: modification times to the nanosecond (the older formats keep whole seconds, and
    # a page's HTML would look older than its Markdown to mkdocs --dirty, and be rendered).
    result = subprocess.run([tar, *_compression(archive), "--format=pax", "-cf",
                             str(partial.resolve()), "--", *names], cwd=site_dir.parent,
                            stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        return _reason(result.stderr)
    os.replace(partial, archive)
    return ""
