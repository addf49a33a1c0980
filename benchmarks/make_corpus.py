"""Write a synthetic briefing project of N articles that look like ours, for benchmarks.

Seeded: the same N gives the same corpus, byte for byte. By default the corpus is as dense as
the sample content in content/ (about 8 paragraphs, 3 relations, 7 events, 7.5 figures and 1.5
quotes per article, some of them status statements, targets and events shared by id), its
dates as precise as the sample's (events mostly by the day, figures by a year or none), and it
prints the density and precision it wrote beside the sample's, so that a reader can check the
claim. Like edited content, it gives an id to every event that other articles tell alike (see
_retellings), so that its builds warn about no likely duplicates.
``--light`` writes the lighter corpus of earlier benchmarks (4-10 paragraphs, 1-3 relations,
0-3 events and figures). Annotations use the real ISO registry, weighted towards the
neighbourhood, with evidence quotes that really occur in the text.

    python benchmarks/make_corpus.py 1000 /tmp/corpus-1000
    briefings --project /tmp/corpus-1000 build
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# The sample dates 5 % of its events by the year only, 12 % by a month, the rest by a day; its
# figures give a year as period for 48 %, a month for 24 %, none for the rest (see
# date_precision). The summits told by several articles (one event in ten) are dated by the
# month, so the other events are drawn with fewer months.
EVENTS_BY_YEAR, EVENTS_BY_MONTH = 0.055, 0.02
FIGURES_BY_YEAR, FIGURES_BY_MONTH = 0.48, 0.24
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
    return _files(index, (year, month, day), codes, names, rng, paragraphs, lines)


def _files(index: int, date: tuple[int, int, int], codes: list[str], names: dict[str, str],
           rng: random.Random, paragraphs: list[list[str]], lines: list[str]
           ) -> tuple[str, str, str]:
    """The article's slug, its Markdown with front matter, and its annotation."""
    year, month, day = date
    title = f"Briefing {index}: {names[codes[0]]} and {names[codes[1]]} on {rng.choice(SECTORS)}"
    front = [
        "---", f"title: {json.dumps(title)}", f"date: {year}-{month:02d}-{day:02d}",
        "publication: Synthetic Briefings", "authors: [Benchmark desk]",
        f"summary: {json.dumps(f'A synthetic article about {names[codes[0]]} and its partners.')}",
        f"topics: [{rng.choice(TOPICS)}]", "---", ""]
    body = "\n\n".join(" ".join(sentences) for sentences in paragraphs)
    slug = f"{year}-briefing-{index:05d}"
    return slug, "\n".join(front) + body + "\n", "\n".join(lines) + "\n"


METRICS = [("bilateral trade", "billion USD"), ("investment", "billion USD"),
           ("freight volume", "million tonnes"), ("gas exports", "billion cubic metres"),
           ("container traffic", "thousand TEU")]
TONES = {"statement": -4, "meeting": 3, "visit": 2.5}  # an override now and then


def _ids(name: str) -> list[str]:
    path = REPO / "content" / "entities" / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return [entry["id"] for entry in data or []]


class Vocabulary:
    """The sample's own organisations, people, topics and statuses, for realistic mentions."""

    def __init__(self) -> None:
        self.organisations = _ids("organisations")
        self.people = _ids("people")
        self.topics = _ids("topics")
        self.statuses = _ids("statuses")


