"""2-D regime maps probe either side of each boundary curve without leaving the domain.

A boundary within 1e-6 of a domain edge used to be probed just outside the domain, where
evaluating the payoffs is refused (``information_sharing=-9.9e-07 is outside its domain``:
the 2-D map of ``trust_private`` failed that way)."""

from __future__ import annotations

from deterrence import ParametricGame, regimes
from deterrence.games.parametric import Parameter


def test_a_boundary_hugging_the_domain_edge_is_mapped_without_leaving_the_domain():
    game = ParametricGame.from_matrices(
        [["x - y/10000000", 0], [0, 1]],
        [[1, 0], [0, 1]],
        (Parameter("x", domain=(0, 1), default="1/2"), Parameter("y", domain=(0, 1), default=0)),
    )
    found = regimes(game, {"x": (0, 1), "y": (0, 1)}, resolution=4, max_depth=1, samples=11)
    assert len(found.regimes) >= 1
