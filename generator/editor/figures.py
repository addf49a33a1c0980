"""Figures in an article's text: a number with its unit or currency ("$5 billion", "2.5
million tonnes", "12%"), the bound the text puts on it ("more than"), the period it covers
("in 2024"), what it measures ("bilateral trade") and the countries it is about."""

from __future__ import annotations

import re
from collections import Counter

from .phrases import any_of, qualifies
from .quotes import QUOTE_SPAN, Article

_NUMBER = r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = (r"(?:(?:\s+|-)(?P<scale>trillion|billion|million|thousand|tn|bn|mn)\b"
          r"|(?P<short>tn|bn|mn|m|k)\b)?")
_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT"}
_CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "CNY", "KZT", "TRY", "AZN", "UZS", "GEL", "AMD")
_CURRENCY_WORDS = {"US dollars": "USD", "dollars": "USD", "euros": "EUR", "euro": "EUR",
                   "pounds": "GBP", "roubles": "RUB", "rubles": "RUB", "yuan": "CNY",
                   "tenge": "KZT", "liras": "TRY", "lira": "TRY", "manat": "AZN", "soums": "UZS",
                   "soum": "UZS", **{code: code for code in _CURRENCY_CODES}}
_QUANTITY_UNITS = {"percentage points": "percentage points", "per cent": "percent",
                   "percent": "percent", "%": "percent", "metric tons": "tonnes",
                   "tonnes": "tonnes", "tons": "tonnes", "kilometres": "km", "kilometers": "km",
                   "km": "km", "miles": "miles", "billion cubic metres": "bcm",
                   "billion cubic meters": "bcm", "bcm": "bcm", "cubic metres": "cubic metres",
                   "TEU": "TEU", "containers": "containers", "barrels per day": "barrels per day",
                   "bpd": "barrels per day", "barrels": "barrels", "MW": "MW", "GW": "GW",
                   "TWh": "TWh", "GWh": "GWh", "MWh": "MWh"}
_SCALE_WORDS = {"tn": "trillion", "bn": "billion", "mn": "million", "m": "million",
                "k": "thousand"}
_FIGURE_PATTERNS = (
    re.compile(rf"(?P<sign>{any_of(_CURRENCY_SIGNS)})\s?{_NUMBER}{_SCALE}"),
    re.compile(rf"\b(?P<code>{any_of(_CURRENCY_CODES)})\s?{_NUMBER}{_SCALE}"),
    re.compile(rf"{_NUMBER}{_SCALE}\s+(?P<word>{any_of(_CURRENCY_WORDS)})\b"),
    re.compile(rf"{_NUMBER}{_SCALE}\s*(?P<unit>{any_of(_QUANTITY_UNITS)})(?!\w)"),
)
_BOUND_WORDS = (
    ("more than", r"more than|over|above|exceeding|exceeded|exceeds|surpassed|surpassing|"
                  r"surpasses|topped|topping|tops|in excess of"),
    ("at least", r"at least|no less than|a minimum of"),
    ("less than", r"less than|fewer than|under|below"),
    ("at most", r"up to|at most|no more than|a maximum of"),
    ("about", r"about|around|approximately|roughly|nearly|almost|some|close to|an estimated|"
              r"estimated at|circa"),
)
_BOUNDS = [(bound, re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE))
           for bound, words in _BOUND_WORDS]
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
_PERIOD_AFTER = re.compile(rf"^\s*(?:in|for|during|by|as of)\s+(?:(?P<month>{_MONTHS})\s+)?"
                           r"(?P<year>(?:19|20)\d{2})\b")
