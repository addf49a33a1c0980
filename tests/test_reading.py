"""Reading content safely: YAML with lines, article bodies, dates, evidence matching."""

from __future__ import annotations

import re
from pathlib import Path

from generator.content.body import split_body
from generator.content.dates import parse_date
from generator.content.evidence import find_paragraphs, normalise
from generator.content.sources import read_text
from generator.content.yamlfile import parse_yaml
from generator.engine.problems import Problems


def parse(text: str):
    problems = Problems()
    return parse_yaml(text, "x.yml", problems), [str(p) for p in problems.sorted()]


def test_yaml_keeps_lines_of_keys_and_items():
    data, problems = parse("a: 1\nlist:\n  - one\n  - two\n")
    assert problems == []
    assert data.line_of("list") == 2
    assert data["list"].line_of(1) == 4


def test_yaml_reads_country_codes_and_dates_as_text():
    data, _ = parse("codes: [NO, ON, yes]\ndate: 2025-05-07\nflag: true\nn: 5\n")
    assert data["codes"] == ["NO", "ON", "yes"]
    assert data["date"] == "2025-05-07"
    assert data["flag"] is True and data["n"] == 5


def test_yaml_refuses_duplicate_keys_with_both_lines():
    _, problems = parse("a: 1\nb: 2\na: 3\n")
    assert problems == ["x.yml:3: a: duplicate key 'a' (first on line 1) (keep one of the two)"]


def test_yaml_refuses_unsafe_tags_without_running_them():
    _, problems = parse("a: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert problems and "is not allowed" in problems[0]
    assert not Path("/tmp/pwned").exists()


def test_yaml_refuses_alias_bombs_quickly():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous}," \
                f"*{previous},*{previous},*{previous},*{previous}]\n"
    data, problems = parse(bomb)
    assert data is None
    assert problems == ["x.yml:2: b: anchors and aliases (& and *) are not supported "
                        "(write the value out in full)"]


def test_yaml_syntax_errors_name_the_line_and_a_fix():
    _, problems = parse("a: 1\nb:\n\t- c\n")
    assert problems[0].startswith("x.yml:3: yaml: invalid YAML")
    assert "indent with spaces, not tabs" in problems[0]
    _, problems = parse('a: "unclosed\nb: 2\n')
    assert problems[0].startswith("x.yml:") and "close the quotes" in problems[0]


def test_text_files_accept_bom_and_crlf_and_refuse_other_encodings(tmp_path):
    problems = Problems()
    good = tmp_path / "a.md"
    good.write_bytes("\ufeffline one\r\nline two\r\n".encode())
    assert read_text(good, problems) == "line one\nline two\n"
    bad = tmp_path / "b.md"
    bad.write_bytes("first\nsecond caf\xe9\n".encode("latin-1"))
    assert read_text(bad, problems) is None
    assert [p.line for p in problems.sorted()] == [2]
    assert "not UTF-8" in problems.sorted()[0].message


def test_dates_keep_their_precision_and_refuse_impossible_ones():
    assert parse_date(2025).label == "2025"
    assert parse_date("2025-05").label == "May 2025"
    assert parse_date("2025-05-07").label == "7 May 2025"
    assert parse_date("2024-02-29").precision == "day"
    for bad in ("2025-13-01", "2025-02-29", "2025-00", "next year", "25-05-07", True, None):
        assert parse_date(bad) is None, bad


def test_paragraphs_are_numbered_without_headings():
    blocks = split_body("# Heading\nFirst para\ncontinues.\n\n## Second heading\n\nSecond.\n", 5)
    kinds = [(b.kind, b.number, b.line) for b in blocks]
    assert kinds == [("heading", 0, 5), ("paragraph", 1, 6), ("heading", 0, 9),
                     ("paragraph", 2, 11)]
    assert blocks[1].text == "First para continues." or blocks[1].text == "First para\ncontinues."


def test_article_markup_is_kept_but_html_and_script_links_are_not():
    body = ('Some *emphasis*, a [link](https://example.org) and <script>alert(1)</script>.\n\n'
            '[bad](javascript:alert(1)) [data](data:text/html,x) ![img](https://x.org/a.png)\n\n'
            '<div onclick="alert(1)">raw block</div>\n')
    html = "\n".join(block.html for block in split_body(body, 1))
    assert "<em>emphasis</em>" in html
    assert '<a href="https://example.org"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "data:text" not in html
    assert "<img" not in html and "[image: img]" in html
    assert "<div" not in html and "&lt;div onclick" in html


