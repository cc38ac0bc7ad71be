"""A newcomer's first steps: make setup, pip install, pytest tests/e2e without Node."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, requires: str) -> Path:
    """A copy of the Makefile and pyproject.toml with a .venv whose python is this one."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    text = (ROOT / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(
        text.replace('requires-python = ">=3.11"', f'requires-python = ">={requires}"')
    )
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    return tmp_path


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("requires", "kept"), [("3.11", True), ("3.99", False)])
def test_make_setup_makes_a_venv_of_a_too_old_python_again(tmp_path, requires, kept) -> None:
    project = _project(tmp_path, requires)
    out = subprocess.run(
        ["make", "--no-print-directory", "venv-check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert (project / ".venv").exists() is kept
    assert ("older than requires-python" in out.stdout) is not kept


def test_the_licence_is_an_spdx_string_for_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "MIT"  # a table is deprecated since setuptools 77
    assert "setuptools>=77" in project["build-system"]["requires"]


def test_end_to_end_tests_without_node_skip_with_a_reason(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = str(Path(sys.executable).parent)  # no node on it
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "tests/e2e/test_e2e.py::test_non_text_gets_a_kind_answer",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert "SKIPPED [1]" in out.stdout and "make e2e-setup" in out.stdout
