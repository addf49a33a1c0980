"""YAML as `briefings new` writes it: values that read back as exactly what was written,
whatever text they hold."""

from __future__ import annotations

import json


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes, plus those YAML reads as line breaks."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(char if char.isprintable() or char == " " else f"\\u{ord(char):04x}"
                   for char in quoted)


def yaml_value(value) -> str:
    """A flow-style YAML value: a boolean, a number, a list of values, or a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Positional, never "1e-05": YAML would read an exponent without a dot as text.
        return format(value, "f").rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    return yaml_string(str(value))
