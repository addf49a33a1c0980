"""mkdocs' own command line, with the one warning every ``--dirty`` build prints silenced.

``mkdocs build --strict`` fails on any warning, and ``--dirty`` always warns that navigation
may be inaccurate. Ours cannot be (see build.mkdocs_build): the nav lists fixed section pages
only. Every other warning still fails the build. (``--quiet`` is no way out: it hides warnings
from strict mode's count too, so a quiet strict build passes with a dead link.)
"""

from __future__ import annotations

import logging
import os
import sys

DIRTY_NOTICE = "A 'dirty' build is being performed"


def mkdocs_environment() -> dict[str, str]:
    """The environment every mkdocs we start runs in. Material prints a banner about MkDocs 2.0
    on every start (MkDocs 2 drops plugins and Material; we pin mkdocs<2, see the README):
    the variable its own notice names turns it off."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class _WithoutDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_NOTICE not in record.getMessage()


def main() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyNotice())
    from mkdocs.__main__ import cli

    sys.exit(cli())


if __name__ == "__main__":
    main()
