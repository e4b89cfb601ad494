"""``--color auto|always|never`` against NO_COLOR / FORCE_COLOR, a terminal and an output file."""

from __future__ import annotations

import pytest

from cleaner.commands.colour import CHOICES, wants_colour


@pytest.mark.parametrize(
    ("is_tty", "env", "coloured"),
    [
        (True, {}, True),  # a terminal and no convention set
        (False, {}, False),  # a pipe
        (True, {"NO_COLOR": "1"}, False),
        (False, {"FORCE_COLOR": "1"}, True),  # forced even into a pipe
        (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins over FORCE_COLOR
        (True, {"NO_COLOR": ""}, True),  # an empty NO_COLOR does not count
        (False, {"FORCE_COLOR": ""}, False),  # nor an empty FORCE_COLOR
    ],
)
def test_auto_follows_the_terminal_and_the_conventions(is_tty: bool, env: dict[str, str], coloured: bool) -> None:
    assert wants_colour("auto", is_tty=is_tty, to_file=False, env=env) is coloured


def test_auto_never_colours_an_output_file_even_when_forced() -> None:
    assert wants_colour("auto", is_tty=True, to_file=True, env={"FORCE_COLOR": "1"}) is False


@pytest.mark.parametrize("to_file", [False, True])
def test_an_explicit_choice_wins_over_terminal_file_and_environment(to_file: bool) -> None:
    against_always = {"NO_COLOR": "1"}
    against_never = {"FORCE_COLOR": "1"}
    assert wants_colour("always", is_tty=False, to_file=to_file, env=against_always) is True
    assert wants_colour("never", is_tty=True, to_file=to_file, env=against_never) is False


def test_the_choices_are_the_three_the_option_offers() -> None:
    assert CHOICES == ("auto", "always", "never")