def test_evidence_forgives_typography_only():
    paragraphs = [normalise("They called it an \u201cexpanded strategic partnership\u201d \u2014 "
                            "officials\u00a0said."), normalise("Another paragraph.")]
    assert find_paragraphs('an "expanded strategic partnership" - officials said', paragraphs) == [0]
    assert find_paragraphs("an  \u201cexpanded\nstrategic partnership\u201d", paragraphs) == [0]
    assert find_paragraphs('partnership" -- officials', paragraphs) == [0]
    assert find_paragraphs('partnership"-officials', paragraphs) == [0]
    assert find_paragraphs("An expanded strategic partnership", paragraphs) == []
    assert find_paragraphs("expanded strategic partnerships", paragraphs) == []
    assert find_paragraphs("paragraph", [normalise("a paragraph"), normalise("b paragraph")]) == [0, 1]


def test_the_inline_shortcut_gives_what_the_inline_parser_gives(monkeypatch):
    """Text in which no inline rule can fire skips markdown-it's inline parser; the blocks must
    come out the same as when every text is parsed."""
    from markdown_it.rules_core.inline import inline as parse_every_inline

    from generator.content import body
    from tests.conftest import REPO

    articles = sorted((REPO / "content" / "articles").glob("*.md"))
    articles.append(REPO / "tests" / "fixtures" / "markdown" / "2025-caspian-ferries.md")
    bodies = [path.read_text(encoding="utf-8").split("---", 2)[2] for path in articles]
    bodies += ["a  \nb", "a \nb", "a\n  b", "a\t\nb", "tab\there", "trailing space ",
               "“curly” quotes — and … dots", "x - y: $5 % + = # { } @ ^ | > ) ]", "a_b a~b 2 * 3",
               "[not a link", "Wow!", "<b>bold</b>", "&amp; &copy;", "\\escaped", "`code`",
               "Title\n===", "1984. A year", "- item\n- item  \n  continued", "| a |\n|---|\n| b |",
               "> quoted\nlazy line", "    code\n\n  lead\n  second"]
    calls = []
    words = body._words
    monkeypatch.setattr(body, "_words", lambda content: calls.append(content) or words(content))
    shortcut = [body.split_body(text, 1) for text in bodies]
    assert len(calls) > 100  # most paragraphs of the sample articles take the shortcut
    every_inline = body._parser()
    every_inline.core.ruler.at("inline", parse_every_inline)
    monkeypatch.setattr(body, "_PARSER", every_inline)
    assert [body.split_body(text, 1) for text in bodies] == shortcut


EVERY_BLOCK = """\
Opening paragraph,
on two lines.

Setext title
============

- first item

- second item
  - nested item
- third item

| city | port |
|------|-----:|
| Aktau | *yes* |

```
fenced line

after a blank line
```

> quoted first
>
> quoted second

Setext subtitle
---------------

    indented code

***

Closing words.[^n]

[^n]: The note's words.
"""


def test_each_top_level_block_is_one_paragraph_and_headings_are_headings():
    blocks = split_body(EVERY_BLOCK, 10)
    assert [(b.kind, b.number, b.line, b.level) for b in blocks] == [
        ("paragraph", 1, 10, 0), ("heading", 0, 13, 1), ("paragraph", 2, 16, 0),
        ("paragraph", 3, 22, 0), ("paragraph", 4, 26, 0), ("paragraph", 5, 32, 0),
        ("heading", 0, 36, 2), ("paragraph", 6, 39, 0), ("rule", 0, 41, 0),
        ("paragraph", 7, 43, 0), ("paragraph", 8, 45, 0)]
    html = {b.number: b.html for b in blocks if b.kind == "paragraph"}
    assert html[2].count("<ul>") == 2 and html[2].count("<li>") == 4
    assert "<table>" in html[3] and '<td style="text-align:right"><em>yes</em></td>' in html[3]
    assert html[4] == "<pre><code>fenced line\n\nafter a blank line\n</code></pre>"
    assert html[5].startswith("<blockquote>") and html[5].count("<p>") == 2
    assert html[6] == "<pre><code>indented code\n</code></pre>"
    assert 'href="#fn:1"' in html[7] and '<li id="fn:1"' in html[8]
    assert [b.html for b in blocks if b.kind == "heading"] == ["Setext title", "Setext subtitle"]
    assert [b.page_level for b in blocks if b.kind == "heading"] == [2, 2]


