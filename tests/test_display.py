"""Rich display: HTML payoff tables with equilibrium cells highlighted, result tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np

from deterrence import NormalFormGame, solve
from deterrence.display import game_to_html, result_to_html


class _Cells(HTMLParser):
    """Collect (tag, attributes, text) of every th/td, to check the HTML is well formed."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, dict, str]] = []
        self.stack: list[str] = []
        self._open: tuple[str, dict] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "hr", "img"):  # void elements
            return
        self.stack.append(tag)
        if tag in ("td", "th"):
            self._open, self._text = (tag, dict(attrs)), []

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()
        if tag in ("td", "th") and self._open:
            self.cells.append((*self._open, "".join(self._text).strip()))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def parse(html: str) -> list[tuple[str, dict, str]]:
    parser = _Cells()
    parser.feed(html)
    assert parser.stack == [], "unclosed tags"
    return parser.cells


def dilemma() -> NormalFormGame:
    return NormalFormGame.from_matrices(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("bloc A", "bloc <B>"),
        strategies=(("open", "friend-shore"), ("open", "friend & shore")),
        title="security dilemma",
    )


def highlighted(cells):
    return [text for tag, attrs, text in cells if attrs.get("title") == "Nash equilibrium"]


def test_game_html_has_labels_and_highlights_the_pure_equilibrium():
    game = dilemma()
    html = game._repr_html_()
    cells = parse(html)
    texts = [text for _, _, text in cells]
    assert "bloc A" in texts and "bloc <B>" in texts  # labels, escaped in the markup
    assert "&lt;B&gt;" in html and "friend &amp; shore" in html
    assert "security dilemma" in html
    assert highlighted(cells) == ["\u2605 1, 1"]


def test_coordination_game_highlights_both_pure_equilibria_not_others():
    game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert highlighted(parse(game_to_html(game))) == ["\u2605 2, 1", "\u2605 1, 2"]
    assert highlighted(parse(game_to_html(game, highlight=set()))) == []


def test_game_without_pure_equilibrium_highlights_nothing():
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    assert highlighted(parse(pennies._repr_html_())) == []


def test_three_player_game_lists_profiles():
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[:, 1, 1, 1] = 1  # everyone choosing s2 is the best (strict) equilibrium
    game = NormalFormGame(payoffs, players=("x", "y", "z"))
    cells = parse(game._repr_html_())
    assert [t for tag, _, t in cells if tag == "th"][:3] == ["x", "y", "z"]
    assert "\u2605 1, 1, 1" in highlighted(cells)


def test_result_html_lists_each_equilibrium_with_mixtures_payoffs_and_regret():
    game = NormalFormGame.from_matrices(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("a", "b"), ("a", "b"))
    )
    result = solve(game, exact=True)
    html = result._repr_html_()
    cells = parse(html)
    assert "3 equilibria" in html and "exact" in html
    texts = [t for _, _, t in cells]
    assert "max regret" in texts
    assert any(re.fullmatch(r"2/3 a \+ 1/3 b|0\.6667 a \+ 0\.3333 b", t) for t in texts)
    assert len(highlighted(cells)) == 2


def test_float_result_html_and_text_repr_still_work():
    game = dilemma().replace(payoffs=dilemma().float_payoffs)
    result = solve(game)
    assert "1 equilibrium" in result_to_html(result)
    assert "friend-shore" in str(game)


def test_threshold_latex_and_html():
    from deterrence.analysis import thresholds
    from deterrence.games import Parameter, ParametricGame

    game = ParametricGame.from_matrices(
        [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, 0]],
        [[-1, -3], [1, 0]],
        [
            Parameter("credibility", domain=(0, 1)),
            Parameter("benefit", default=2),
            Parameter("cost", default=6),
        ],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
    )
    (symbolic,) = thresholds(game, "credibility")
    expected = r"$$\mathrm{credibility}^{*} = \frac{benefit}{benefit + cost}$$"
    assert symbolic._repr_latex_() == expected
    (numeric,) = thresholds(game, "credibility", fixed={"benefit": 2, "cost": 6})
    assert numeric._repr_latex_() == r"$$\mathrm{credibility}^{*} = \frac{1}{4}$$"
    html = numeric._repr_html_()
    assert numeric.description.replace("'", "&#x27;") in html
    assert r"\frac{1}{4}" in html
    parse(html)


def test_parametric_game_html_lists_parameters_and_formulas():
    from deterrence.games import Parameter, ParametricGame

    game = ParametricGame.from_matrices(
        [["10*(1 - credibility) - 4", 2], [0, 0]],
        [[-5, -3], [-1, -2]],
        [Parameter("credibility", default="1/2", domain=(0, 1), description="P(partners honour)")],
        players=("coercer", "coalition"),
        title="denial",
    )
    cells = parse(game._repr_html_())
    texts = [t for _, _, t in cells]
    assert "credibility" in texts and "1/2" in texts and "[0, 1]" in texts
    assert "P(partners honour)" in texts
    assert "6 - 10*credibility; -5" in texts


