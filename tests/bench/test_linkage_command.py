"""``./dev bench linkage``: the lists written, parsed, matched and scored, as Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.__main__ import main


def test_the_command_writes_the_lists_and_prints_the_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["linkage", "--people", "300", "--seed", "3", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| rows | people | precision | recall | F1 |" in out
    assert "| given and family name swapped |" in out
    assert "| twins, names one letter apart |" in out
    written = {p.name for p in tmp_path.iterdir()}
    assert {"truth.csv", "misses.csv", "false_merges.csv"} <= written
    assert len([name for name in written if "-list." in name]) == 7


def test_too_few_people_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["linkage", "--people", "5"])
    assert exit.value.code == 2
    assert "--people must be at least 100" in capsys.readouterr().err
