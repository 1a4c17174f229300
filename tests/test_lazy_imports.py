"""What a first access imports: one scenario module per model, lazy analysis names (issue 18).

The checks run in fresh interpreters (the test process has long imported everything), one per
subpackage, each printing what it saw as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import deterrence.analysis
from deterrence.models import REGISTRY, catalog, get_model

MODELS_SCRIPT = """
import json, sys
import deterrence as dt
seen = {}
dt.get_model("denial").build()
seen["loaded"] = sorted(m for m in sys.modules if m.startswith(("deterrence.models.", "pandas")))
dt.get_model("trust"), dt.get_model("punitive_signal")
seen["catalog"] = list(dt.catalog()["name"])
try:
    dt.get_model("denail")
except dt.InvalidGameError as error:
    seen["error"] = str(error)
print(json.dumps(seen))
"""

ANALYSIS_SCRIPT = """
import json, sys
import deterrence as dt
dt.thresholds(dt.get_model("denial").build(), "credibility")
seen = {"pandas after thresholds": "pandas" in sys.modules}
dt.sweep
seen["loaded"] = sorted(m for m in sys.modules if m.startswith("deterrence.analysis."))
import deterrence.analysis.regimes
from deterrence.analysis import regimes, sweep
import deterrence.analysis.thresholds
import deterrence.analysis as analysis
seen["kinds"] = [type(f).__name__ for f in (sweep, regimes, analysis.thresholds)]
print(json.dumps(seen))
"""


def _fresh(script: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def fresh_models() -> dict:
    return _fresh(MODELS_SCRIPT)


def test_every_registered_model_is_declared_with_its_module():
    for name, model in REGISTRY.items():
        assert REGISTRY.declared.get(name) == model.builder.__module__, name
    assert set(REGISTRY.declared) == set(REGISTRY)
    assert get_model("denial") is REGISTRY["denial"]


def test_get_model_imports_its_own_scenario_module_and_no_pandas(fresh_models):
    assert fresh_models["loaded"] == ["deterrence.models._registry", "deterrence.models.denial"]


def test_catalog_order_does_not_depend_on_which_model_was_looked_up_first(fresh_models):
    assert fresh_models["catalog"] == list(catalog()["name"])
    assert fresh_models["catalog"][0] == "denial"


def test_an_unknown_name_lists_every_model(fresh_models):
    assert "'denial'" in fresh_models["error"] and "'punitive_signal'" in fresh_models["error"]


def test_analysis_names_are_lazy_and_stay_the_functions():
    seen = _fresh(ANALYSIS_SCRIPT)
    assert not seen["pandas after thresholds"]  # symbolic thresholds build no table
    assert "deterrence.analysis.tournament" not in seen["loaded"]
    assert "deterrence.analysis.robustness" not in seen["loaded"]
    # the import system binds a submodule as an attribute of its package: the function wins
    assert seen["kinds"] == ["function"] * 3
    assert callable(deterrence.analysis.sweep) and callable(deterrence.analysis.credibility)