def test_plain_text_keeps_items_rows_and_cells_apart():
    texts = [b.text for b in split_body(EVERY_BLOCK, 1) if b.kind == "paragraph"]
    assert texts == ["Opening paragraph,\non two lines.",
                     "first item\nsecond item\nnested item\nthird item",
                     "city port\nAktau yes",
                     "fenced line\n\nafter a blank line",
                     "quoted first\nquoted second",
                     "indented code",
                     "Closing words.",  # the footnote's marker is not part of the words
                     "The note's words."]
    paragraphs = [normalise(text) for text in texts]
    assert find_paragraphs("nested item", paragraphs) == [1]
    assert find_paragraphs("second item nested item", paragraphs) == [1]
    assert find_paragraphs("Aktau yes", paragraphs) == [2]
    assert find_paragraphs("Aktau | yes", paragraphs) == []


# What the parser itself writes; anything else in a block's HTML came from the article.
MARKUP_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
               "blockquote", "pre", "code", "em", "strong", "del", "a", "sup", "hr", "div"}
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:x">a</a>'


def test_raw_html_is_text_in_every_construct():
    constructs = {
        "paragraph": "{}", "heading": "## {}", "setext heading": "{}\n---",
        "list item": "- one\n\n- {}", "nested item": "- one\n  - {}",
        "table cell": "| a | b |\n|---|---|\n| x | {} |", "table header": "| {} |\n|---|\n| x |",
        "block quote": "> {}", "heading in a quote": "> # {}",
        "footnote": "Text.[^1]\n\n[^1]: {}", "emphasis": "*{}*", "link text": "[{}](https://e.org)",
        "fenced code": "```\n{}\n```", "indented code": "    {}", "inline code": "`{}`",
    }
    for name, template in constructs.items():
        html = "\n".join(block.html for block in split_body(template.format(HOSTILE), 1))
        tags = re.findall(r"<(/?[a-zA-Z][^>]*)>", html)
        assert {re.match(r"/?(\w+)", tag).group(1) for tag in tags} <= MARKUP_TAGS, name
        assert not [tag for tag in tags if re.search(r"\bon\w+=|javascript", tag)], name
        assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html, name
    # An info string is a class name, escaped; a heading in a quote is never a second h1.
    fence = split_body('```x"><script>alert(1)</script>\ncode\n```', 1)[0].html
    assert fence.startswith('<pre><code class="language-x&quot;&gt;&lt;script&gt;alert(1)')
    assert split_body("> # Quoted title", 1)[0].html == "<blockquote>\n<h2>Quoted title</h2>\n</blockquote>"


def test_links_keep_only_safe_targets_in_every_construct():
    body = ("- [item](javascript:alert(1)) [ok](https://e.org/a \"t\")\n\n"
            "| [cell](vbscript:x) | <javascript:alert(2)> |\n|---|---|\n| [r][bad] | <https://e.org/b> |\n\n"
            "> [quote](data:text/html,x)\n\n"
            "Note.[^1]\n\n[^1]: [note](  JaVaScRiPt:alert(3))\n\n[bad]: javascript:alert(4)\n")
    html = "\n".join(block.html for block in split_body(body, 1))
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://e.org/a", "https://e.org/b", "#fn:1", "#fnref:1"]
    assert html.count('rel="nofollow noopener"') == 2 and 'title="t"' in html
    for words in ("<a>item</a>", "<a>cell</a>", "<a>r</a>", "<a>quote</a>", "<a>note</a>"):
        assert words in html


def test_footnotes_are_numbered_per_article():
    first = split_body("One.[^a] Two.[^b]\n\n[^b]: Bee.\n[^a]: Ay.\n", 1)
    again = split_body("Other.[^z]\n\n[^z]: Zed.\n", 1)
    assert '<li id="fn:1"><p>Ay.' in first[-1].html and '<li id="fn:2"><p>Bee.' in first[-1].html
    assert 'href="#fn:1"' in again[0].html and 'id="fn:2"' not in again[-1].html
    assert first[-1].line == 4  # the first note shown is defined on line 4
    # A note referred to twice: two references with their own ids, a back link to each.
    twice = "".join(b.html for b in split_body("A[^a] and again[^a].\n\n[^a]: Ay.\n", 1))
    ids = re.findall(r'id="([^"]*)"', twice)
    assert ids == ["fnref:1", "fnref2:1", "fn:1"]
    assert re.findall(r'href="#(fnref[^"]*)"', twice) == ["fnref:1", "fnref2:1"]


def test_a_body_of_headings_rules_and_link_definitions_has_no_paragraph():
    blocks = split_body("# Title\n\n---\n\n[ref]: https://e.org\n\nSub\n===\n", 1)
    assert [b.kind for b in blocks] == ["heading", "rule", "heading"]
