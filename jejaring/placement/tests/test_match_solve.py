"""The match_solve command: ``manage.py match_solve`` and ``python -m
jejaring.placement.engine`` (same function)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from jejaring.placement.engine.cli import main

REPO = Path(__file__).resolve().parents[3]
GOOD = {
    "applicants": {"a1": ["f1", "f2"], "a2": ["f1"], "a3": ["f2"], "a4": []},
    "formations": {
        "f1": {"quota": 1, "ranking": ["a2", "a1"]},
        "f2": {"quota": 1, "ranking": ["a1", "a3"]},
    },
}


def write(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_solves_and_lists_every_applicant(tmp_path, capsys):
    inst, out = write(tmp_path, GOOD), tmp_path / "result.json"
    assert main([str(inst), "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == {"a1": "f2", "a2": "f1", "a3": None, "a4": None}
    assert capsys.readouterr().err == ""


def test_stats_prints_one_json_line(tmp_path, capsys):
    inst, out = write(tmp_path, GOOD), tmp_path / "result.json"
    assert main([str(inst), "-o", str(out), "--stats"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    stats = json.loads(lines[0])
    assert set(stats) == {"load_s", "solve_s", "write_s", "proposals", "peak_rss_mb"}
    assert stats["proposals"] == 4


def test_deterministic(tmp_path):
    inst = write(tmp_path, GOOD)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main([str(inst), "-o", str(a)]) == main([str(inst), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


MALFORMED = [
    ({**GOOD, "applicants": {**GOOD["applicants"], "a1": ["nope"]}}, "unknown formation 'nope'"),
    ({**GOOD, "applicants": {**GOOD["applicants"], "a1": ["f1", "f1"]}}, "'f1' chosen twice"),
    (
        {**GOOD, "formations": {**GOOD["formations"], "f2": {"quota": -3, "ranking": []}}},
        "'f2': negative quota",
    ),
    (
        {
            **GOOD,
            "formations": {
                "f1": {"quota": 1, "ranking": ["a1", "a2", "a1"]},
                "f2": GOOD["formations"]["f2"],
            },
        },
        "ranking lists applicant 'a1' twice",
    ),
    (
        {**GOOD, "formations": {**GOOD["formations"], "f1": {"quota": 1, "ranking": ["x9"]}}},
        "unknown applicant 'x9'",
    ),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"applicants": {}}', "'formations'"),
    ('{"applicants": {"a1": [], "a1": []}, "formations": {}}', "'a1' appears twice"),
]


@pytest.mark.parametrize(("data", "needle"), MALFORMED)
def test_malformed_input_exit_2(tmp_path, capsys, data, needle):
    inst, out = write(tmp_path, data), tmp_path / "result.json"
    assert main([str(inst), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert "Traceback" not in err
    assert not out.exists()


def test_missing_file_exit_2(tmp_path, capsys):
    assert main([str(tmp_path / "absent.json"), "-o", str(tmp_path / "r.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_management_command(tmp_path, capsys):
    inst, out = write(tmp_path, GOOD), tmp_path / "result.json"
    call_command("match_solve", str(inst), "-o", str(out), "--stats")
    assert json.loads(out.read_text())["a1"] == "f2"
    assert set(json.loads(capsys.readouterr().err.strip())) >= {"solve_s", "proposals"}
    bad = write(tmp_path, MALFORMED[1][0], "bad.json")
    with pytest.raises(SystemExit) as exc:
        call_command("match_solve", str(bad), "-o", str(out))
    assert exc.value.code == 2


def test_python_dash_m_no_traceback(tmp_path):
    bad = write(tmp_path, MALFORMED[0][0])
    proc = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "jejaring.placement.engine", str(bad), "-o", str(tmp_path / "r")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "unknown formation 'nope'" in proc.stderr
    assert "Traceback" not in proc.stderr