def test_regime_map_html_lists_regimes_and_thresholds():
    from deterrence.analysis import regimes
    from deterrence.games import Parameter, ParametricGame

    game = ParametricGame.from_matrices(
        [["2*(1 - credibility) - 6*credibility", 2], [0, 0]],
        [[-1, -3], [1, 0]],
        [Parameter("credibility", domain=(0, 1))],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        title="denial",
    )
    html = regimes(game, "credibility")._repr_html_()
    cells = parse(html)
    texts = [t for _, _, t in cells]
    assert "2 regimes in credibility (denial)" in html
    assert "[0, 1/4]" in texts and "[1/4, 1]" in texts
    assert "(coerce, share)" in texts and "(refrain, share)" in texts
    assert "Thresholds in credibility" in html and r"\frac{1}{4}" in html


def entry_game():
    from deterrence.games import ExtensiveFormGame, decision, terminal

    return ExtensiveFormGame(
        decision(
            "entrant",
            {
                "out": terminal(1, 5),
                "in": decision(
                    "incumbent", {"fight": terminal(0, 0), "accommodate": terminal(2, 2)}
                ),
            },
        ),
        ("entrant", "incumbent"),
        title="entry <deterrence>",
    )


def test_tree_html_nests_moves_and_matches_the_text_outline():
    game = entry_game()
    html = game._repr_html_()
    parse(html)
    assert html.count("<ul>") == 3 and html.count("<li>") == game.num_nodes
    assert "entry &lt;deterrence&gt;" in html
    assert "<b>accommodate</b>: (2, 2)" in html
    assert str(game).splitlines()[1:] == [
        "entrant",
        "  out: (1, 5)",
        "  in: incumbent",
        "    fight: (0, 0)",
        "    accommodate: (2, 2)",
    ]


def test_large_tree_html_is_cut():
    from deterrence.games import ExtensiveFormGame, decision, terminal

    def chain(depth):
        if depth == 0:
            return terminal(0)
        return decision("a", {"l": chain(depth - 1), "r": chain(depth - 1)})

    game = ExtensiveFormGame(chain(9), ("a",))
    html = game._repr_html_()
    parse(html)
    assert html.count("<li>") == 200 and f"({game.num_nodes - 200} more nodes)" in html


def test_subgame_perfect_result_html_shows_tree_path_plans_and_regret():
    from deterrence.solvers.subgame_perfect import solve_subgame_perfect

    result = solve_subgame_perfect(entry_game())
    html = result._repr_html_()
    texts = [t for _, _, t in parse(html)]
    assert "1 equilibrium" in html and "backward induction" in html
    assert "entrant: in, incumbent: accommodate" in texts  # the outcome (path)
    assert "in: accommodate" in texts  # the incumbent's plan
    assert "payoff entrant" in texts and "max regret" in texts and "0" in texts
    assert "<ul>" in html  # the tree


def test_anonymous_game_html_shows_counts_or_formulas():
    from deterrence.games import AnonymousGame, Parameter, ParametricAnonymousGame

    small = AnonymousGame(
        3, [[0, 1, 2], [1, 1, 1]], strategies=("honour", "renege"), title="pledge"
    )
    texts = [t for _, _, t in parse(small._repr_html_())]
    assert "pledge" in small._repr_html_()
    assert ["0", "1", "2"] == texts[1:4] and "honour" in texts and "renege" in texts
    parametric = ParametricAnonymousGame(
        10,
        {"honour": "b*k/9 - c", "renege": "b*k/9"},
        [Parameter("b", default=3), Parameter("c", default=1, description="cost")],
        strategies=("honour", "renege"),
    )
    html = parametric._repr_html_()
    texts = [t for _, _, t in parse(html)]
    assert "cost" in texts and "b" in texts
    assert "b*k1/9 - c" in texts and "k1 = others choosing honour" in html


def test_results_of_every_kind_render_json_with_exact_fractions():
    import json

    result = solve(NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]]), exact=True)
    record = json.loads(result.to_json())
    assert record["exact"] and record["equilibria"][1]["profile"]["player 1"] == {
        "s1": "2/3",
        "s2": "1/3",
    }
    assert record["equilibria"][1]["payoffs"] == {"player 1": "2/3", "player 2": "2/3"}


def test_long_results_are_cut_in_text_and_html():
    from deterrence.display import MAX_HTML_ROWS, MAX_TEXT_ROWS
    from deterrence.games import ExtensiveFormGame, decision, terminal
    from deterrence.solvers.subgame_perfect import solve_subgame_perfect

    def ties(depth):  # every mover indifferent: 2**(2**depth - 1) equilibria
        if depth == 0:
            return terminal(0)
        return decision("a", {"l": ties(depth - 1), "r": ties(depth - 1)})

    result = solve_subgame_perfect(ExtensiveFormGame(ties(4), ("a",)), max_equilibria=300)
    assert len(result) == 300 and not result.complete
    html = result._repr_html_()
    parse(html)
    assert "300 equilibria" in html and f"({300 - MAX_HTML_ROWS} more)" in html
    assert f"({300 - MAX_TEXT_ROWS} more)" in repr(result) and "partial" in repr(result)
