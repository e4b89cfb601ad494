"""YAML with lines: every key and item knows the line an editor should open."""

from __future__ import annotations

import pytest
import yaml

from cleaner.checks.rules.yamlnodes import DuplicateKeyError, LineDict, LineList, line_of, load_yaml

DOC = """\
domain: trade
rules:
  - id: A
    match: "pricing talks"
  - id: B
    examples:
      - bad: "x"
"""


def test_every_key_and_item_carries_its_own_line() -> None:
    root = load_yaml(DOC)
    assert isinstance(root, LineDict) and root.line == 1
    assert root.key_lines == {"domain": 1, "rules": 2}
    rules = root["rules"]
    assert isinstance(rules, LineList) and rules.item_lines == [3, 5]
    assert rules[1].key_lines == {"id": 5, "examples": 6}
    assert rules[0] == {"id": "A", "match": "pricing talks"}  # still a plain dict to its readers


def test_line_of_follows_the_path_to_the_deepest_known_value() -> None:
    root = load_yaml(DOC)
    assert line_of(root, ["rules", 1, "examples", 0, "bad"]) == 7
    assert line_of(root, ["rules", 0, "match"]) == 4
    # a missing key or an index past the end stops at the last place that exists
    assert line_of(root, ["rules", 1, "replace"]) == 5
    assert line_of(root, ["rules", 9, "id"]) == 2
    assert line_of(root, [0]) == 1  # a list index into a mapping is no path


def test_a_duplicate_key_is_an_error_at_its_second_line() -> None:
    with pytest.raises(DuplicateKeyError) as info:
        load_yaml("rules:\n  - id: A\n    message: one\n    message: two\n")
    assert info.value.line == 4 and info.value.key == "message"
    assert "duplicate key 'message'" in str(info.value)


def test_scalars_keep_yaml_types_and_keys_become_strings() -> None:
    root = load_yaml("confidence: 0.9\ncase_sensitive: true\n1: one\nwords: [a, 2]\n")
    assert root == {"confidence": 0.9, "case_sensitive": True, "1": "one", "words": ["a", 2]}


def test_empty_text_is_none_and_bad_yaml_has_a_mark() -> None:
    assert load_yaml("") is None
    assert load_yaml("# only a comment\n") is None
    with pytest.raises(yaml.YAMLError) as info:
        load_yaml("rules:\n  - id: [unclosed\n")
    assert getattr(info.value, "problem_mark", None) is not None


def test_python_tags_never_construct_objects() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("x: !!python/name:os.system\n")  # a scalar goes through the safe constructor
    # mappings and sequences are built here, as plain data, whatever their tag says
    assert load_yaml("x: !!python/object/apply:os.system ['true']\n") == {"x": ["true"]}
