"""Draw templates/assets/social.png, the picture link previews show for every page (og:image).

A 1200×630 PNG (the size OpenGraph and Twitter cards expect; they do not take SVG): the site's
name and description from mkdocs.yml beside the coverage map of the project's content, drawn
by the same code as the site's maps and rendered by the system Chromium (Playwright, from the
test tools). The PNG is committed, so a build needs neither Chromium nor this script; run it
again after changing the site's name or to show a newer map:

    python scripts/make_social_image.py
"""

from __future__ import annotations

import html
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import check, load_project  # noqa: E402
from generator.pictures.maps import coverage_map  # noqa: E402
from tests.browser.chromium import find_chromium  # noqa: E402  (as the browser tests find it)

OUTPUT = ROOT / "templates" / "assets" / "social.png"
WIDTH, HEIGHT = 1200, 630

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
body {{ background: #1a237e; color: #fff; font-family: "DejaVu Sans", sans-serif;
        display: grid; grid-template-columns: 470px 1fr; align-items: center; }}
.text {{ padding: 0 0 0 64px; }}
h1 {{ font-size: 54px; line-height: 1.1; margin: 0 0 28px; font-weight: 700; }}
p {{ font-size: 25px; line-height: 1.35; margin: 0; color: #c5cae9; }}
svg {{ width: 100%; height: auto; display: block; }}
svg title, svg desc {{ display: none; }}
.locator-land path, .locator-land circle {{ fill: #303f9f; stroke: #5c6bc0; stroke-width: 0.8px;
  vector-effect: non-scaling-stroke; }}
.locator-land .locator-c1 {{ fill: #7986cb; }}
.locator-land .locator-c2 {{ fill: #9fa8da; }}
.locator-land .locator-c3 {{ fill: #c5cae9; }}
.locator-land .locator-c4 {{ fill: #ffe082; }}
.locator-land .locator-c5 {{ fill: #ffca28; }}
</style></head><body>
<div class="text"><h1>{name}</h1><p>{description}</p></div>
<div class="map">{map}</div>
</body></html>
"""


def main() -> int:
    project = load_project(ROOT)
    knowledge, problems = check(project)
    if knowledge is None:
        for problem in problems.sorted():
            print(problem, file=sys.stderr)
        print("fix the content first (briefings check)", file=sys.stderr)
        return 1
    codes = knowledge.countries_with_pages()
    plan = coverage_map(knowledge, {code: len(knowledge.articles_about("country", code))
                                    for code in codes})
    page = PAGE.format(width=WIDTH, height=HEIGHT, name=html.escape(project.site.name),
                       description=html.escape(project.site.description),
                       map=plan.svg() if plan else "")
    chromium, missing = find_chromium()
    if chromium is None:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        source = Path(folder) / "social.html"
        source.write_text(page, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless"])
        tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        tab.goto(source.as_uri())
        tab.screenshot(path=str(OUTPUT))
        browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
