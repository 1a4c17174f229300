"""Release engineering: the changelog, the citation file and the contribution guide agree with
the package (Keep a Changelog layout; CITATION.cff valid CFF 1.2 with the package's version)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import deterrence

ROOT = Path(__file__).resolve().parents[1]


def _text(name: str) -> str:
    path = ROOT / name
    if not path.exists():
        pytest.skip(f"{name} not present (installed package)")
    return path.read_text()


def test_changelog_follows_keep_a_changelog():
    text = _text("CHANGELOG.md")
    assert text.startswith("# Changelog")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M)
    assert headings[0] == ("Unreleased", "")
    released = [version for version, date in headings[1:]]
    assert deterrence.__version__ in released
    assert all(date for _, date in headings[1:]), "every release has a date"
    for section in re.findall(r"^### (.+)$", text, re.M):
        assert section in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    for version in ("Unreleased", *released):  # every heading has its link at the bottom
        assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.M), version


def test_citation_file_is_valid_cff_1_2():
    yaml = pytest.importorskip("yaml", reason="needs PyYAML (comes with the test extra's dask)")
    citation = yaml.safe_load(_text("CITATION.cff"))
    for key in ("cff-version", "message", "title", "authors"):  # required by CFF 1.2
        assert citation.get(key), key
    assert citation["cff-version"] == "1.2.0"
    assert all("name" in a or "family-names" in a for a in citation["authors"])
    assert str(citation["version"]) == deterrence.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(citation["date-released"]))
    assert citation["type"] in ("software", "dataset")


def test_contributing_guide_covers_the_extension_points():
    text = _text("CONTRIBUTING.md")
    for topic in (
        "pytest",
        "ruff check",
        "mypy",
        "solver",
        "solution concept",
        "model",
        "CHANGELOG.md",
    ):
        assert topic in text, topic
