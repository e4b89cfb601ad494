"""The check stage: the Checker protocol, the one registry of checkers, and the checkers themselves.

``checker`` (the protocol), ``registry`` (order = merge precedence, modes
off/optional/required), ``rules/`` (the rule engine), ``names`` (name
consistency), ``languagetool/`` (the LanguageTool server and its checker), ``fluency/``
(a small language model that gates other engines' fixes and proposes its own).
"""
