"""``python -m generator.rewrite_sitemap SITE_DIR``: the sitemap dates of a site another builder
(Zensical) made from the generated pages, set as ``briefings build`` sets them (site/sitemap.py).
A command on top of the pipeline, like the CLI: it loads the project as a build does."""

from __future__ import annotations

import sys
from pathlib import Path

from .build import BuildFailed, load_project
from .site.sitemap import page_dates, rewrite_sitemap, source_date_epoch


def main(argv=None) -> int:
    """``python -m generator.rewrite_sitemap SITE_DIR``, in the project folder: the same for a site
    another builder made from the generated pages (scripts/build-with-zensical)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m generator.rewrite_sitemap SITE_DIR (in the project folder)",
              file=sys.stderr)
        return 2
    try:
        project = load_project(Path.cwd())
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 2
    dates = page_dates(project.docs_dir)
    rewrite_sitemap(Path(args[0]), dates, project.site.url, source_date_epoch(dates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
