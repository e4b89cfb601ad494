"""YAML loading that remembers where every value came from.

Rule-file errors must name the line an editor should open, so we compose
the YAML node graph (which keeps marks) and build plain dicts and lists that
carry the line of each key and item.  No line is ever guessed from text.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about 10x faster), else the pure-Python one."""


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each of its keys."""

    line: int
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


def load_yaml(text: str) -> Any:
    """Parse one YAML document into LineDict/LineList/scalars (safe tags only).

    Raises ``yaml.YAMLError`` (with ``problem_mark``) on bad YAML and
    ``ValueError`` on duplicate keys, which PyYAML would silently accept.
    """
    node = yaml.compose(text, Loader=_LOADER)
    if node is None:
        return None
    return _build(node)


def _build(node: yaml.Node) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise DuplicateKeyError(key_node.start_mark.line + 1, key)
            out[key] = _build(value_node)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LineList()
        seq.line = line
        seq.item_lines = []
        for item in node.value:
            seq.append(_build(item))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    return yaml.SafeLoader("").construct_object(node, deep=True)


class DuplicateKeyError(ValueError):
    """The same key twice in one mapping."""

    def __init__(self, line: int, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.line = line
        self.key = key


def line_of(root: Any, path: list[str | int]) -> int:
    """The line of the deepest value along ``path`` that we know."""
    node = root
    line = getattr(root, "line", 1)
    for part in path:
        if isinstance(node, LineDict) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
