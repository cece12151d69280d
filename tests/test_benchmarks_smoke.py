"""The benchmark runs end to end (in its quick form) and reports every figure."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPOSITORY

FIGURES = (
    "regenerate (generate pipeline)",
    "import package + one operation",
    "parse body to model",
    "sequential requests",
    "concurrent async requests",
    "wait_for_task requests",
    "wait_for_task noticed after",
)


def test_quick_benchmark_prints_and_writes_every_figure(tmp_path: Path) -> None:
    table = tmp_path / "results.md"

    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--markdown", str(table)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    written = table.read_text()
    for figure in FIGURES:
        assert figure in written, figure
        assert figure in completed.stdout
    assert "| pinned (1 op) |" in written and "| synthetic (12 ops) |" in written
