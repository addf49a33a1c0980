"""Write a synthetic briefing project of N articles that look like ours, for benchmarks.

Seeded: the same N gives the same corpus, byte for byte. Articles have 4-10 paragraphs and
annotations over the real ISO registry (2-6 countries, 1-3 relations, 0-3 events and figures),
weighted towards the neighbourhood, with evidence quotes that really occur in the text.

    python benchmarks/make_corpus.py 1000 /tmp/corpus-1000
    briefings --project /tmp/corpus-1000 build
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEIGHBOURHOOD = (
    "AM AZ BY GE MD UA DZ EG IL JO LB LY MA PS SY TN KZ KG TJ TM UZ TR RU CN IR IQ SA AE QA "
    "US GB AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "AF PK IN").split()
OTHERS = "BR JP KR ZA NG MX CA AU ID ET KE AR".split()
SECTORS = ["energy", "transport", "trade", "defence", "education", "agriculture", "finance",
           "digital", "migration", "security", "health", "climate"]
STANCES = ["cooperative"] * 5 + ["mixed"] * 3 + ["tense"] * 2 + ["hostile"]
KINDS = ["visit", "summit", "meeting", "agreement", "statement", "investment", "sanction",
         "exercise", "declaration", "trade"]
LABELS = ["strategic partnership", "comprehensive partnership", "close alliance",
          "pragmatic cooperation", "strained ties", "frozen dialogue", "energy partnership",
          "transport corridor partners", "trade partnership", "security dialogue"]
TOPICS = ["middle-corridor", "energy-security", "transport-connectivity", "defence-cooperation",
          "trade"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def country_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def pick_countries(rng: random.Random, count: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < count:
        pool = NEIGHBOURHOOD if rng.random() < 0.85 else OTHERS
        code = rng.choice(pool)
        if code not in chosen:
            chosen.append(code)
    return chosen


def make_article(index: int, rng: random.Random, names: dict[str, str]) -> tuple[str, str, str]:
    year = rng.choice([2021, 2022, 2023, 2024, 2025, 2026])
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    codes = pick_countries(rng, rng.randint(2, 6))
    pairs = []
    for _ in range(rng.randint(1, 3)):
        pair = rng.sample(codes, 2)
        if pair not in pairs and pair[::-1] not in pairs:
            pairs.append(pair)
    paragraphs: list[list[str]] = []
    for number in range(rng.randint(4, 10)):
        first, second = rng.sample(codes, 2)
        sector = rng.choice(SECTORS)
        tag = f"{index}.{number + 1}"
        paragraphs.append([
            f"Officials in {names[first]} discussed {sector} with partners from "
            f"{names[second]} in briefing {tag}.",
            f"The talks covered {rng.choice(SECTORS)} and {rng.choice(SECTORS)}, with "
            f"{rng.randint(2, 40)} working groups named in note {tag}.",
            f"Observers expect further steps in {MONTHS[rng.randint(0, 11)]} according to "
            f"source {tag}.",
        ])
    evidence = iter([(p, s) for p in range(len(paragraphs)) for s in range(3)])
    used: list[tuple[int, int]] = []

    def quote() -> str:
        p, s = next(evidence)
        used.append((p, s))
        return paragraphs[p][s]

    lines = ["countries:"]
    for code in codes:
        sentence = f"The briefing also names {names[code]} as a party to the talks on item {index}-{code}."
        paragraphs[rng.randrange(len(paragraphs))].append(sentence)
        lines += [f"  - id: {code}", f"    evidence: {json.dumps(sentence)}"]
    lines.append("relations:")
    for first, second in pairs:
        lines += [f"  - actors: [{first}, {second}]", f"    label: {rng.choice(LABELS)}",
                  f"    stance: {rng.choice(STANCES)}",
                  f"    sectors: [{', '.join(rng.sample(SECTORS, 2))}]",
                  f"    evidence: {json.dumps(quote())}"]
    events = rng.randint(0, 3)
    if events:
        lines.append("events:")
    for _ in range(events):
        first, second = rng.sample(codes, 2)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        lines += [f"  - date: {date}", f"    kind: {rng.choice(KINDS)}",
                  f"    title: Talks between {names[first]} and {names[second]}",
                  f"    actors: [{first}, {second}]", f"    evidence: {json.dumps(quote())}"]
    figures = rng.randint(0, 3)
    if figures:
        lines.append("figures:")
    for _ in range(figures):
        first, second = rng.sample(codes, 2)
        lines += ["  - metric: bilateral trade", f"    actors: [{first}, {second}]",
                  f"    value: {rng.randint(1, 900) / 10}", "    unit: billion USD",
                  f"    bound: {rng.choice(['exactly', 'about', 'more than'])}",
                  f"    period: {year - 1}", f"    evidence: {json.dumps(quote())}"]
    title = f"Briefing {index}: {names[codes[0]]} and {names[codes[1]]} on {rng.choice(SECTORS)}"
    front = [
        "---", f"title: {json.dumps(title)}", f"date: {year}-{month:02d}-{day:02d}",
        "publication: Synthetic Briefings", "authors: [Benchmark desk]",
        f"summary: {json.dumps(f'A synthetic article about {names[codes[0]]} and its partners.')}",
        f"topics: [{rng.choice(TOPICS)}]", "---", ""]
    body = "\n\n".join(" ".join(sentences) for sentences in paragraphs)
    slug = f"{year}-briefing-{index:05d}"
    return slug, "\n".join(front) + body + "\n", "\n".join(lines) + "\n"


def make_corpus(count: int, target: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    names = country_names()
    if target.exists():
        shutil.rmtree(target)
    (target / "content" / "articles").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "templates", target / "templates")
    shutil.copytree(REPO / "content" / "entities", target / "content" / "entities")
    for index in range(1, count + 1):
        slug, article, annotation = make_article(index, rng, names)
        folder = target / "content" / "articles"
        (folder / f"{slug}.md").write_text(article, encoding="utf-8")
        (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("target", type=Path, help="the project folder to (re)create")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    make_corpus(args.count, args.target, args.seed)
    print(f"wrote {args.count} articles to {args.target}")


if __name__ == "__main__":
    main()
