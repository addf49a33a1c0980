"""Where the Chromium (or Chrome) that the browser tests and the benchmark drive is installed.

Standard library only, so that scripts/setup-test-tools can ask it with any Python 3:
``python3 tests/browser/chromium.py`` prints the browser's path, or what to install and which
variable to set, and exits 1.

Order: the program named by ``BRIEFINGS_CHROMIUM`` (a path or a command on PATH; when it is set
it is the only one tried, so a mistake in it is reported, not passed over), then the usual
command names on PATH (Debian's ``chromium``, Ubuntu's ``chromium-browser``, Google Chrome's),
then where Chrome and Chromium install themselves on macOS and Windows, off PATH.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

VARIABLE = "BRIEFINGS_CHROMIUM"
COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _installed_off_path() -> list[Path]:
    places = [Path("/Applications/Chromium.app/Contents/MacOS/Chromium"),
              Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")]
    for root in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        if os.environ.get(root):
            places.append(Path(os.environ[root]) / "Google" / "Chrome" / "Application" / "chrome.exe")
            places.append(Path(os.environ[root]) / "Chromium" / "Application" / "chrome.exe")
    return places


def _program(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    path = Path(name).expanduser()
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


def find_chromium() -> tuple[str | None, str]:
    """(the browser's path, "") or (None, what to install and which variable to set)."""
    chosen = os.environ.get(VARIABLE, "").strip()
    if chosen:
        found = _program(chosen)
        if found:
            return found, ""
        return None, (f"{VARIABLE} is set to {chosen!r}, which is not a program: set it to the "
                      "path of Chromium or Google Chrome, or unset it to look on PATH")
    for name in COMMANDS:
        found = shutil.which(name)
        if found:
            return found, ""
    for place in _installed_off_path():
        if place.is_file():
            return str(place), ""
    return None, ("the browser tests need Chromium or Google Chrome, and found neither on PATH "
                  f"({', '.join(COMMANDS)}): install one (on Debian or Ubuntu 'make test-tools' "
                  f"or 'apt-get install chromium'), or set {VARIABLE} to the browser's path")


if __name__ == "__main__":
    path, problem = find_chromium()
    print(path or problem, file=sys.stdout if path else sys.stderr)
    sys.exit(0 if path else 1)
