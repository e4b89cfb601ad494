"""The rule engine: load and validate YAML rule files, compile them once, match in one pass."""