def make_dense_article(index: int, rng: random.Random, names: dict[str, str],
                       words: Vocabulary, named: dict[tuple[int, int], str] | None = None,
                       told: list[tuple[tuple, str, int, int]] | None = None
                       ) -> tuple[str, str, str]:
    """An article as dense as the sample content (see the module's note). ``named``: the
    ids to give its events, by (article, event) number; ``told``: collects each event's
    likeness key (see _retellings), date, article and event number."""
    year = rng.choice([2021, 2022, 2023, 2024, 2025, 2026])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    codes = pick_countries(rng, rng.randint(3, 6))
    paragraphs: list[list[str]] = []
    for number in range(rng.randint(7, 10)):  # four sentences each: enough evidence
        first, second = rng.sample(codes, 2)
        tag = f"{index}.{number + 1}"
        paragraphs.append([
            f"Officials in {names[first]} discussed {rng.choice(SECTORS)} with partners from "
            f"{names[second]} in briefing {tag}.",
            f"The talks covered {rng.choice(SECTORS)} and {rng.choice(SECTORS)}, with "
            f"{rng.randint(2, 40)} working groups named in note {tag}.",
            f"Observers expect further steps in {MONTHS[rng.randint(0, 11)]} according to "
            f"source {tag}.",
            f"Figures for {rng.choice(SECTORS)} reached {rng.randint(2, 90)} units in "
            f"record {tag}.",
        ])
    sentences = [(p, s) for p in range(len(paragraphs)) for s in range(4)]
    rng.shuffle(sentences)
    evidence = iter(sentences)

    def quote() -> str:
        p, s = next(evidence)
        return paragraphs[p][s]

    def mention(line: str) -> str:
        paragraphs[rng.randrange(len(paragraphs))].append(line)
        return json.dumps(line)

    lines = ["countries:"]
    for code in codes:
        lines += [f"  - id: {code}", "    evidence: " + mention(
            f"The briefing also names {names[code]} as a party to the talks on item "
            f"{index}-{code}.")]
    organisations = rng.sample(words.organisations, min(len(words.organisations),
                                                        rng.randint(2, 4)))
    if organisations:
        lines.append("organisations:")
        for ref in organisations:
            lines += [f"  - id: {ref}", "    evidence: " + mention(
                f"The organisation {ref} is named in item {index}-{ref}.")]
    topics = rng.sample(words.topics, min(len(words.topics), rng.randint(1, 3)))
    if topics:
        lines.append("topics:")
        for ref in topics:
            lines += [f"  - id: {ref}", "    evidence: " + mention(
                f"The topic {ref} comes up in item {index}-{ref}.")]
    lines.append("relations:")
    pairs: list[list[str]] = []
    wanted = min(rng.randint(2, 4), len(codes) * (len(codes) - 1) // 2)
    while len(pairs) < wanted:
        pair = rng.sample(codes, 2)
        if pair not in pairs and pair[::-1] not in pairs:
            pairs.append(pair)
    for first, second in pairs:
        lines += [f"  - actors: [{first}, {second}]"]
        if words.statuses and rng.random() < 0.4:
            lines += [f"    status: {rng.choice(words.statuses)}",
                      f"    as_of: {year - rng.randint(0, 3)}-{rng.randint(1, 12):02d}"]
        else:
            lines += [f"    label: {rng.choice(LABELS)}", f"    stance: {rng.choice(STANCES)}"]
        lines += [f"    sectors: [{', '.join(rng.sample(SECTORS, 2))}]",
                  f"    evidence: {json.dumps(quote())}"]
    lines.append("events:")
    for number in range(rng.randint(4, 10)):
        first, second = rng.sample(codes, 2)
        kind = rng.choice(KINDS)
        # Dated as precisely as the sample's events are (see date_precision): a few by the
        # year, some by the month, most by the day (the article's, or one the year before).
        precision = rng.random()
        date = (f"{year}" if precision < EVENTS_BY_YEAR else
                f"{year}-{month:02d}" if precision < EVENTS_BY_YEAR + EVENTS_BY_MONTH else
                f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.5 else
                f"{year - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        if rng.random() < 0.1:  # one real event told by several articles
            lines += [f"  - id: summit-{first.lower()}-{second.lower()}-{year}"]
            kind, date = "summit", f"{year}-{month:02d}"
            lines += [f"    date: {date}"]
        elif named and (index, number) in named:
            lines += [f"  - id: {named[index, number]}", f"    date: {date}"]
        else:
            lines += [f"  - date: {date}"]
        if told is not None:
            told.append(((kind, frozenset((first, second)), date[:4]), date, index, number))
        lines += [f"    kind: {kind}", f"    title: Talks between {names[first]} and "
                  f"{names[second]} ({index})", f"    actors: [{first}, {second}]"]
        if kind in TONES and rng.random() < 0.3:
            lines += [f"    tone: {TONES[kind]}"]
        lines += [f"    evidence: {json.dumps(quote())}"]
    lines.append("figures:")
    for number in range(rng.randint(5, 10)):
        first, second = rng.sample(codes, 2)
        metric, unit = rng.choice(METRICS)
        kind = "target" if number == 0 and rng.random() < 0.5 else "actual"
        lines += [f"  - metric: {metric}", f"    actors: [{first}, {second}]",
                  f"    value: {rng.randint(1, 900) / 10}", f"    unit: {unit}",
                  f"    bound: {rng.choice(['exactly', 'about', 'more than'])}",
                  *_figure_period(rng, year), f"    type: {kind}",
                  f"    topics: [{rng.choice(TOPICS)}]",
                  f"    evidence: {json.dumps(quote())}"]
    quotes = rng.randint(0, 3)
    if quotes:
        lines.append("quotes:")
    for _ in range(quotes):
        said = quote()
        lines += [f"  - text: {json.dumps(said)}", "    speaker: an official",
                  f"    actors: [{rng.choice(codes)}]"]
    return _files(index, (year, month, day), codes, names, rng, paragraphs, lines)


def _figure_period(rng: random.Random, year: int) -> list[str]:
    """A figure's period as the sample gives them: a year for about half, a month for a
    quarter, none (the article's date) for the rest."""
    shape = rng.random()
    if shape < FIGURES_BY_YEAR:
        return [f"    period: {year - rng.randint(1, 4)}"]
    if shape < FIGURES_BY_YEAR + FIGURES_BY_MONTH:
        return [f"    period: {year - rng.randint(1, 4)}-{rng.randint(1, 12):02d}"]
    return []


def date_precision(folder: Path) -> dict[str, int]:
    """How precisely events and figures are dated, in per cent: events by the year only, by
    a month, by a day; figures whose period is a year, finer, or not given. Where an entry
    is filed on the site (a year's page or a month's) follows from it."""
    counts: Counter = Counter()
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for event in data.get("events") or []:
            parts = len(str(event.get("date", "")).split("-"))
            counts[("events", ("by year", "by month", "by day")[min(parts, 3) - 1])] += 1
        for figure in data.get("figures") or []:
            period = str(figure.get("period") or "")
            counts[("figures", "no period" if not period else
                    "a year" if period.isdigit() else "finer")] += 1
    shares = {}
    for kind, labels in (("events", ("by year", "by month", "by day")),
                         ("figures", ("a year", "finer", "no period"))):
        total = sum(counts[(kind, label)] for label in labels) or 1
        for label in labels:
            shares[f"{kind} {label}"] = round(100 * counts[(kind, label)] / total)
    return shares


def density(folder: Path) -> dict[str, float]:
    """Per article: paragraphs and annotated items of each kind, read from the files."""
    totals: Counter = Counter()
    articles = sorted(folder.glob("*.md"))
    for path in articles:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        totals["paragraphs"] += sum(1 for block in body.split("\n\n")
                                    if block.strip() and not block.lstrip().startswith("#"))
        data = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8")) or {}
        for kind in ("relations", "events", "figures", "quotes"):
            totals[kind] += len(data.get(kind) or [])
    return {kind: round(totals[kind] / max(1, len(articles)), 1)
            for kind in ("paragraphs", "relations", "events", "figures", "quotes")}


def _retellings(count: int, seed: int, names: dict[str, str],
                words: Vocabulary) -> dict[tuple[int, int], str]:
    """Ids for the events that several articles tell alike (same kind, same actors, dates in
    the same year, so possibly overlapping), as editors give them once the generator warns:
    the same date gives the same id (one event, several sources), another date another id
    (two events). Without them a corpus of 10,000 articles draws some 6,000 such pairs by
    chance, and every build spends its time warning about them, which real content, edited,
    does not. Found by drawing the same corpus once beforehand (same seed, same draws)."""
    rng = random.Random(seed)
    told: list[tuple[tuple, str, int, int]] = []
    for index in range(1, count + 1):
        make_dense_article(index, rng, names, words, told=told)
    articles: dict[tuple, set[int]] = {}
    for key, _, index, _ in told:
        articles.setdefault(key, set()).add(index)
    named = {}
    for key, date, index, number in told:
        if len(articles[key]) > 1:
            kind, actors, _ = key
            first, second = sorted(code.lower() for code in actors)
            named[index, number] = f"{kind}-{first}-{second}-{date}"
    return named


MARKER = ".benchmark-corpus"  # in every corpus made here: only such a folder is replaced


class NotACorpus(ValueError):
    """A target this script must not replace, or a count it cannot make."""


def _clear(target: Path) -> None:
    """Remove the corpus a run made at ``target`` before; refuse any other folder or file (a
    slip such as ``make_corpus.py 1000 .`` would otherwise delete a project)."""
    if not target.exists():
        return
    if target.is_dir() and (target / MARKER).is_file():
        shutil.rmtree(target)
    elif not target.is_dir() or any(target.iterdir()):
        raise NotACorpus(f"{target} is not a corpus this script made (it has no {MARKER}), so "
                         "it is left as it is: give a new or empty folder, or remove it first")


def make_corpus(count: int, target: Path, seed: int = 2026, light: bool = False,
                code: Path = REPO) -> None:
    """``count`` articles in a new project at ``target``, with the configuration, templates
    and entities of the code in ``code`` (the repository; another checkout of it, to measure
    that code on the same articles)."""
    if count < 1:
        raise NotACorpus(f"a corpus needs at least one article, not {count}")
    _clear(target)
    rng = random.Random(seed)
    names = country_names()
    (target / "content" / "articles").mkdir(parents=True)
    (target / MARKER).write_text("made by benchmarks/make_corpus.py: the next run replaces "
                                 "this folder\n", encoding="utf-8")
    shutil.copy(code / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(code / "templates", target / "templates")
    shutil.copytree(code / "content" / "entities", target / "content" / "entities")
    words = Vocabulary()
    named = {} if light else _retellings(count, seed, names, words)
    for index in range(1, count + 1):
        slug, article, annotation = (make_article(index, rng, names) if light else
                                     make_dense_article(index, rng, names, words, named))
        folder = target / "content" / "articles"
        (folder / f"{slug}.md").write_text(article, encoding="utf-8")
        (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("target", type=Path,
                        help="the project folder to create (a corpus made here before is replaced)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--light", action="store_true",
                        help="the lighter corpus of earlier benchmarks (0-3 events and figures)")
    args = parser.parse_args()
    try:
        make_corpus(args.count, args.target, args.seed, args.light)
    except NotACorpus as problem:
        parser.error(str(problem))
    print(f"wrote {args.count} {'light' if args.light else 'realistic'} articles to "
          f"{args.target}")
    print(f"per article, this corpus: {density(args.target / 'content' / 'articles')}")
    print(f"per article, the sample:  {density(REPO / 'content' / 'articles')}")
    print(f"dates (%), this corpus: {date_precision(args.target / 'content' / 'articles')}")
    print(f"dates (%), the sample:  {date_precision(REPO / 'content' / 'articles')}")


if __name__ == "__main__":
    main()
