"""Events across articles: one real event told by several sources is one event; a change of a
relation's status is an event of its own; and values superseded by newer ones are marked.

These rules need the whole corpus, so they run when the articles' contributions are
assembled into one knowledge base, never inside one article's check.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..content.kinds import TONE_RANGE
from ..content.registry import Registry
from ..content.schema import STATUS_CHANGE, event_class
from ..engine.problems import Problems
from .model import Event, Figure, Relation


def merge_events(events: list[Event], problems: Problems) -> list[Event]:
    """Events sharing an ``id`` become one event with every source's citation. Events come
    in file order, so the result does not depend on the order files were checked in."""
    groups: dict[str, list[Event]] = {}
    merged: list[Event | str] = []
    for event in events:
        if not event.id:
            merged.append(event)
            continue
        if event.id not in groups:
            groups[event.id] = []
            merged.append(event.id)
        groups[event.id].append(event)
    result = []
    for item in merged:
        if isinstance(item, Event):
            result.append(item)
            continue
        group = groups[item]
        group.sort(key=lambda event: event.citation)
        first = group[0]
        for other in group[1:]:
            if other.kind != first.kind:
                problems.add(other.origin[0], other.origin[1], "id",
                             f"the event id '{item}' names an event of kind '{other.kind}' "
                             f"here but of kind '{first.kind}' in "
                             f"{first.origin[0]}:{first.origin[1]}",
                             "one id is one event: give both the same kind, or give this "
                             "event an id of its own")
        result.append(_one_event([event for event in group if event.kind == first.kind]))
    return result


def _one_event(group: list[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    # In citation order, so that the result does not depend on the order files are listed in.
    group = sorted(group, key=lambda event: event.citation)
    # The most precise date any source gives; among equally precise ones, the first cited.
    chosen = max(group, key=lambda event: event.date.rank)  # max keeps the first of equals
    differing = ()
    if any(not event.date.overlaps(chosen.date) for event in group):
        differing = tuple((event.date, event.citation) for event in group)

    def union(name: str) -> tuple:
        return tuple(dict.fromkeys(ref for event in group for ref in getattr(event, name)))

    def first(name: str) -> str:
        return next((getattr(event, name) for event in group if getattr(event, name)), "")

    tone = round(sum(event.tone for event in group) / len(group), 1)
    return dataclasses.replace(
        chosen, event_class=event_class(chosen.kind, tone), tone=tone,
        actors=union("actors"), people=union("people"), affected=union("affected"),
        place=chosen.place or first("place"),
        place_country=chosen.place_country or first("place_country"),
        source=chosen.source or first("source"), target=chosen.target or first("target"),
        expected=all(event.expected for event in group),
        citations=tuple(sorted({event.citation for event in group})), differing=differing)


def warn_likely_duplicates(events: list[Event], problems: Problems) -> None:
    """Two events of the same kind, with the same actors and overlapping dates, told by
    different articles, are probably one event: the editor is asked to give them one id (or
    two different ids, which says they are two)."""
    groups: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        if not event.status_change:
            groups[(event.kind, frozenset(event.actors))].append(event)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda event: (event.date.span, event.origin))
        active: list[Event] = []
        for event in group:
            start = event.date.span[0]
            active = [other for other in active if other.date.span[1] > start]
            for other in active:
                if other.id and event.id:
                    continue  # both named: the editor has said whether they are one
                if {c.article for c in other.sources} & {c.article for c in event.sources}:
                    continue  # one article telling two events of the same kind
                later, earlier = sorted((event, other), key=lambda e: e.origin)[::-1]
                problems.warn(later.origin[0], later.origin[1], "events",
                              f"likely the same event as '{earlier.title}' "
                              f"({earlier.origin[0]}:{earlier.origin[1]}): same kind, same "
                              "actors, overlapping dates",
                              "give both the same 'id:' to make them one event with two "
                              "sources, or different ids if they are two events")
            active.append(event)


def status_changes(relation: Relation, registry: Registry) -> list[Event]:
    """An event for each change of the relation's status, dated when the new status holds.
    Its tone is the move on the cooperation–conflict scale between the two statuses."""
    found = []
    previous = None
    names = " – ".join(registry.actor(ref).name for ref in relation.pair)
    for claim in relation.status_claims:
        if previous is not None and claim.status != previous.status:
            old, new = registry.statuses[previous.status], registry.statuses[claim.status]
            tone = max(TONE_RANGE[0], min(TONE_RANGE[1], new.score - old.score))
            found.append(Event(
                claim.holds_from, STATUS_CHANGE, event_class(STATUS_CHANGE, tone),
                f"{names}: status from {old.name} to {new.name}", relation.pair,
                claim.citation, tone=tone, citations=(claim.citation,),
                status_change=(old.id, new.id), basis=(previous.citation,)))
        previous = claim
    return found


def mark_older(figures: list[Figure]) -> list[Figure]:
    """Actual values that a newer period of the same series supersedes are marked older."""
    newest: dict[tuple, object] = {}
    for figure in figures:
        if figure.type == "actual" and figure.period is not None:
            known = newest.get(figure.series)
            if known is None or figure.period > known:
                newest[figure.series] = figure.period
    return [dataclasses.replace(figure, older=True)
            if figure.type == "actual" and figure.period is not None
            and figure.period < newest[figure.series] else figure
            for figure in figures]
