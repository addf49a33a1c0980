"""mkdocs' own command line, with the one warning every ``--dirty`` build prints silenced.

``mkdocs build --strict`` fails on any warning, and ``--dirty`` always warns that navigation
may be inaccurate. Ours cannot be (see build.mkdocs_build): the nav lists fixed section pages
only. Every other warning still fails the build. (``--quiet`` is no way out: it hides warnings
from strict mode's count too, so a quiet strict build passes with a dead link.)
"""

from __future__ import annotations

import logging
import sys

DIRTY_NOTICE = "A 'dirty' build is being performed"


class _WithoutDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_NOTICE not in record.getMessage()


def main() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyNotice())
    from mkdocs.__main__ import cli

    sys.exit(cli())


if __name__ == "__main__":
    main()
