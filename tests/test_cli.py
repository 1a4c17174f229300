"""The ``deterrence`` command run end to end in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scenarios" / "coercer_vs_coalition.toml"


def _command() -> list[str]:
    script = Path(sys.executable).parent / "deterrence"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "deterrence.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="ignore")
    return subprocess.run(
        [*_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def call(*args: str) -> subprocess.CompletedProcess:
    """Run ``main`` in this process (same behaviour, no interpreter start-up)."""
    import contextlib
    import io

    from deterrence.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_help_everywhere_documents_exit_codes():
    top = run("--help")  # one real subprocess
    assert top.returncode == 0
    for command in ("models", "analyze", "solve", "sweep", "convert"):
        assert command in top.stdout
        sub = call(command, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "exit codes" in sub.stdout and "--json" in sub.stdout


def test_no_command_and_unknown_command_are_usage_errors():
    assert call().returncode == 2
    bogus = run("bogus")  # a real process: argparse errors must not escape as tracebacks
    assert bogus.returncode == 2
    assert "invalid choice" in bogus.stderr
    assert call("solve").returncode == 2  # missing FILE
    assert call("sweep", "denial", "--backend", "gpu").returncode == 2


def test_models_lists_the_catalog_as_text_and_json():
    text = call("models")
    assert text.returncode == 0
    assert "denial" in text.stdout and "prisoners_dilemma" in text.stdout
    listing = json.loads(call("models", "--json").stdout)
    names = {row["name"] for row in listing}
    assert {"denial", "prisoners_dilemma"} <= names
    assert all({"name", "story", "kind", "parameters"} <= set(row) for row in listing)


def test_analyze_prisoners_dilemma_in_words_and_json():
    text = call("analyze", "prisoners_dilemma")
    assert text.returncode == 0, text.stderr
    assert "1 Nash equilibrium" in text.stdout
    assert "bloc A plays defect; bloc B plays defect" in text.stdout
    payload = json.loads(run("analyze", "prisoners_dilemma", "--json").stdout)
    # issue 12: "outcome" is the model's words, the raw profile is "profile"
    assert [eq["outcome"] for eq in payload["equilibria"]] == ["mutual defection"]
    assert [eq["profile"] for eq in payload["equilibria"]] == ["(defect, defect)"]
    assert payload["equilibria"][0]["payoffs"] == {"bloc A": 1.0, "bloc B": 1.0}
    assert payload["concept"] == "nash" and payload["game_type"] == "prisoner's dilemma"


def test_analyze_denial_names_the_key_parameter_and_result():
    result = call("analyze", "denial", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["key_parameter"] == "credibility"
    assert "credibility" in payload["key_result"]
    assert [eq["outcome"] for eq in payload["equilibria"]] == ["coerced, coalition shares"]
    assert [t["value_exact"] for t in payload["thresholds"]] == ["25/162", "70/81"]
    assert [r["label"] for r in payload["regimes"]] == [
        "coerced, unopposed",
        "coerced, coalition shares",
        "coercion deterred",
    ]


def test_analyze_scenario_file_with_set_changes_the_equilibrium():
    low = json.loads(call("analyze", EXAMPLE, "--set", "credibility=0.5", "--json").stdout)
    high = json.loads(call("analyze", EXAMPLE, "--set", "credibility=9/10", "--json").stdout)
    assert [eq["outcome"] for eq in low["equilibria"]] == ["(coerce, share)"]  # no words
    (mixed,) = high["equilibria"]
    assert mixed["strategies"]["coercer"]["coerce"] < 1
    assert high["parameters"]["credibility"] == 0.9


def test_solve_exact_json_gives_exact_strings():
    result = call("solve", EXAMPLE, "--exact", "--set", "credibility=0.9", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    (eq,) = payload["equilibria"]
    # The coalition mixes to make the coercer indifferent: 10*(1 - 0.9*p) - 2 = 0 -> p = 8/9.
    assert eq["strategies_exact"]["coalition"]["share"] == "8/9"
    assert abs(eq["strategies"]["coalition"]["share"] - 8 / 9) < 1e-12


def test_solve_table_and_method_option(tmp_path):
    result = call("solve", EXAMPLE, "--method", "pure")
    assert result.returncode == 0, result.stderr
    assert "(coerce, share)" in result.stdout
    dilemma = EXAMPLE.with_name("security_dilemma.toml")  # does not ask for exact arithmetic
    floats = json.loads(call("solve", dilemma, "--method", "nashpy", "--json").stdout)
    assert floats["method"] == "nashpy" and floats["exact"] is False  # falls back to floats
    assert call("solve", dilemma, "--method", "nashpy", "--exact").returncode == 1
    unknown = call("solve", EXAMPLE, "--method", "magic", "--json")
    assert unknown.returncode == 1
    assert "unknown method" in json.loads(unknown.stdout)["error"]


@pytest.mark.parametrize(
    ("content", "suffix", "words"),
    [
        (
            'title = "x"\n[[players]]\nname = "a"\nstrategies = []\n',
            ".toml",
            "line 4, field players[0].strategies",
        ),
        ("this is not toml = = 3", ".toml", "line 1"),
        ('NFG 1 R "" { "a" "b" } { 2 2 }\n1 2 3', ".nfg", "line 2"),
        ("hello", ".nfg", "not a Gambit file"),
    ],
)
def test_bad_files_exit_1_and_say_where(tmp_path, content, suffix, words):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content)
    result = call("solve", path)
    assert result.returncode == 1
    assert str(path) in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_file_in_a_real_process_has_no_traceback(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[players]]\nname = 3\nstrategies = ["a"]\n')
    result = run("solve", path, "--json")
    assert result.returncode == 1
    assert "line 2, field players[0].name" in json.loads(result.stdout)["error"]
    assert "Traceback" not in result.stderr


def test_missing_file_unknown_type_and_unknown_model():
    assert call("solve", "missing.toml").returncode == 1
    assert call("solve", "notes.txt").returncode == 2
    unknown = call("analyze", "no_such_model", "--json")
    assert unknown.returncode == 2
    assert "neither a model nor a file" in json.loads(unknown.stdout)["error"]
    assert call("analyze", "denial", "--set", "credibility").returncode == 2
    assert call("analyze", "denial", "--set", "credibility=7").returncode == 1  # outside [0, 1]


def test_misspelt_model_and_parameter_names_get_a_did_you_mean():
    model = call("analyze", "denail", "--json")
    assert model.returncode == 2
    assert "did you mean 'denial'?" in json.loads(model.stdout)["error"]
    for args in (
        ("analyze", "denial", "--set", "credibilty=0.5"),
        ("analyze", "denial", "--parameter", "credibilty"),
        ("sweep", "denial", "--grid", "credibilty=0:1:3"),
    ):
        result = call(*args, "--json")
        assert result.returncode in (1, 2), args
        error = json.loads(result.stdout)["error"]
        assert "unknown parameter 'credibilty' (did you mean 'credibility'?)" in error, args
        assert "Traceback" not in result.stderr


def test_convert_round_trip_between_formats(tmp_path):
    nfg = tmp_path / "game.nfg"
    assert call("convert", EXAMPLE, nfg, "--set", "credibility=0.9").returncode == 0
    toml = tmp_path / "game.toml"
    assert call("convert", nfg, toml, "--json").returncode == 0
    outcome = tmp_path / "outcome.nfg"
    assert call("convert", toml, outcome, "--nfg-format", "outcome").returncode == 0
    solved = json.loads(call("solve", outcome, "--exact", "--json").stdout)
    assert solved["equilibria"][0]["strategies_exact"]["coalition"]["share"] == "8/9"
    tree = tmp_path / "game.efg"
    assert call("convert", outcome, tree).returncode == 0
    solved = json.loads(call("solve", tree, "--exact", "--json").stdout)
    assert solved["equilibria"][0]["strategies_exact"]["coalition"]["share"] == "8/9"
    assert call("convert", EXAMPLE, tmp_path / "game.xlsx").returncode == 2


def test_sweep_writes_csv_and_reports_rows(tmp_path):
    out = tmp_path / "sweep.csv"
    result = run("sweep", EXAMPLE, "--grid", "credibility=0:1:5", "--out", out, "--json")
    if result.returncode == 1 and "not available" in result.stderr:
        pytest.skip("deterrence.analysis.sweep has not landed")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["rows"] >= 5
    import pandas as pd

    frame = pd.read_csv(out)
    assert "credibility" in frame.columns
    assert sorted(set(frame["credibility"].round(6))) == [0, 0.25, 0.5, 0.75, 1]
    bad = call("sweep", EXAMPLE, "--grid", "credibility=0:1")
    assert bad.returncode == 2
    unknown = call("sweep", EXAMPLE, "--grid", "nothing=0:1:3")
    assert unknown.returncode == 1


def test_analyze_and_sweep_write_regime_maps(tmp_path):
    png = tmp_path / "denial.png"
    result = call("analyze", "denial", "--plot", png, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plot"] == str(png)
    assert png.read_bytes()[:4] == b"\x89PNG"
    svg = tmp_path / "map.svg"
    out = tmp_path / "sweep.parquet"
    result = call(
        "sweep",
        "denial",
        "--grid",
        "credibility=0:1:5",
        "--grid",
        "coverage=0:1:3",
        "--out",
        out,
        "--plot",
        svg,
    )
    assert result.returncode == 0, result.stderr
    assert svg.read_text().lstrip().startswith("<?xml")
    import pandas as pd

    frame = pd.read_parquet(out)
    assert len(frame) >= 15 and {"credibility", "coverage", "outcome"} <= set(frame.columns)
    assert call("analyze", "prisoners_dilemma", "--plot", tmp_path / "x.png").returncode == 0


def test_sweep_of_a_model_defaults_to_its_key_parameter(tmp_path):
    result = call("sweep", "denial", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert list(payload["grid"]) == ["credibility"] and payload["rows"] >= 21
    listed = json.loads(call("sweep", EXAMPLE, "--grid", "credibility=0,0.5,1", "--json").stdout)
    assert [row["credibility"] for row in listed["records"]] == [0, 0.5, 1]


def test_analyze_extensive_and_anonymous_models():
    # issue 12: a tree's own concept is subgame perfection; its equilibria are listed once
    sequential = json.loads(call("analyze", "denial_sequential", "--json").stdout)
    assert sequential["game_kind"] == "ExtensiveFormGame"
    assert sequential["concept"] == "subgame_perfect"
    (spe,) = sequential["equilibria"]
    assert "persist" in spe["profile"] and spe["outcome"] == "coerced, coalition shares"
    assert [t["value_exact"] for t in sequential["thresholds"]][-1] == "70/81"
    text = call("analyze", "denial_sequential", "--set", "credibility=0.9").stdout
    assert "subgame-perfect" in text and "coercion deterred" in text
    coalition = json.loads(call("analyze", "friend_shoring", "--json").stdout)
    assert coalition["concept"] == "anonymous"
    # symmetric equilibria: the share of partners honouring (the pure one at 0 is "all renege")
    shares = sorted(
        round(e["strategies"]["partner"]["honour"], 4)
        for e in coalition["equilibria"]
        if not e["is_pure"]
    )
    assert shares == [0.3804, 0.6196]
    institutions = json.loads(
        call("analyze", "friend_shoring", "--set", "institutionalisation=3", "--json").stdout
    )
    assert [e["profile"] for e in institutions["equilibria"]] == ["all honour"]
    assert [e["outcome"] for e in institutions["equilibria"]] == [
        "commitment holds: every partner honours"
    ]


# ---------------------------------------------------------------- anonymous N-player models
# friend_shoring: N partners honour or renege, coercion defeated once K honour (defaults
# N=5, K=3, value 6, sharing_cost 2). Honouring is dominant once institutionalisation
# reaches sharing_cost (the model's key result), so the threshold sits at sharing_cost.


def test_analyze_friend_shoring_explains_equilibria_and_threshold():
    result = run("analyze", "friend_shoring")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "5 partners (num_partners=5, quorum=3)" in text
    # issue 12: one list of the concept's equilibria; "all renege" in the model's words
    assert "4 count and symmetric equilibria" in text and "3 of 5 honour" in text
    assert "every partner reneges -- all renege" in text and "(unstable)" in text
    assert "Thresholds in institutionalisation over [0, 4]:" in text
    # the model's words for "all honour" (issue 12: outcomes in the analyst's words)
    assert "institutionalisation = 2," in text and "every partner honours" in text


def test_analyze_friend_shoring_json_and_set_values():
    payload = json.loads(call("analyze", "friend_shoring", "--json").stdout)
    assert payload["structural"] == {"num_partners": 5, "quorum": 3}
    assert payload["parameters"] == {"value": 6, "sharing_cost": 2, "institutionalisation": 0}
    assert [(t["parameter"], t["value_exact"]) for t in payload["thresholds"]] == [
        ("institutionalisation", "2")
    ]
    assert {"expression", "description", "value"} <= set(payload["thresholds"][0])
    pure = [e["profile"] for e in payload["equilibria"] if e["is_pure"]]
    assert pure == ["3 of 5 honour", "all renege"]
    symmetric = [e for e in payload["equilibria"] if e["is_symmetric"]]
    assert [e["stability"] for e in symmetric] == ["stable", "unstable", "stable"]
    # a dearer commitment needs a stronger institution: the threshold moves to 3
    dearer = json.loads(
        call("analyze", "friend_shoring", "--set", "sharing_cost=3", "--json").stdout
    )
    assert dearer["parameters"]["sharing_cost"] == 3
    assert [t["value_exact"] for t in dearer["thresholds"]][-1] == "3"
    assert "2" not in [t["value_exact"] for t in dearer["thresholds"]]


def test_analyze_friend_shoring_structural_sizes_rebuild_the_game():
    result = call(
        "analyze", "friend_shoring", "--set", "num_partners=7", "--set", "quorum=4", "--json"
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["size"]["members"] == 7
    assert payload["structural"] == {"num_partners": 7, "quorum": 4}
    assert "4 of 7 honour" in [e["profile"] for e in payload["equilibria"]]
    assert [t["value_exact"] for t in payload["thresholds"]][-1] == "2"
    text = call("analyze", "friend_shoring", "--set", "num_partners=7", "--set", "quorum=4")
    assert "7 partners (num_partners=7, quorum=4)" in text.stdout


def test_analyze_anonymous_input_errors_exit_1_with_the_names():
    unknown = call("analyze", "friend_shoring", "--set", "nothing=1", "--json")
    assert unknown.returncode == 1
    message = json.loads(unknown.stdout)["error"]
    assert "nothing" in message and "sharing_cost" in message and "num_partners" in message
    structural = call("analyze", "friend_shoring", "--parameter", "quorum")
    assert structural.returncode == 1 and "structural" in structural.stderr
    assert call("analyze", "friend_shoring", "--set", "quorum=9").returncode == 1  # > N
    assert call("analyze", "friend_shoring", "--set", "sharing_cost=-1").returncode == 1
    assert call("analyze", "friend_shoring", "--method", "lemke_howson").returncode == 1


def test_analyze_anonymous_plot_and_swing_states(tmp_path):
    png = tmp_path / "coalition.png"
    result = call("analyze", "friend_shoring", "--plot", png)
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert f"Regime map written to {png}" in result.stdout
    # swing states tip at the share (3 - 1 + 1)/(3 + 4) = 3/7 of aligned others
    states = json.loads(call("analyze", "swing_states", "--json").stdout)
    assert states["size"]["members"] == 20
    mixed = [e for e in states["equilibria"] if not e["is_pure"]]
    assert [e["stability"] for e in mixed] == ["unstable"]
    assert mixed[0]["strategies"]["state"]["align"] == pytest.approx(3 / 7)
    assert [t["value_exact"] for t in states["thresholds"]] == ["4"]


def test_sweep_friend_shoring_writes_csv_and_refuses_structural_grids(tmp_path):
    out = tmp_path / "coalition.csv"
    result = run(
        "sweep", "friend_shoring", "--grid", "institutionalisation=0:4:5", "--out", out, "--json"
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["structural"] == {"num_partners": 5, "quorum": 3}
    import pandas as pd

    frame = pd.read_csv(out)
    assert len(frame) == payload["rows"]
    assert {"institutionalisation", "partner:honour", "stability", "outcome"} <= set(frame)
    column = "profile"  # the raw label ("outcome" holds the model's words, issue 12)
    by_value = frame.groupby("institutionalisation")[column].apply(set)
    assert "3 of 5 honour" in by_value[0] and by_value[4] == {"all honour"}
    bigger = json.loads(
        call(
            "sweep",
            "friend_shoring",
            "--set",
            "num_partners=7",
            "--set",
            "quorum=4",
            "--grid",
            "sharing_cost=1,5",
            "--json",
        ).stdout
    )
    assert "4 of 7 honour" in {row[column] for row in bigger["records"]}
    structural = call("sweep", "friend_shoring", "--grid", "quorum=1:3:3")
    assert structural.returncode == 1 and "--set quorum" in structural.stderr
    assert call("sweep", "friend_shoring").returncode == 0  # the key parameter by default


def test_convert_anonymous_model_to_its_normal_form(tmp_path):
    nfg = tmp_path / "coalition.nfg"
    result = call(
        "convert",
        "friend_shoring",
        nfg,
        "--set",
        "num_partners=3",
        "--set",
        "quorum=2",
        "--set",
        "institutionalisation=3",
    )
    assert result.returncode == 0, result.stderr
    solved = json.loads(call("solve", nfg, "--method", "pure", "--json").stdout)
    assert solved["players"] == ["partner 1", "partner 2", "partner 3"]
    assert [eq["outcome"] for eq in solved["equilibria"]] == ["(honour, honour, honour)"]
    too_big = call("convert", "swing_states", tmp_path / "states.nfg")
    assert too_big.returncode == 1
    assert "2^20 profiles" in too_big.stderr and "--set num_states" in too_big.stderr


def test_analyze_tree_reports_subgame_perfect_first_moves_and_falls_back_to_pure():
    done = call("analyze", "sanctions_government")
    assert done.returncode == 0, done.stderr
    assert (
        "subsidise in every subgame-perfect equilibrium for security_weight in "
        "(147/50, inf)" in done.stdout
    )
    assert (
        "no subsidy in every subgame-perfect equilibrium for security_weight in "
        "[0, 147/50)" in done.stdout
    )
    # issue 12: the tree's own concept, subgame perfection, solves the 3-player tree by
    # backward induction; no Nash fallback to pure equilibria of its strategic form
    assert "Solution concept: subgame-perfect equilibria" in done.stdout
    assert "pure equilibria only" not in done.stdout
    payload = json.loads(call("analyze", "denial_sequential", "--json").stdout)
    moves = {m["action"]: m["region"] for m in payload["credible_moves"]}
    assert moves == {"coerce": "[0, 70/81)", "refrain": "(70/81, 1]"}
    # an explicit method is never replaced
    done = call("analyze", "sanctions_government", "--method", "auto")
    assert done.returncode != 0 or "pure equilibria only" not in done.stdout


def test_sweep_budget_names_the_command_line_option_and_max_points_opts_in():
    refused = call("sweep", "denial", "--grid", "credibility=0:1:3", "--max-points", "2")
    assert refused.returncode != 0
    assert "the grid has 3 points" in refused.stderr and "--max-points 3" in refused.stderr
    allowed = call("sweep", "denial", "--grid", "credibility=0:1:3", "--max-points", "3")
    assert allowed.returncode == 0, allowed.stderr
    bad = call("sweep", "denial", "--grid", "credibility=0:1:3", "--max-points", "many")
    assert bad.returncode != 0 and "--max-points" in bad.stderr and "'many'" in bad.stderr
