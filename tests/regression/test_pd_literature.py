"""Published results on the repeated prisoner's dilemma, each case citing its source.

Standard payoffs (T, R, P, S) = (5, 3, 1, 0) of Axelrod's tournaments unless stated.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from deterrence.analysis.tournament import long_run_payoffs
from deterrence.games.automata import ALLD, GRIM, GTFT, TFT, WSLS
from deterrence.games.repeated import prisoners_dilemma
from deterrence.solvers.evolutionary import fixation_probability
from deterrence.solvers.repeated import (
    critical_discount,
    generous_tit_for_tat_generosity,
    grim_trigger_threshold,
    imperfect_monitoring_threshold,
    minmax_values,
    tit_for_tat_threshold,
    win_stay_lose_shift_threshold,
)

AXELROD = prisoners_dilemma(5, 3, 1, 0)


@pytest.mark.parametrize(
    ("source", "compute", "expected"),
    [
        # Friedman (1971); Fudenberg and Tirole (1991), sec. 5.1: delta >= (T-R)/(T-P)
        ("Friedman 1971 grim trigger", lambda: grim_trigger_threshold(AXELROD), Fraction(1, 2)),
        (
            "Friedman 1971 grim trigger, automaton check",
            lambda: critical_discount(AXELROD, (GRIM, GRIM)),
            Fraction(1, 2),
        ),
        # Axelrod (1984), Proposition 2 (Axelrod and Hamilton 1981): w >= max(2/4, 2/3)
        (
            "Axelrod 1984 TFT collectively stable",
            lambda: tit_for_tat_threshold(AXELROD),
            Fraction(2, 3),
        ),
        (
            "Axelrod 1984 TFT, automaton check",
            lambda: critical_discount(AXELROD, (TFT, TFT), equilibrium="nash"),
            Fraction(2, 3),
        ),
        # Nowak and Sigmund (1992); Molander (1985): min(1 - 2/3, 2/4) = 1/3
        (
            "Nowak and Sigmund 1992 GTFT generosity",
            lambda: generous_tit_for_tat_generosity(AXELROD),
            Fraction(1, 3),
        ),
        # Fudenberg and Maskin (1990); Imhof, Fudenberg and Nowak (2007): (T-R)/(R-P)
        (
            "WSLS subgame perfect, (4, 3, 1, 0)",
            lambda: win_stay_lose_shift_threshold(prisoners_dilemma(4, 3, 1, 0)),
            Fraction(1, 2),
        ),
        (
            "WSLS subgame perfect, automaton check",
            lambda: critical_discount(prisoners_dilemma(4, 3, 1, 0), (WSLS, WSLS)),
            Fraction(1, 2),
        ),
        # Axelrod's payoffs have 2R = T + P: WSLS is never subgame perfect (Nowak and Sigmund
        # 1993 note WSLS needs R > (T + P)/2 to resist ALLD)
        (
            "WSLS never SPE for (5, 3, 1, 0)",
            lambda: critical_discount(AXELROD, (WSLS, WSLS)),
            sympy.oo,
        ),
        # Fudenberg and Maskin (1986): the PD minmax is mutual defection
        ("Fudenberg and Maskin 1986 minmax", lambda: minmax_values(AXELROD), (1, 1)),
        # perfect monitoring limit of imperfect monitoring (Green and Porter 1984)
        (
            "imperfect monitoring q = 1, e = 0",
            lambda: imperfect_monitoring_threshold(AXELROD, detection=1, false_alarm=0),
            Fraction(1, 2),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_thresholds(source, compute, expected):
    assert compute() == expected, source


@pytest.mark.parametrize("epsilon", [Fraction(1, 1000), Fraction(1, 100), Fraction(1, 3)])
def test_molander_1985_tft_under_noise(epsilon):
    """TFT against TFT with errors: average payoff (R + S + T + P)/4 (Molander 1985)."""
    assert long_run_payoffs(AXELROD, TFT, TFT, noise=epsilon)[0] == Fraction(9, 4)


def test_nowak_sigmund_1993_wsls_beats_tft_against_itself_under_noise():
    """WSLS corrects errors in two rounds; TFT echoes them (Nowak and Sigmund 1993, Fig. 1)."""
    epsilon = Fraction(1, 100)
    assert (
        long_run_payoffs(AXELROD, WSLS, WSLS, noise=epsilon)[0]
        > long_run_payoffs(AXELROD, TFT, TFT, noise=epsilon)[0]
    )


def test_nowak_sigmund_1992_gtft_resists_alld():
    """At generosity 1/3 GTFT against itself beats ALLD against GTFT in the noise-free limit.

    GTFT(g) vs GTFT(g): R. ALLD vs GTFT(g): gets T w.p. g per period and P otherwise:
    g T + (1 - g) P = 7/3 < 3.
    """
    g = Fraction(1, 3)
    assert long_run_payoffs(AXELROD, GTFT(g), GTFT(g))[0] == 3
    assert long_run_payoffs(AXELROD, ALLD, GTFT(g))[0] == g * 5 + (1 - g) * 1


def test_nowak_et_al_2004_neutral_fixation():
    """Neutral drift: a single mutant fixes with probability 1/N (Nowak et al. 2004)."""
    assert fixation_probability(
        AXELROD, "defect", "cooperate", population_size=50, selection_intensity=0
    ) == Fraction(1, 50)
