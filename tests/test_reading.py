"""Reading content safely: YAML with lines, article bodies, dates, evidence matching."""

from __future__ import annotations

from pathlib import Path

from generator.body import split_body
from generator.dates import parse_date
from generator.evidence import find_paragraphs, normalise
from generator.problems import Problems
from generator.sources import read_text
from generator.yamlfile import parse_yaml


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


def test_the_plain_paragraph_shortcut_renders_exactly_as_markdown_does():
    from generator.body import _plain_paragraph, _raw_blocks, _renderer
    from tests.conftest import REPO

    renderer = _renderer()
    samples = [lines for path in sorted((REPO / "content" / "articles").glob("*.md"))
               for _, lines in _raw_blocks(path.read_text(encoding="utf-8").split("---", 2)[2], 1)]
    samples += [["a  ", "b"], ["  indented", "x"], ["Title", "==="], ["1984. A year"], ["- x"],
                ["He said: yes"], ["tab\there"], ["trailing space "], ["  lead", "  second"],
                ["a", "---"], ["1) one"], ["“curly” quotes — and … dots"], ["    code"]]
    shortcut = 0
    for lines in samples:
        fast = _plain_paragraph(lines)
        if fast is not None:
            shortcut += 1
            renderer.reset()
            assert fast == renderer.convert("\n".join(lines)), lines
    assert shortcut > 50
