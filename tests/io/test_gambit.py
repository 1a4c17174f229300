"""Gambit .nfg/.efg reading and writing: round trips, the documented examples, bad files,
and cross-checks against pygambit where it is installed."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deterrence import InvalidGameError, NormalFormGame
from deterrence.io.gambit import dumps_nfg, loads_nfg, read_gambit, read_nfg, write_nfg

# The payoff-format example of the Gambit documentation ("Game representation formats").
SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# The outcome-format example of the Gambit documentation.
MIXED_OUTCOME = """NFG 1 R "Two person 2 x 2 game with unique mixed equilibrium"
{ "Player 1" "Player 2" }

{ { "1" "2" }
{ "1" "2" }
}
""

{
{ "" 2, 0 }
{ "" 0, 1 }
{ "" 0, 1 }
{ "" 1, 0 }
}
1 2 3 4
"""


def coercion_game(exact: bool = True) -> NormalFormGame:
    row = [[-2, 4], [0, 0]] if exact else [[-2.5, 4.0], [0.0, 0.125]]
    return NormalFormGame.from_matrices(
        row,
        [[-1, "-5/3"], [0, 0]] if exact else [[-1.0, -5 / 3], [0.0, 0.0]],
        players=("coercer", 'the "coalition"'),
        strategies=(("coerce", "refrain"), ("share", "not share")),
        title="coercer versus coalition",
    )


def test_documented_payoff_format_example():
    game = loads_nfg(SELTEN_PAYOFF)
    assert game.num_strategies == (3, 2)
    assert game.title == "Selten (IJGT, 75), Figure 2, normal form"
    # Profiles are listed with player 1's strategy varying fastest.
    assert game.payoff_matrix(0).tolist() == [[1, 1], [0, 0], [0, 2]]
    assert game.payoff_matrix(1).tolist() == [[1, 1], [2, 3], [2, 0]]
    assert game.strategies == (("1", "2", "3"), ("1", "2"))


def test_documented_outcome_format_example():
    game = loads_nfg(MIXED_OUTCOME)
    assert game.payoff_matrix(0).tolist() == [[2, 0], [0, 1]]
    assert game.payoff_matrix(1).tolist() == [[0, 1], [1, 0]]


def test_outcome_zero_means_all_payoffs_zero_and_outcomes_can_repeat():
    text = 'NFG 1 R "" { "a" "b" } { 2 1 } { { "win" 1/2 3 } } 1 0'
    game = loads_nfg(text)
    assert game.payoff_matrix(0).tolist() == [[Fraction(1, 2)], [0]]
    assert game.payoff_matrix(1).tolist() == [[3], [0]]


@pytest.mark.parametrize("format", ["payoff", "outcome"])
def test_round_trip_exact_keeps_labels_title_and_exact_payoffs(format):
    game = coercion_game()
    back = loads_nfg(dumps_nfg(game, format=format))
    assert back == game
    assert back.title == game.title
    assert back.is_exact
    assert back.payoff_matrix(1)[0, 1] == Fraction(-5, 3)


@pytest.mark.parametrize("format", ["payoff", "outcome"])
def test_round_trip_float_game(format):
    game = coercion_game(exact=False)
    back = loads_nfg(dumps_nfg(game, format=format))
    assert back.players == game.players and back.strategies == game.strategies
    np.testing.assert_array_equal(back.float_payoffs, game.float_payoffs)


def test_three_player_round_trip_and_file_io(tmp_path):
    payoffs = np.arange(3 * 2 * 3 * 2).reshape(3, 2, 3, 2) - 10
    game = NormalFormGame(payoffs, title="three")
    for format in ("payoff", "outcome"):
        path = write_nfg(game, tmp_path / f"three_{format}.nfg", format=format)
        assert read_nfg(path) == game
        assert read_gambit(path) == game
        with open(path) as handle:
            assert read_nfg(handle) == game


payoff_values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.fractions(max_denominator=50).filter(lambda f: abs(f) < 10**6),
)


@given(
    shape=st.lists(st.integers(1, 3), min_size=1, max_size=3),
    data=st.data(),
    format=st.sampled_from(["payoff", "outcome"]),
)
def test_round_trip_property(shape, data, format):
    size = len(shape) * int(np.prod(shape))
    values = data.draw(st.lists(payoff_values, min_size=size, max_size=size))
    array = np.empty(size, dtype=object)
    array[:] = values
    labels = data.draw(st.text(min_size=1, max_size=8).filter(lambda s: s.strip()))
    game = NormalFormGame(
        array.reshape(len(shape), *shape),
        players=[f"{labels} {i}" for i in range(len(shape))],
        title=labels,
    )
    back = loads_nfg(dumps_nfg(game, format=format))
    assert back == game and back.title == game.title


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "expected 'NFG'"),
        ('NFG 2 R "" { "a" } { 1 } 1', 1, "version 1"),
        ('NFG 1 R "" { "a" "b" }\n{ 2 2 }\n1 2 3', 3, "ends early"),
        ('NFG 1 R "" { "a" "b" }\n{ 2 }\n1 2', 2, "strategies for 1"),
        ('NFG 1 R "" { "a" "b" } { 1 1 }\n{ { "" 1 2 } }\n2', 3, "out of range"),
        ('NFG 1 R "" { "a" "b" } { 1 1 }\n{ { "" 1 } }\n1', 2, "has 1 payoffs"),
        ('NFG 1 R "" { "a" "b" } { 1 1 }\n1 x', 2, "expected a payoff"),
        ('NFG 1 R "" { "a" "b" } { 1 1 }\n1 2 3', 2, "unexpected text"),
        ('NFG 1 R "unterminated { "a" } { 1 }', 1, "unterminated"),
        ('NFG 1 R "" { "a" } { 0 }\n', 1, "at least one strategy"),
        ('NFG 1 R "" { "a" "b" } { 1 1 }\n1 ?', 2, "unexpected character"),
    ],
)
def test_malformed_nfg_names_source_and_line(text, line, words):
    with pytest.raises(InvalidGameError) as info:
        loads_nfg(text, source="bad.nfg")
    message = str(info.value)
    assert f"bad.nfg, line {line}" in message
    assert words in message


def test_duplicate_labels_are_renamed_with_a_warning_naming_the_file():
    # Gambit itself reads such files (its own test games repeat labels): so do we
    with pytest.warns(UserWarning, match="bad.nfg: player name 'a' repeats: renamed 'a \\(2\\)'"):
        game = loads_nfg('NFG 1 R "" { "a" "a" } { 1 1 } 1 2', source="bad.nfg")
    assert game.players == ("a", "a (2)")


def test_missing_file_and_non_gambit_file(tmp_path):
    with pytest.raises(InvalidGameError, match="no such file"):
        read_nfg(tmp_path / "missing.nfg")
    with pytest.raises(InvalidGameError, match="not a Gambit file"):
        read_gambit(io.StringIO("hello"))


def test_write_rejects_other_objects_and_formats():
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        dumps_nfg([[1, 2]])
    with pytest.raises(InvalidGameError, match="unknown .nfg format"):
        dumps_nfg(coercion_game(), format="xml")


# ---------------------------------------------------------------------------- pygambit
def _catalog_files(suffix: str) -> list[Path]:
    try:
        import pygambit
    except ImportError:
        return []
    root = Path(pygambit.__file__).parent / "catalog_data"
    return sorted(root.rglob(f"*{suffix}"))


@pytest.mark.gambit
@pytest.mark.parametrize("path", _catalog_files(".nfg"), ids=lambda p: p.name)
def test_reads_every_nfg_in_the_pygambit_catalog_like_pygambit(path):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (optional 'gambit' extra)")
    ours = read_nfg(path)
    theirs = gbt.read_nfg(str(path))
    assert ours.players == tuple(p.label for p in theirs.players)
    arrays = theirs.to_arrays(dtype=Fraction)
    for i in range(ours.num_players):
        assert ours.payoffs[i].tolist() == arrays[i].tolist()


@pytest.mark.gambit
@pytest.mark.parametrize("format", ["payoff", "outcome"])
def test_pygambit_reads_what_we_write(tmp_path, format):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (optional 'gambit' extra)")
    game = NormalFormGame(
        np.arange(12).reshape(2, 3, 2) - 4, title="g", strategies=(("a", "b", "c"), ("x", "y"))
    )
    path = write_nfg(game, tmp_path / "g.nfg", format=format)
    theirs = gbt.read_nfg(str(path))
    assert [s.label for s in list(theirs.players)[0].strategies] == ["a", "b", "c"]
    arrays = theirs.to_arrays(dtype=Fraction)
    for i in range(2):
        assert arrays[i].tolist() == game.payoffs[i].tolist()


@pytest.mark.gambit
def test_we_read_what_pygambit_writes():
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (optional 'gambit' extra)")
    theirs = gbt.Game.from_arrays(
        [[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]], title='a "quoted" title'
    )
    ours = loads_nfg(theirs.to_nfg())
    assert ours.title == 'a "quoted" title'
    assert ours.payoff_matrix(0).tolist() == [[1, 2], [3, 4], [5, 6]]
    assert ours.payoff_matrix(1).tolist() == [[7, 8], [9, 10], [11, 12]]


# ---------------------------------------------------------------------------- .efg
def _chain_store():
    from deterrence.games.extensive import ExtensiveFormGame, chance, decision, terminal

    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        root=chance(
            {
                "resolute": (
                    "1/3",
                    decision(
                        "challenger",
                        {
                            "coerce": decision(
                                "defender",
                                {"retaliate": terminal(-2, "-1/2"), "yield": terminal(3, -3)},
                                infoset="D",
                            ),
                            "refrain": terminal(0, 0),
                        },
                        infoset="C",
                    ),
                ),
                "irresolute": (
                    "2/3",
                    decision(
                        "challenger",
                        {
                            "coerce": decision(
                                "defender",
                                {"retaliate": terminal(-2, -4), "yield": terminal(3, -3)},
                                infoset="D",
                            ),
                            "refrain": terminal(0, 0),
                        },
                        infoset="C",
                    ),
                ),
            }
        ),
        title='coercion with "uncertain" resolve',
    )


def test_efg_round_trip_keeps_information_sets_chance_and_exact_payoffs():
    from deterrence.io.gambit import dumps_efg, loads_efg

    game = _chain_store()
    text = dumps_efg(game)
    back = loads_efg(text)
    assert back == game
    assert back.title == game.title
    assert [s.label for s in back.information_sets] == [s.label for s in game.information_sets]
    assert back.to_normal_form() == game.to_normal_form()


def test_efg_reads_optional_parts_and_internal_outcomes():
    from deterrence.io.gambit import loads_efg

    # the second member of information set 1 omits its actions; outcome 1 is reused without
    # payoffs; outcome 3 at a non-terminal node adds to the payoffs below it
    text = """EFG 2 R "t" { "a" "b" }
    p "" 1 1 "first" { "x" "y" } 3 "bonus" { 1 0 }
    p "" 2 1 "B" { "l" "r" } 0
    t "" 1 "one" { 2 2 }
    t "" 0
    p "" 2 1 0
    t "" 1
    t "" 2 "two" { 0 5 }
    """
    game = loads_efg(text)
    assert game.num_nodes == 7
    assert game.information_sets[1].members == (("x",), ("y",))
    payoffs = sorted(tuple(row) for row in game._tree.payoffs.tolist())
    assert payoffs == [(1, 0), (1, 5), (3, 2), (3, 2)]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('EFG 1 R "" { "a" }\nt "" 0', 1, "version 2"),
        ('EFG 2 R "" { "a" }\nq "" 0', 2, "expected a node"),
        ('EFG 2 R "" { "a" }\np "" 2 1 "" { "x" } 0\nt "" 0', 2, "out of range"),
        ('EFG 2 R "" { "a" }\np "" 1 1 0\nt "" 0', 2, "used before its actions"),
        ('EFG 2 R "" { "a" }\np "" 1 1 "" { "x" } 0\nt "" 4', 3, "used before its payoffs"),
        ('EFG 2 R "" { "a" "b" }\nt "" 1 "" { 1 }', 2, "expected one for each"),
        ('EFG 2 R "" { "a" }\np "" 1 1 "" { "x" "y" } 0\nt "" 0', 3, "found end of file"),
    ],
)
def test_malformed_efg_names_source_and_line(text, line, words):
    from deterrence.io.gambit import loads_efg

    with pytest.raises(InvalidGameError) as info:
        loads_efg(text, source="bad.efg")
    assert f"bad.efg, line {line}" in str(info.value)
    assert words in str(info.value)


def test_bad_chance_probabilities_are_reported_with_the_file():
    from deterrence.io.gambit import loads_efg

    with pytest.raises(InvalidGameError, match="bad.efg.*sum"):
        loads_efg(
            'EFG 2 R "" { "a" }\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 0\nt "" 0', source="bad.efg"
        )


def test_write_efg_rejects_parametric_trees_and_non_games(tmp_path):
    from deterrence.exceptions import UnsupportedGameError
    from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    from deterrence.io.gambit import dumps_efg, read_efg, write_efg

    with pytest.raises(InvalidGameError, match="ExtensiveFormGame"):
        dumps_efg([[1, 2]])
    parametric = ExtensiveFormGame.build(
        players=("a",), root=decision("a", {"x": terminal("c"), "y": terminal(0)})
    )
    with pytest.raises(UnsupportedGameError, match="game.at"):
        dumps_efg(parametric)
    path = write_efg(parametric.at(c=2), tmp_path / "g.efg")
    assert read_efg(path) == parametric.at(c=2)
    assert read_gambit(path) == parametric.at(c=2)


@pytest.mark.gambit
@pytest.mark.parametrize("path", _catalog_files(".efg"), ids=lambda p: p.name)
def test_reads_every_efg_in_the_pygambit_catalog_like_pygambit(path):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (optional 'gambit' extra)")
    from deterrence.io.gambit import dumps_efg, loads_efg, read_efg

    ours = read_efg(path)
    theirs = gbt.read_efg(str(path))
    assert ours.players == tuple(p.label for p in theirs.players)
    assert ours.num_nodes == len(list(theirs.nodes))
    assert ours.num_terminals == sum(n.is_terminal for n in theirs.nodes)
    for index, player in enumerate(theirs.players):
        ours_sets = [s for s in ours.information_sets if s.player == ours.players[index]]
        assert len(ours_sets) == len(list(player.infosets))
    assert loads_efg(dumps_efg(ours)) == ours


@pytest.mark.gambit
def test_pygambit_reads_the_efg_we_write(tmp_path):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (optional 'gambit' extra)")
    from deterrence.io.gambit import write_efg

    game = _chain_store()
    theirs = gbt.read_efg(str(write_efg(game, tmp_path / "g.efg")))
    assert theirs.title == game.title
    assert len(list(theirs.nodes)) == game.num_nodes
    terminals = [n for n in theirs.nodes if n.is_terminal]
    payoffs = sorted(tuple(Fraction(str(n.outcome[p])) for p in theirs.players) for n in terminals)
    assert payoffs == sorted(tuple(row) for row in game._tree.payoffs.tolist())
    assert [len(list(p.infosets)) for p in theirs.players] == [1, 1]


@given(st.text(max_size=200))
def test_fuzz_nfg_and_efg_readers_only_raise_invalid_game_errors(text):
    from deterrence.io.gambit import loads_efg

    for prefix in ("", "NFG 1 R ", "EFG 2 R "):
        try:
            (loads_efg if prefix.startswith("EFG") else loads_nfg)(prefix + text)
        except InvalidGameError:
            pass


def test_normal_form_games_are_written_to_efg_as_simultaneous_trees():
    from deterrence.io.gambit import dumps_efg, loads_efg

    payoffs = np.arange(3 * 2 * 3 * 2).reshape(3, 2, 3, 2) - 7
    game = NormalFormGame(
        payoffs,
        players=("a", "b", "c"),
        strategies=(("x", "y"), ("l", "m", "r"), ("u", "d")),
        title="three",
    )
    tree = loads_efg(dumps_efg(game))
    assert tree.num_terminals == 12
    assert tree.to_normal_form() == game
    assert [s.player for s in tree.information_sets] == ["a", "b", "c"]
