"""Retraining the matching model is a command: it writes a model whose version is its content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.matching_model import main
from domain.matching._model import load, version_of


def test_retraining_writes_a_model_versioned_by_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model.json"
    main(["--people", "800", "--seed", "4", "--out", str(out)])
    model = load(out)
    assert model.version == version_of(model.splink, model.matches_per_record)
    assert model.version in capsys.readouterr().out
    assert model.trained_on["generator"] == "devtools.synthetic.partner_lists"
    assert model.trained_on["records"] > 1_000
    levels = {
        level.get("label_for_charts")
        for comparison in json.loads(out.read_text())["splink"]["comparisons"]
        for level in comparison["comparison_levels"]
    }
    assert {"Given and family name swapped", "The year alone agrees", "Within two days"} <= levels


def test_training_on_the_database_needs_one_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(SystemExit, match="NEO4J_URI"):
        main(["--database"])
