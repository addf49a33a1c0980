"""Each kind of field value is one object: checking, advice, JSON Schema and the ids it names
come from it alone, so a new kind is one class and one entry in KINDS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.kinds import KINDS, Kind
from generator.content.schema import (
    ANNOTATION_SECTIONS,
    BRIEF,
    ENTITY_FILES,
    FRONT_MATTER,
    Checker,
    Field,
    Record,
)
from generator.content.yamlfile import parse_yaml
from generator.editor import jsonschema
from generator.engine.problems import Problems


def _fields(record: Record):
    for spec in record.fields:
        yield spec
        if spec.record is not None:
            yield from _fields(spec.record)


ALL_FIELDS = [spec for record in (FRONT_MATTER, BRIEF, *ANNOTATION_SECTIONS.values(),
                                  *ENTITY_FILES.values()) for spec in _fields(record)]


def test_every_field_names_a_kind_and_every_kind_is_used():
    used = {spec.kind for spec in ALL_FIELDS}
    assert used <= set(KINDS)
    elements = {kind.element for kind in KINDS.values() if hasattr(kind, "element")}
    assert set(KINDS) - used - elements == set()


@pytest.mark.parametrize("spec", ALL_FIELDS, ids=lambda spec: f"{spec.name}:{spec.kind}")
def test_every_field_describes_itself(spec):
    kind = KINDS[spec.kind]
    assert kind.words and kind.hint(spec)
    assert jsonschema._field_schema(spec)


class _IsoWeekKind(Kind):
    """A kind the project does not have: an ISO week such as 2025-W07."""

    words = "an ISO week"
    advice = "write a week such as 2025-W07"

    def check_text(self, checker, value, text, spec, path, line, name):
        if not re.fullmatch(r"\d{4}-W(0[1-9]|[1-4]\d|5[0-3])", text):
            checker.wrong(path, line, name, spec, value)
            return None
        return text

    def json_schema(self, spec, record_schema):
        return {"type": "string", "pattern": r"^\d{4}-W\d{2}$"}


def test_a_new_kind_is_one_class_and_one_entry(monkeypatch):
    monkeypatch.setitem(KINDS, "week", _IsoWeekKind())
    record = Record("report", (Field("week", "week", True, doc="the week it covers"),))
    problems = Problems()
    data = parse_yaml("- week: 2025-W07\n- week: 2025-07\n- {}\n", Path("weeks.yml"), problems)
    items = Checker(problems).records(data, record, Path("weeks.yml"), 1, "reports")
    assert items[0].values == {"week": "2025-W07"} and items[0].valid
    assert [str(p) for p in problems.sorted()] == [
        "weeks.yml:2: reports[2].week: expected an ISO week, got '2025-07' "
        "(write a week such as 2025-W07)",
        "weeks.yml:3: reports[3].week: missing field (add 'week:' (the week it covers))",
    ]
    assert jsonschema.record_schema(record)["properties"]["week"] == {
        "type": "string", "pattern": r"^\d{4}-W\d{2}$", "description": "the week it covers"}
