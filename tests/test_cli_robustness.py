"""``deterrence robustness``: the command is a thin layer over deterrence.robustness()."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import call

pytest.importorskip("SALib", reason="SALib is in the test extra")


def test_exact_probability_for_one_uniform_parameter_as_json(tmp_path):
    figure = tmp_path / "robustness.png"
    done = call(
        "robustness",
        "denial",
        "--dist",
        "credibility=uniform:0.4:0.9",
        "--json",
        "--samples",
        "64",
        "--seed",
        "1",
        "--plot",
        figure,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    rows = {r["outcome"]: r for r in data["probabilities"]}
    assert rows["coercion deterred"]["probability"] == "29/405"
    assert rows["coercion deterred"]["method"] == "exact"
    assert data["distributions"] == {"credibility": "uniform on [2/5, 9/10]"}
    assert figure.exists() and data["plot"] == str(figure)


def test_text_with_two_distributions_and_a_fixed_value():
    done = call(
        "robustness",
        "denial",
        "--dist",
        "credibility=uniform:0.4:0.9",
        "--dist",
        "coverage=beta:8:2",
        "--set",
        "gain=12",
        "--samples",
        "64",
        "--seed",
        "2",
    )
    assert done.returncode == 0, done.stderr
    assert "coverage ~ beta(8, 2) on [0, 1]" in done.stdout
    assert "(quasi-Monte Carlo)" in done.stdout and "Sobol' indices" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dist", "credibility=gamma:1"), "unknown shorthand 'gamma'"),
        (("--dist", "credibility"), "expected NAME=SPEC"),
        ((), "at least one --dist"),
        (("--dist", "credibilty=uniform:0:1"), "credibilty"),
    ],
)
def test_bad_distributions_are_named(args, message):
    done = call("robustness", "denial", *args, "--samples", "64")
    assert done.returncode != 0
    assert message in done.stderr
