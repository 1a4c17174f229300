"""Sweeps: frame format, fast path = general path, backends, chunks, checkpoints, Parquet."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from deterrence import NormalFormGame, solve
from deterrence.analysis import grid_points, sweep
from deterrence.analysis.concepts.nash import support_label
from deterrence.exceptions import DegenerateGameWarning, DeterrenceError, InvalidGameError
from deterrence.games import Parameter, ParametricGame


def coercion_game():
    return ParametricGame.from_matrices(
        [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, "1 - 2*credibility"]],
        [[-1, "hoarding - 3"], [1, "hoarding"]],
        [
            Parameter("credibility", domain=(0, 1)),
            Parameter("benefit", default=2),
            Parameter("cost", default=6, domain=(0, 10)),
            Parameter("hoarding", default="1/2", domain=(-1, 2)),
        ],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        title="coercion",
    )


def game_3x3():
    return ParametricGame.from_matrices(
        [["a", 0, "1 - a"], [0, "b", 1], ["1 - b", 1, 0]],
        [[0, "a", 1], ["b", 0, 1], [1, "a - b", 0]],
        [Parameter("a", domain=(-2, 3)), Parameter("b", domain=(-2, 3))],
    )


def game_2x3():
    return ParametricGame.from_matrices(
        [["t", 0, 1], [1, "1 - t", 0]],
        [[1, "t", 0], [0, 1, "2*t - 1"]],
        [Parameter("t", domain=(-1, 2))],
        players=("row", "column"),
        strategies=(("up", "down"), ("left", "middle", "right")),
    )


# dyadic grids: the payoffs are exact in floating point, so thresholds (degenerate games)
# fall exactly on grid points
DYADIC = np.arange(-8, 17) / 8


def test_frame_columns_and_known_values():
    table = sweep(coercion_game(), {"credibility": [0, 0.25, 0.5, 1]}, progress=False)
    assert list(table.columns) == [
        "credibility",
        "benefit",
        "cost",
        "hoarding",
        "point",
        "equilibrium",
        "coercer:coerce",
        "coercer:refrain",
        "coalition:share",
        "coalition:hoard",
        "payoff:coercer",
        "payoff:coalition",
        "is_pure",
        "profile",
        "outcome",
    ]
    # below benefit/(benefit+cost) = 1/4 coercion pays; at 1/4 both extreme equilibria
    assert table["outcome"].astype(str).tolist() == [
        "(coerce, share)",
        "(coerce, share)",
        "(refrain, share)",
        "(refrain, share)",
        "(refrain, share)",
    ]
    assert table["equilibrium"].tolist() == [0, 0, 1, 0, 0]
    assert table["point"].tolist() == [0, 1, 1, 2, 3]
    assert table["credibility"].tolist() == [0, 0.25, 0.25, 0.5, 1]
    assert (table["benefit"] == 2).all() and (table["hoarding"] == 0.5).all()
    assert table["is_pure"].all()
    assert table["payoff:coercer"].tolist() == [2, 0, 0, 0, 0]
    assert table["payoff:coalition"].tolist() == [-1, -1, 1, 1, 1]
    assert isinstance(table["outcome"].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize(
    ("make_game", "grid"),
    [
        (
            coercion_game,
            {
                "credibility": np.arange(0, 9) / 8,
                "hoarding": np.arange(-8, 17) / 8,
                "cost": [0, 2, 6],
            },
        ),
        (game_2x3, {"t": DYADIC[(DYADIC >= -1) & (DYADIC <= 2)]}),
        (game_3x3, {"a": DYADIC[::2], "b": DYADIC[::2]}),
    ],
    ids=["2x2", "2x3", "3x3"],
)
def test_fast_path_equals_general_path_exactly(make_game, grid):
    game = make_game()
    fast = sweep(game, grid, progress=False)
    general = sweep(game, grid, progress=False, fast=False)
    pd.testing.assert_frame_equal(fast, general, check_exact=True)
    assert (fast["equilibrium"] >= 1).any()  # points with several equilibria occur


def test_probabilities_equal_the_exact_solver_at_each_point():
    game = game_3x3()
    grid = {"a": [-1, 0, 0.5, 1], "b": [0, 0.25, 1]}
    table = sweep(game, grid, progress=False)
    columns = [c for c in table.columns if c.startswith(("player 1:", "player 2:"))]
    for (a, b), part in table.groupby(["a", "b"], sort=False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            result = solve(game.at(a=Fraction(a), b=Fraction(b)), exact=True)
        expected = np.array([[float(p) for s in eq.strategies for p in s] for eq in result])
        np.testing.assert_array_equal(part[columns].to_numpy(), expected)
        assert part["profile"].astype(str).tolist() == [
            support_label(game.strategies, eq.support) for eq in result
        ]


def test_pure_method_any_number_of_players():
    payoffs = np.empty((3, 2, 2, 2), dtype=object)
    for i in range(3):
        for s in np.ndindex(2, 2, 2):
            payoffs[(i, *s)] = f"{s[i]}*(c - {sum(s)})"
    game = ParametricGame(payoffs, [Parameter("c", domain=(0, 4))], players=("a", "b", "d"))
    grid = {"c": [0, 0.5, 1, 1.5, 2.5, 3, 3.5]}
    fast = sweep(game, grid, method="pure", progress=False)
    general = sweep(game, grid, method="pure", progress=False, fast=False)
    pd.testing.assert_frame_equal(fast, general, check_exact=True)
    counts = fast.groupby("c")["equilibrium"].count().tolist()
    # u_i = s_i (c - number of ones): ties at c = 1 and c = 3 add equilibria
    assert counts == [1, 1, 4, 3, 3, 4, 1]


def test_dataframe_grid_and_cartesian_order():
    game = coercion_game()
    points = grid_points(game, {"credibility": [0, 1], "hoarding": [0, 1, 2]})
    assert points[["credibility", "hoarding"]].values.tolist() == [
        [0, 0],
        [0, 1],
        [0, 2],
        [1, 0],
        [1, 1],
        [1, 2],
    ]
    frame = pd.DataFrame({"hoarding": [0.0, 2.0], "credibility": [1.0, 0.0]})
    table = sweep(game, frame, progress=False)
    assert table[["credibility", "hoarding"]].drop_duplicates().values.tolist() == [
        [1.0, 0.0],
        [0.0, 2.0],
    ]


def test_chunks_do_not_change_the_frame():
    game = coercion_game()
    grid = {"credibility": np.linspace(0, 1, 21), "hoarding": np.linspace(-1, 2, 13)}
    whole = sweep(game, grid, progress=False)
    chunked = sweep(game, grid, progress=False, chunk_size=17)
    pd.testing.assert_frame_equal(whole, chunked, check_exact=True)


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ({"credibilty": [0]}, r"\['credibilty'\] that the game does not declare"),
        ({"credibility": [0, 1.5]}, r"credibility=1.5 is outside its domain \[0, 1\]"),
        ({"credibility": ["x"]}, "must be numbers"),
        ({"credibility": [np.nan]}, "finite"),
        ({"credibility": []}, "non-empty"),
        ([0, 1], "mapping"),
    ],
)
def test_bad_grids(grid, message):
    with pytest.raises(InvalidGameError, match=message):
        sweep(coercion_game(), grid, progress=False)


def test_bad_options():
    game = coercion_game()
    with pytest.raises(InvalidGameError, match="unknown backend 'gpu'"):
        sweep(game, {"credibility": [0]}, backend="gpu", progress=False)
    with pytest.raises(InvalidGameError, match="unknown method"):
        sweep(game, {"credibility": [0]}, method="magic", progress=False)
    with pytest.raises(InvalidGameError, match="chunk_size"):
        sweep(game, {"credibility": [0]}, chunk_size=0, progress=False)
    no_default = ParametricGame([["x * y"]], ["x", "y"])
    with pytest.raises(InvalidGameError, match=r"\['y'\] are neither in the grid"):
        sweep(no_default, {"x": [1]}, progress=False)


def test_normal_form_game_is_swept_as_a_constant():
    stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    table = sweep(stag, {}, progress=False)
    assert table["outcome"].astype(str).tolist() == [
        "(s1, s1)",
        "(mix of s1 and s2, mix of s1 and s2)",
        "(s2, s2)",
    ]
    assert table["player 1:s1"].tolist() == [1.0, 0.75, 0.0]


def test_processes_backend_gives_the_same_frame():
    game = coercion_game()
    grid = {"credibility": np.linspace(0, 1, 11), "hoarding": np.linspace(-1, 2, 7)}
    serial = sweep(game, grid, progress=False, chunk_size=20)
    pooled = sweep(game, grid, progress=False, chunk_size=20, backend="processes", workers=2)
    pd.testing.assert_frame_equal(serial, pooled, check_exact=True)


def test_dask_backend_with_local_cluster():
    distributed = pytest.importorskip("dask.distributed")
    game = coercion_game()
    grid = {"credibility": np.linspace(0, 1, 11), "hoarding": np.linspace(-1, 2, 7)}
    serial = sweep(game, grid, progress=False, chunk_size=20)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = sweep(game, grid, progress=False, chunk_size=20, backend="dask", client=client)
    pd.testing.assert_frame_equal(serial, on_dask, check_exact=True)


def test_parquet_output_streams_the_same_rows(tmp_path):
    pytest.importorskip("pyarrow")
    game = coercion_game()
    grid = {"credibility": np.linspace(0, 1, 11), "hoarding": np.linspace(-1, 2, 7)}
    expected = sweep(game, grid, progress=False)
    path = sweep(game, grid, progress=False, chunk_size=10, out=tmp_path / "sweep.parquet")
    assert path == tmp_path / "sweep.parquet"
    read = pd.read_parquet(path)
    for column in expected.columns:  # categorical columns are stored as text
        if isinstance(expected[column].dtype, pd.CategoricalDtype):
            expected[column] = expected[column].astype(str)
            read[column] = read[column].astype(str)
    pd.testing.assert_frame_equal(read, expected, check_exact=True)


def test_checkpoint_reuses_chunks_and_rejects_another_sweep(tmp_path):
    game = coercion_game()
    grid = {"credibility": np.linspace(0, 1, 11)}
    first = sweep(game, grid, progress=False, chunk_size=3, checkpoint=tmp_path / "ck")
    chunks = sorted((tmp_path / "ck").glob("chunk-*.npz"))
    assert len(chunks) == 4
    stamps = [c.stat().st_mtime_ns for c in chunks]
    again = sweep(game, grid, progress=False, chunk_size=3, checkpoint=tmp_path / "ck")
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    assert [c.stat().st_mtime_ns for c in chunks] == stamps  # nothing recomputed
    with pytest.raises(DeterrenceError, match="belongs to a different sweep"):
        sweep(
            game, {"credibility": [0, 1]}, progress=False, chunk_size=3, checkpoint=tmp_path / "ck"
        )


SCRIPT = textwrap.dedent("""
    import sys
    import numpy as np
    sys.path.insert(0, {tests!r})
    from test_sweep import coercion_game
    from deterrence.analysis import sweep
    grid = {{"credibility": np.linspace(0, 1, 41), "hoarding": np.linspace(-1, 2, 41)}}
    sweep(coercion_game(), grid, progress=False, fast=False, chunk_size=41,
          checkpoint=sys.argv[1])
    print("finished")
