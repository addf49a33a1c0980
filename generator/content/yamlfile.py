"""Reading YAML safely, keeping the line of every key and list item.

PyYAML's composer gives nodes with line marks; we turn them into plain dicts and lists
ourselves instead of letting PyYAML construct objects, so that:
- no tag outside plain YAML data can build anything (``!!python/object`` is refused);
- anchors and aliases are refused, which also makes alias bombs cost nothing;
- duplicate keys are reported instead of silently keeping the last one;
- only ``true``/``false`` are booleans and dates stay text, so ``NO`` (Norway) stays ``"NO"``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from ..engine.problems import Problems

try:  # the C composer is about eight times faster and still records line marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class YMap(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    """A list that remembers the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str, key: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint, self.key = line, message, hint, key


_KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")


def _key_at(text: str, line: int, offset: int) -> str:
    """The key written on a line of the file, to name the field of a syntax problem."""
    lines = text.split("\n")
    index = line - 1 - offset
    if 0 <= index < len(lines):
        match = _KEY_ON_LINE.match(lines[index])
        if match:
            return match.group(1)
    return "yaml"


def _hint_for(error: yaml.YAMLError, source_line: str) -> str:
    text = str(error)
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "\\t" in text:
        return "indent with spaces, not tabs"
    if "found unexpected end of stream" in text or "while scanning a quoted scalar" in text:
        return "close the quotes that were opened"
    if "mapping values are not allowed" in text:
        return "put text that contains ': ' in quotes"
    if "expected <block end>" in text or "did not find expected" in text:
        return "check the indentation: items of one list or mapping start in the same column"
    return "fix the YAML syntax"


def syntax_error(error: yaml.MarkedYAMLError, text: str, first_line: int = 1
                 ) -> tuple[int, str, str]:
    """Where a YAML syntax error is (the file's line, ``text`` starting on ``first_line``),
    what it is and what to do."""
    offset = first_line - 1
    mark = error.problem_mark or error.context_mark
    context = error.context or ""
    if error.context_mark and ("quoted scalar" in context or "flow" in context):
        mark = error.context_mark  # where the unclosed quote or bracket was opened
    line = (mark.line + 1 + offset) if mark else first_line
    problem = (error.problem or "invalid YAML").strip()
    context = context.strip()
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    lines = text.split("\n")
    source_line = lines[line - 1 - offset] if 0 <= line - 1 - offset < len(lines) else ""
    return line, message, _hint_for(error, source_line)


def parse_yaml(text: str, path: Path | str, problems: Problems, first_line: int = 1):
    """Parse YAML text into YMap/YList/scalars, or return None after recording a problem.

    ``first_line`` is the file line on which ``text`` starts (front matter starts on line 2).
    """
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line, message, hint = syntax_error(error, text, first_line)
        problems.add(path, line, _key_at(text, line, offset), message, hint)
        return None
    except yaml.YAMLError as error:
        problems.add(path, first_line, "yaml", f"invalid YAML: {error}", "fix the YAML syntax")
        return None
    if node is None:
        return None
    try:
        return _convert(node, offset, set())
    except _Refused as refused:
        line = refused.line
        if refused.message.startswith("anchors"):
            line = _first_alias_line(text, offset) or line
        problems.add(path, line, refused.key or _key_at(text, line, offset), refused.message,
                     refused.hint)
        return None


def _first_alias_line(text: str, offset: int) -> int:
    """The line of the first ``*alias``: composed nodes only remember where the anchor was."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1 + offset
    return 0


def _convert(node: yaml.Node, offset: int, seen: set[int]):
    line = node.start_mark.line + 1 + offset
    if id(node) in seen:
        raise _Refused(line, "anchors and aliases (& and *) are not supported",
                       "write the value out in full")
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Refused(line, f"the tag '{node.tag}' is not allowed", "remove the tag")
        mapping = YMap()
        mapping.line, mapping.key_lines = line, {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_line, "keys must be plain names", "write 'name: value'")
            key = str(key_node.value)
            if key in mapping:
                raise _Refused(key_line, f"duplicate key '{key}' (first on line "
                               f"{mapping.key_lines[key]})", "keep one of the two", key)
            mapping.key_lines[key] = key_line
            mapping[key] = _convert(value_node, offset, seen)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Refused(line, f"the tag '{node.tag}' is not allowed", "remove the tag")
        items = YList()
        items.line, items.item_lines = line, []
        for item in node.value:
            items.item_lines.append(item.start_mark.line + 1 + offset)
            items.append(_convert(item, offset, seen))
        return items
    return _scalar(node, line)


def _scalar(node: yaml.ScalarNode, line: int):
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        raise _Refused(line, f"the tag '{tag}' is not allowed", "remove the tag; write plain text")
    value = node.value
    if node.style in ("'", '"', "|", ">") or tag in (_STR, _TIMESTAMP):
        return value
    if tag == _BOOL:
        # YAML 1.1 reads yes/no/on/off/NO as booleans; only true and false are ours.
        return {"true": True, "false": False}.get(value.lower(), value)
    if tag == _NULL:
        return None
    if tag == _INT:
        try:
            return _CONSTRUCTOR.construct_yaml_int(node)
        except ValueError:
            return value
    number = _CONSTRUCTOR.construct_yaml_float(node)
    return number if math.isfinite(number) else value
