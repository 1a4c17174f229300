"""Presets grounded in the real agreements (issue 13).

Specification (the denial and friend-shoring module docstrings): each preset sets only the
parameters that describe the arrangement. Denial: mitigated share m = p_e s k with
p_e = p + iota (1 - p); coercion deterred iff m > 1 - C/G. Friend-shoring: honouring dominant
iff penalty >= sharing cost; otherwise a stable symmetric honouring equilibrium exists iff
c - iota <= V C(N-1, K-1) h^(K-1) (1-h)^(N-K) at h = (K-1)/(N-1).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from fractions import Fraction as F

import pytest

from deterrence import analyze, solve
from deterrence.exceptions import InvalidGameError
from deterrence.models import get_model
from deterrence.models.denial import denial_credibility_threshold

DENIAL = get_model("denial")
FRIEND_SHORING = get_model("friend_shoring")

# preset -> (mitigated share, least deterring cost share, coalition shares when coerced):
# 1 - m when the coalition shares; 1 (coercion must not pay at all) when it does not
DENIAL_RESULTS = {
    "ipef": (F(36, 125), F(89, 125), True),
    "eu_imera": (F(276, 625), F(349, 625), True),
    "us_japan_cma": (F(7, 250), F(1), False),
}


def mitigated(values):
    p, iota = values["credibility"], values["institutionalisation"]
    return (p + iota * (1 - p)) * values["information_sharing"] * values["coverage"]


def test_every_denial_preset_is_documented_and_only_sets_the_arrangement():
    assert set(DENIAL.presets) == set(DENIAL_RESULTS)
    for preset in DENIAL.presets.values():
        assert set(preset.values) == {
            "credibility",
            "information_sharing",
            "coverage",
            "institutionalisation",
        }
        import deterrence.models.denial as module

        assert f'``"{preset.name}"``' in module.__doc__
        assert "judgement" in module.__doc__


@pytest.mark.parametrize("name", list(DENIAL_RESULTS))
def test_denial_preset_formula(name):
    share, least_cost_share, shares = DENIAL_RESULTS[name]
    values = DENIAL.preset_values(name)
    assert mitigated(values) == share
    sharing_pays = 8 * share + 1 > 2  # damage * m + resilience_dividend > sharing_cost
    assert sharing_pays == shares
    assert least_cost_share == (1 - share if shares else 1)
    game = DENIAL.build(preset=name)
    point = game.resolve()
    assert {k: point[k] for k in values} == values
    # at the default coercer (C/G = 3/10 < 1 - m) coercion goes ahead
    found = {eq.outcome for eq in solve(game.at(), exact=True)}
    assert found == {"(coerce, share)" if shares else "(coerce, not share)"}
    # no credibility in [0, 1] deters: the credibility threshold lies above 1
    threshold = denial_credibility_threshold(
        gain=10,
        cost=3,
        **{k: values[k] for k in ("coverage", "information_sharing", "institutionalisation")},
    )
    assert threshold > 1


@pytest.mark.parametrize("name", list(DENIAL_RESULTS))
def test_denial_preset_cost_threshold_via_thresholds(name):
    """The coercer is deterred above cost = gain (1 - m), found by the analysis layer."""
    from deterrence.analysis import thresholds

    share, least_cost_share, _ = DENIAL_RESULTS[name]
    found = [
        t.value
        for t in thresholds(DENIAL.build(preset=name), "cost", fixed="defaults", domain=(0, 12))
    ]
    assert 10 * least_cost_share in found


@pytest.mark.parametrize("name", list(DENIAL_RESULTS))
def test_denial_preset_via_sweep(name):
    from deterrence.analysis import sweep

    _, least_cost_share, _ = DENIAL_RESULTS[name]
    costs = [k / 4 for k in range(49)]
    frame = sweep(DENIAL.build(preset=name), {"cost": costs}, progress=False)
    for cost, rows in frame.groupby("cost"):
        if F(cost).limit_denominator(4) != 10 * least_cost_share:
            deterred = set(rows["profile"]) <= {"(refrain, share)", "(refrain, not share)"}
            assert deterred == (F(cost).limit_denominator(4) / 10 > least_cost_share), cost


@pytest.mark.parametrize("name", list(DENIAL_RESULTS))
def test_denial_preset_analyses(name):
    report = analyze(DENIAL, values=DENIAL.preset_values(name))
    assert "coerced" in report.to_text()


# ------------------------------------------------------------------ friend-shoring presets
IPEF_PEAK = 6 * math.comb(12, 3) * F(1, 4) ** 3 * F(3, 4) ** 9


def test_friend_shoring_presets_and_the_named_omission():
    import deterrence.models.friend_shoring as module

    assert set(FRIEND_SHORING.presets) == {"ipef", "eu_imera"}
    assert 'No ``"us_japan_cma"`` preset' in module.__doc__


def test_ipef_friend_shoring_fold_three_ways():
    from deterrence.analysis import sweep, thresholds
    from deterrence.solvers.anonymous import solve_anonymous_symmetric

    assert IPEF_PEAK == F(3247695, 2097152)
    fold = 2 - IPEF_PEAK
    assert fold == F(946609, 2097152)
    game = FRIEND_SHORING.build(preset="ipef")
    assert game.num_players == 13
    found = [t.value for t in thresholds(game, "institutionalisation", fixed="defaults")]
    assert found == [fold, 2]
    levels = [0, F(2, 5), F(1, 2), F(1), F(3, 2), F(5, 2)]
    for level in levels:
        stable = [
            eq
            for eq in solve_anonymous_symmetric(game.at(institutionalisation=level))
            if eq.stability == "stable" and eq.probability > 0
        ]
        assert bool(stable) == (level > fold)
    frame = sweep(game, {"institutionalisation": [0.0, 0.25, 0.5, 1.0]}, progress=False)
    assert len(frame) >= 4
    # at the preset (no penalty) the only symmetric equilibrium is "everyone reneges"
    symmetric = solve_anonymous_symmetric(game.at())
    assert [float(eq.probability) for eq in symmetric] == [0.0]


def test_eu_friend_shoring_honouring_is_dominant():
    from deterrence.solvers.anonymous import solve_anonymous_symmetric

    game = FRIEND_SHORING.build(preset="eu_imera")
    values = FRIEND_SHORING.preset_values("eu_imera")
    assert values["institutionalisation"] >= game.resolve()["sharing_cost"]
    stable = [eq for eq in solve_anonymous_symmetric(game.at()) if eq.stability == "stable"]
    assert [eq.probability for eq in stable] == [1]
    report = analyze(FRIEND_SHORING, values=values)
    assert "every partner honours" in report.to_text()


# ----------------------------------------------------------------- registry and command line
def test_build_with_preset_and_overrides():
    game = DENIAL.build(preset="ipef", credibility="9/10")
    assert game.resolve()["credibility"] == F(9, 10)
    assert game.resolve()["coverage"] == F(3, 5)
    with pytest.raises(InvalidGameError, match="no preset 'nato'.*ipef"):
        DENIAL.build(preset="nato")


def test_a_preset_naming_an_unknown_parameter_is_refused():
    import dataclasses

    from deterrence.models._registry import Preset

    with pytest.raises(InvalidGameError, match="unknown parameters"):
        dataclasses.replace(DENIAL, presets={"x": Preset("x", "x", {"trust": 1})})


def call(*args):
    from deterrence.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def test_cli_lists_and_runs_presets():
    code, out, _ = call("models")
    assert code == 0 and "--preset ipef" in out and "--preset us_japan_cma" in out
    code, out, _ = call("models", "--json")
    records = {r["name"]: r for r in json.loads(out)}
    assert records["denial"]["presets"] == ["ipef", "eu_imera", "us_japan_cma"]
    code, out, _ = call("analyze", "denial", "--preset", "ipef")
    assert code == 0
    assert "Preset ipef" in out and "coverage=3/5" in out and "29/384" in out
    code, out, _ = call("analyze", "denial", "--preset", "ipef", "--set", "coverage=1", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["preset"] == "ipef"
    code, _, err = call("analyze", "denial", "--preset", "nato")
    assert code == 2 and "no preset 'nato'" in err