""")


def test_interrupted_sweep_resumes_to_the_same_frame(tmp_path):
    """Kill a real process mid-sweep (SIGKILL), then resume from its checkpoint."""
    script = tmp_path / "run_sweep.py"
    script.write_text(SCRIPT.format(tests=os.path.dirname(__file__)))
    checkpoint = tmp_path / "checkpoint"
    process = subprocess.Popen(
        [sys.executable, str(script), str(checkpoint)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if len(list(checkpoint.glob("chunk-*.npz"))) >= 3:
                break
            if process.poll() is not None:
                pytest.fail(f"sweep process ended early: {process.stderr.read().decode()}")
            time.sleep(0.02)
        else:
            pytest.fail("no checkpoint chunks appeared within 60 s")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    done = sorted(checkpoint.glob("chunk-*.npz"))
    assert 3 <= len(done) < 41, "the sweep should have been interrupted part-way"
    assert not list(checkpoint.glob("*.tmp")) or True  # half-written files are never used
    stamps = {c.name: c.stat().st_mtime_ns for c in done}
    game = coercion_game()
    grid = {"credibility": np.linspace(0, 1, 41), "hoarding": np.linspace(-1, 2, 41)}
    resumed = sweep(game, grid, progress=False, fast=False, chunk_size=41, checkpoint=checkpoint)
    fresh = sweep(game, grid, progress=False, fast=False, chunk_size=41)
    pd.testing.assert_frame_equal(resumed, fresh, check_exact=True)
    for name, stamp in stamps.items():  # finished chunks were reused, not recomputed
        assert (checkpoint / name).stat().st_mtime_ns == stamp


def test_progress_bar_runs(capsys):
    sweep(coercion_game(), {"credibility": [0, 1]}, progress=True)


def test_dask_backend_starts_its_own_local_cluster():
    pytest.importorskip("dask.distributed")
    game = coercion_game()
    grid = {"credibility": [0, 0.5, 1], "hoarding": [0, 1.5]}
    from deterrence.analysis import backends

    try:
        on_dask = sweep(game, grid, progress=False, chunk_size=2, backend="dask", workers=1)
    finally:
        backends.shutdown()  # the kept cluster would otherwise live until pytest exits
    pd.testing.assert_frame_equal(sweep(game, grid, progress=False), on_dask, check_exact=True)


# ---------------------------------------------------------------------- point ids (issue 15)
def matching_pennies_with_x():
    return ParametricGame.from_matrices([["x", 0], [0, 1]], [[0, 1], [1, 0]], [Parameter("x")])


@pytest.mark.parametrize("fast", [None, False])
def test_point_ids_number_grid_points_even_without_rows(fast):
    # x > 0: no pure equilibrium, so points 1, 3 and 4 have no rows; equal points repeat
    grid = pd.DataFrame({"x": [-1.0, 1.0, -1.0, 1.0, 1.0, -2.0]})
    table = sweep(
        matching_pennies_with_x(), grid, method="pure", progress=False, chunk_size=4, fast=fast
    )
    assert table["point"].tolist() == [0, 2, 5]
    assert table["x"].tolist() == [-1.0, -1.0, -2.0]
    assert list(table.columns[:3]) == ["x", "point", "equilibrium"]


def test_point_ids_are_stable_across_chunks_backends_and_resume(tmp_path):
    grid = {"credibility": np.arange(0, 9) / 8, "hoarding": [-1, 0.5, 2]}
    whole = sweep(coercion_game(), grid, progress=False)
    assert whole["point"].is_monotonic_increasing
    assert whole["point"].max() == 26 and whole["point"].nunique() == 27
    points = grid_points(coercion_game(), grid)
    np.testing.assert_array_equal(
        points["credibility"].to_numpy()[whole["point"]], whole["credibility"]
    )
    chunked = sweep(coercion_game(), grid, progress=False, chunk_size=4, fast=False)
    pd.testing.assert_frame_equal(whole, chunked, check_exact=True)
    checkpoint = tmp_path / "points"
    sweep(coercion_game(), grid, progress=False, chunk_size=5, checkpoint=checkpoint)
    resumed = sweep(coercion_game(), grid, progress=False, chunk_size=5, checkpoint=checkpoint)
    pd.testing.assert_frame_equal(whole, resumed, check_exact=True)
    assert resumed.groupby("point")["equilibrium"].max().max() >= 1  # rows of one point group


def test_the_general_path_lists_each_equilibrium_of_a_point_once():
    # payoffs over 24 orders of magnitude: two solver answers polish to one vertex
    game = ParametricGame.from_matrices(
        [["t*-1e9", "0.3", "-0.05"], ["-2e-12", "4e-7", "6e5"], ["4e-10", "-4e12", "1e-12"]],
        [["-5e12", "-5e-5", "-0.5"], ["10", "3e-5", "-3e-7"], ["2e-11", "0", "-4e12"]],
        [Parameter("t", default=1)],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        general = sweep(game, {"t": [1.0, 1.0]}, progress=False, fast=False)
        fast = sweep(game, {"t": [1.0, 1.0]}, progress=False, fast=True)
    probabilities = [c for c in general.columns if ":" in c and not c.startswith("payoff")]
    assert not general.duplicated(["point", *probabilities]).any()
    assert general["equilibrium"].tolist() == [0, 1, 2, 3, 4] * 2
    pd.testing.assert_frame_equal(fast, general, check_exact=True)