_PERIOD_OPENING = re.compile(rf"^\s*(?:in|during|by|for)\s+(?:(?P<month>{_MONTHS})\s+)?"
                             r"(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
_METRIC_WORDS = ("trade turnover", "trade", "turnover", "exports", "imports", "investment",
                 "investments", "GDP", "growth", "inflation", "budget", "loan", "loans", "credit",
                 "financing", "funding", "aid", "grant", "cargo", "freight", "transit", "traffic",
                 "shipments", "volume", "volumes", "capacity", "production", "output", "reserves",
                 "debt", "revenue", "revenues", "remittances", "population", "unemployment",
                 "supplies", "deliveries", "throughput", "spending", "sales", "transport")
_METRIC = re.compile(rf"\b(?:(?P<modifier>[A-Za-z-]+)\s+)?(?P<noun>{any_of(_METRIC_WORDS)})"
                     r"\b", re.IGNORECASE)
_FALLBACK_METRIC = {"percent": "share", "percentage points": "change", "tonnes": "volume",
                    "km": "length", "miles": "length", "bcm": "gas volume", "TEU": "volume",
                    "containers": "volume", "barrels": "volume", "barrels per day": "output"}


def _main_countries(article: Article) -> list[str]:
    counts = Counter(item.ref for found in article.found for item in found
                     if item.kind == "country")
    return [code for code, _ in counts.most_common(2)]


def figures_of(article: Article) -> list[dict]:
    """Each figure the article gives once, with a quote that only its paragraph holds."""
    figures: list[dict] = []
    seen = set()
    main = _main_countries(article)
    for paragraph, text in enumerate(article.texts):
        for match in _figure_matches(text):
            figure = _figure(article, paragraph, match, main, seen)
            if figure is not None:
                seen.add((figure["value"], figure["unit"], figure.get("period")))
                figures.append(figure)
    return figures


def _figure_matches(text: str) -> list[re.Match]:
    """Every figure, the longest where two patterns read the same number."""
    matches = sorted((m for pattern in _FIGURE_PATTERNS for m in pattern.finditer(text)),
                     key=lambda m: (m.start("num"), -(m.end() - m.start())))
    chosen: list[re.Match] = []
    for match in matches:
        if not any(match.start() < other.end() and other.start() < match.end() for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start())


def _figure(article: Article, paragraph: int, match: re.Match, main: list[str],
            seen: set) -> dict | None:
    """The figure a match reads, unless one with its value, unit and period is drafted."""
    text = article.texts[paragraph]
    groups = match.groupdict()
    number = float(groups["num"].replace(",", ""))
    value = int(number) if number.is_integer() else number
    scale = groups.get("scale") or groups.get("short") or ""
    scale = _SCALE_WORDS.get(scale, scale)
    if groups.get("unit"):
        unit = _QUANTITY_UNITS[groups["unit"]]
        unit = unit if unit in ("percent", "percentage points") else f"{scale} {unit}".strip()
    else:
        currency = (_CURRENCY_SIGNS.get(groups.get("sign") or "") or groups.get("code")
                    or _CURRENCY_WORDS.get(groups.get("word") or ""))
        unit = f"{scale} {currency}".strip()
    start, end = match.start(), match.end()
    first, last = article.sentence_of(paragraph, start)
    figure: dict = {"metric": "", "actors": [], "value": value, "unit": unit}
    window = max(first, start - 40)
    for bound, pattern in _BOUNDS:
        said = pattern.search(text, window, start)
        if said:
            figure["bound"], start = bound, said.start()
            break
    period = _period(text, match.end(), last, first, match.start())
    if period:
        figure["period"], period_end = period
        end = max(end, period_end)
    if (value, unit, figure.get("period")) in seen:
        return None
    metric, metric_start = _metric(text, first, match.start(), last, unit)
    figure["metric"] = metric
    # The quote takes in the metric's words when they are close and speak of this figure alone.
    if metric_start is not None and match.start() - metric_start <= QUOTE_SPAN and not any(
            metric_start < other.start() < match.start() for other in _figure_matches(text)):
        start = min(start, metric_start)
    actors = [item.ref for item in article.found_in(paragraph, first, last, ("country",))]
    actors = actors or [item.ref for item in article.found_in(paragraph, first, last,
                                                             ("organisation",))]
    figure["actors"] = list(dict.fromkeys(actors)) or main
    if not figure["actors"]:
        return None
    quote = article.quote(paragraph, start, end)
    if not quote:
        return None
    figure["evidence"] = quote
    return figure


def _period(text: str, after: int, last: int, first: int, start: int) -> tuple[str, int] | None:
    """The period a figure covers: "in 2024" right after it, or a sentence opening "In 2024"."""
    following = _PERIOD_AFTER.match(text[after:last])
    if following:
        return _period_text(following), after + following.end()
    opening = _PERIOD_OPENING.match(text[first:start])
    if opening:
        return _period_text(opening), after
    return None


def _period_text(match: re.Match) -> str:
    month = match.group("month")
    if month:
        number = _MONTHS.split("|").index(month.capitalize()) + 1
        return f"{match.group('year')}-{number:02d}"
    return match.group("year")


def _metric(text: str, first: int, start: int, last: int, unit: str) -> tuple[str, int | None]:
    """What a figure measures, as the sentence names it ("Bilateral trade surpassed $5
    billion" → bilateral trade), or a word by the unit that the editor will sharpen."""
    before = list(_METRIC.finditer(text, first, start))
    after = list(_METRIC.finditer(text, start, last))
    match = before[-1] if before else (after[0] if after else None)
    if match is None:
        return next((metric for ending, metric in _FALLBACK_METRIC.items()
                     if unit.endswith(ending)), "amount"), None
    noun = match.group("noun")
    modifier = match.group("modifier") or ""
    if modifier and qualifies(modifier):
        words, begin = f"{modifier} {noun}", match.start("modifier")
    else:
        words, begin = noun, match.start("noun")
    words = " ".join(word if word.isupper() else word.lower() for word in words.split())
    return words, (begin if match in before else None)
