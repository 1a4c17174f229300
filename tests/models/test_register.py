"""``deterrence.models.register``: the public way to add a model of one's own to the library."""

from __future__ import annotations

from fractions import Fraction

import pytest

import deterrence.models as models
from deterrence import thresholds
from deterrence.exceptions import InvalidGameError
from deterrence.games import Parameter, ParametricGame


def entry_game(fight_cost=1):
    cost = Parameter(
        "fight_cost",
        default=fight_cost,
        domain=(0, 4),
        description="the incumbent's cost of fighting an entry",
    )
    return ParametricGame.from_matrices(
        [[-1, 1], [0, 0]],
        [["2 - fight_cost", 0], [2, 2]],
        (cost,),
        players=("entrant", "incumbent"),
        strategies=(("enter", "stay out"), ("fight", "accommodate")),
    )


SPEC = dict(
    story="an entrant weighs entering against a costly fight",
    kind="normal form",
    parameters=entry_game().parameters,
    key_parameter="fight_cost",
    key_result="the incumbent accommodates entry when fight_cost > 2",
    references=("Selten (1978), The chain store paradox",),
)


@pytest.fixture
def registered():
    """Register the entry model for one test and leave the library as it was."""
    before = set(models.catalog()["name"])
    builder = models.register("test_entry", **SPEC)(entry_game)
    yield builder
    from deterrence.models._registry import REGISTRY  # the test's own clean-up only

    REGISTRY.pop("test_entry", None)
    assert set(models.catalog()["name"]) == before


def test_register_is_public_and_documented():
    assert "register" in models.__all__
    assert models.register.__doc__ and "Examples" in models.register.__doc__


def test_a_registered_model_joins_the_catalogue_and_is_analysed(registered):
    assert registered is entry_game and registered.model.name == "test_entry"
    assert "test_entry" in set(models.catalog()["name"])
    model = models.get_model("test_entry")
    assert model.key_range == (0, 4)
    assert "fight_cost" in model.describe()
    game = model.build(fight_cost=3)
    assert game.resolve() == {"fight_cost": Fraction(3)}
    (threshold,) = thresholds(model.build(), "fight_cost")
    assert threshold.value == 2


def test_a_name_taken_by_another_builder_is_refused(registered):
    def other():  # pragma: no cover - never built
        return entry_game()

    with pytest.raises(InvalidGameError, match="registered twice"):
        models.register("test_entry", **SPEC)(other)


def test_report_sections_hook():
    def sections(fight_cost):
        return {"Entry": [f"fighting costs {fight_cost}"]}

    builder = models.register("example_sections", **SPEC, sections=sections)(entry_game)
    try:
        model = models.get_model("example_sections")
        assert model.report_sections() == (("Entry", ("fighting costs 1",)),)
        assert model.report_sections(fight_cost=3) == (("Entry", ("fighting costs 3",)),)
        with pytest.raises(InvalidGameError, match="unknown parameter 'nothing'"):
            model.report_sections(nothing=1)
        from deterrence import analyze

        assert "fighting costs 1" in analyze(model).to_text()
        assert builder is entry_game
    finally:
        del models.REGISTRY["example_sections"]
    with pytest.raises(InvalidGameError, match="sections must be callable"):
        models.register("example_bad_sections", **SPEC, sections="cut effects")(entry_game)
    assert "example_bad_sections" not in models.REGISTRY
