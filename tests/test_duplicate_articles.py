"""The same article saved twice (the same text, or the same source address) is refused by
`check` as by `build`, once per copy, at the copy, naming the article it repeats."""

from __future__ import annotations

import pytest

from generator.knowledge.duplicate_articles import same_address

ARTICLES = "content/articles"


def save_copy(project, name: str, text: str | None = None) -> None:
    articles = project / ARTICLES
    original = (articles / "2025-test.md").read_text(encoding="utf-8")
    (articles / f"{name}.md").write_text(text if text is not None else original, encoding="utf-8")
    (articles / f"{name}.yml").write_text(
        (articles / "2025-test.yml").read_text(encoding="utf-8"), encoding="utf-8")


def problem_lines(result) -> list[str]:
    return [line for line in result.err.splitlines() if line.startswith("content/")]


def test_check_refuses_a_copy_naming_both_files(small_project, run):
    save_copy(small_project, "2025-test-saved-again")
    result = run(small_project, "check")
    assert result.code == 1
    assert problem_lines(result) == [
        f"{ARTICLES}/2025-test.md:8: body: this article has the same text as "
        f"{ARTICLES}/2025-test-saved-again.md, so every claim would be counted twice (if it is "
        f"a copy, delete it and its .yml; otherwise merge the two into "
        f"{ARTICLES}/2025-test-saved-again.md)"]


def test_each_of_three_copies_is_reported_once_against_the_first(small_project, run):
    save_copy(small_project, "2025-x-copy")
    save_copy(small_project, "2025-y-copy")
    result = run(small_project, "check")
    assert result.code == 1
    reported = problem_lines(result)
    assert [line.split(":")[0] for line in reported] == [f"{ARTICLES}/2025-x-copy.md",
                                                          f"{ARTICLES}/2025-y-copy.md"]
    assert all(f"same text as {ARTICLES}/2025-test.md" in line for line in reported)


def test_a_rewrapped_copy_saved_after_a_build_is_refused_against_the_article_from_the_cache(
        small_project, run):
    """The original is not checked again (it comes from the last build's cache, with the
    digest of its text made when it was checked); a copy with its lines wrapped and spaced
    otherwise has the same text as a reader sees it, and is refused all the same."""
    assert run(small_project, "generate").code == 0
    text = (small_project / ARTICLES / "2025-test.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    rewrapped = body.replace("went to", "went\nto").replace("in transport", "in   transport")
    assert rewrapped != body
    save_copy(small_project, "2025-test-rewrapped", front + "\n---\n" + rewrapped)
    result = run(small_project, "-v", "generate")
    assert result.code == 1
    assert "reusing" in result.out  # the original came from the cache
    assert problem_lines(result) == [
        f"{ARTICLES}/2025-test.md:8: body: this article has the same text as "
        f"{ARTICLES}/2025-test-rewrapped.md, so every claim would be counted twice (if it is "
        f"a copy, delete it and its .yml; otherwise merge the two into "
        f"{ARTICLES}/2025-test-rewrapped.md)"]


def test_the_same_title_and_date_with_other_words_is_another_article(small_project, run):
    articles = small_project / ARTICLES
    text = (articles / "2025-test.md").read_text(encoding="utf-8")
    save_copy(small_project, "2025-test-follow-up", text.replace("$5 billion", "$6 billion"))
    yml = articles / "2025-test-follow-up.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("$5 billion", "$6 billion"),
                   encoding="utf-8")
    result = run(small_project, "check")
    assert result.code == 0, result.err


def test_the_same_url_with_other_text_is_refused_at_its_url_line(small_project, run):
    articles = small_project / ARTICLES
    original = articles / "2025-test.md"
    original.write_text(original.read_text(encoding="utf-8").replace(
        "publication: Test Desk\n", "publication: Test Desk\nurl: https://example.org/story?id=7\n"),
        encoding="utf-8")
    save_copy(small_project, "2025-test2-other", "---\ntitle: T\ndate: 2025\npublication: P\n"
              "summary: S\nurl: https://EXAMPLE.org/story/?id=7\n---\nOther words.\n")
    (articles / "2025-test2-other.yml").write_text("", encoding="utf-8")
    result = run(small_project, "build")
    assert result.code == 1
    assert problem_lines(result) == [
        f"{ARTICLES}/2025-test2-other.md:6: url: this article has the same url as "
        f"{ARTICLES}/2025-test.md: likely the same article saved twice (if it is a copy, delete "
        f"it and its .yml (or merge the two into {ARTICLES}/2025-test.md); if the url is wrong, "
        "correct it)"]
    assert not (small_project / "build" / "docs").exists()


@pytest.mark.parametrize(("first", "second", "same"), [
    ("https://example.org/a", "http://example.org/a", True),
    ("https://example.org/a/", "https://EXAMPLE.org/a#comments", True),
    ("https://www.example.org/a", "https://example.org/a", True),
    ("https://example.org/a?id=1", "https://example.org/a?id=2", False),
    ("https://example.org/a", "https://example.org/b", False),
    ("https://example.org/a", "https://example.com/a", False),
    ("https://example.org:8443/a", "https://example.org/a", False),
])
def test_addresses_name_the_same_page(first, second, same):
    assert (same_address(first) == same_address(second)) is same
