"""The two house checks CI runs on the code itself: no block copied between apps, no module
past the size limit. Each is tried on a small made-up tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK = "\n".join(f"    total = total + {n} * weight" for n in range(7))


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own scripts, run with this interpreter
        [sys.executable, str(ROOT / "scripts" / script), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def test_a_block_copied_into_another_app_is_reported_with_both_places(tmp_path):
    write(tmp_path, "jejaring/alpha/maths.py", f"def f(total, weight):\n{BLOCK}\n")
    write(tmp_path, "jejaring/beta/sums.py", f"def g(total, weight):\n{BLOCK}\n")
    result = run("duplicate_blocks.py", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "jejaring/alpha/maths.py" in result.stdout
    assert "jejaring/beta/sums.py" in result.stdout


def test_copies_inside_one_app_or_in_tests_are_not_reported(tmp_path):
    write(tmp_path, "jejaring/alpha/one.py", f"def f(total, weight):\n{BLOCK}\n")
    write(tmp_path, "jejaring/alpha/two.py", f"def g(total, weight):\n{BLOCK}\n")
    write(tmp_path, "jejaring/beta/tests/test_x.py", f"def h(total, weight):\n{BLOCK}\n")
    result = run("duplicate_blocks.py", "--root", str(tmp_path))
    assert result.returncode == 0, result.stdout


def test_a_module_past_the_limit_is_named_and_migrations_are_not_counted(tmp_path):
    write(tmp_path, "jejaring/alpha/big.py", "x = 1\n" * 601)
    write(tmp_path, "jejaring/alpha/small.py", "x = 1\n" * 600)
    write(tmp_path, "jejaring/alpha/migrations/0001_initial.py", "x = 1\n" * 5000)
    write(tmp_path, "config/settings.py", "x = 1\n")
    result = run("module_sizes.py", "--max", "600", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "jejaring/alpha/big.py: 601 lines" in result.stdout
    assert "small.py" not in result.stdout and "migrations" not in result.stdout


def test_this_project_passes_both_checks():
    assert run("duplicate_blocks.py").returncode == 0
    assert run("module_sizes.py", "--max", "600").returncode == 0
