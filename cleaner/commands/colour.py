"""``--color auto|always|never`` with the NO_COLOR and FORCE_COLOR conventions (no-color.org, force-color.org)."""

from __future__ import annotations

from collections.abc import Mapping

CHOICES = ("auto", "always", "never")


def wants_colour(choice: str, *, is_tty: bool, to_file: bool, env: Mapping[str, str]) -> bool:
    """Whether the text output is coloured.

    ``always`` and ``never`` win over everything.  In ``auto``: never into an
    ``--output-file``; a non-empty NO_COLOR turns colour off; a non-empty
    FORCE_COLOR turns it on even when stdout is not a terminal (NO_COLOR wins
    when both are set); otherwise colour when stdout is a terminal.
    """
    if choice != "auto":
        return choice == "always"
    if to_file or env.get("NO_COLOR"):
        return False
    return bool(env.get("FORCE_COLOR")) or is_tty
