"""Problems found in the content: collected in one run, reported together, never raised one by one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class Problems:
    """A collector that files name relative to the project root, so messages stay short."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)
    # Not problems: things an editor still has to do (drafts to confirm); they block nothing.
    reminders: list[Problem] = field(default_factory=list)
    # Not problems either: things that look wrong but may be right (two events that seem to be
    # one); they block nothing and an editor can silence each one.
    warnings: list[Problem] = field(default_factory=list)
    _shown: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def warn(self, file: Path | str, line: int, field_name: str, message: str,
             hint: str = "") -> None:
        self.warnings.append(Problem(self.display(file), line, field_name, message, hint))

    def remind(self, file: Path | str, line: int, field_name: str, message: str,
               hint: str = "") -> None:
        self.reminders.append(Problem(self.display(file), line, field_name, message, hint))

    def add(self, file: Path | str, line: int, field_name: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(self.display(file), line, field_name, message, hint))

    def display(self, file: Path | str) -> str:
        # Every record of an annotation file names its file: resolving it once per file, not
        # once per record, is a tenth of checking time at 10,000 articles.
        key = str(file)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._display(file)
        return shown

    def _display(self, file: Path | str) -> str:
        path = Path(file)
        if self.root is not None:
            # The link itself is named, not what it points to: resolve the folder only.
            located = path.absolute().parent.resolve() / path.name
            try:
                return located.relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def sorted(self) -> list[Problem]:
        # One message per problem, in file and line order, whatever order the checks ran in.
        return sorted(set(self.items))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(set(self.items))


def closest(word: str, choices) -> str:
    """The known choice closest to a mistyped word, or "" when none is close."""
    options = sorted(choices)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {option.lower(): option for option in options}
        matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.5)
        matches = [lowered[m] for m in matches]
    return matches[0] if matches else ""


def did_you_mean(word: str, choices) -> str:
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else ""
