"""Shared fixtures: throwaway copies of the repository for tests that run the pipeline."""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# What a throwaway repository needs for the pipeline to run in it.
PIPELINE_INPUTS = ("pyproject.toml", "openapi", "overlays")


@pytest.fixture
def make_repository(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that builds a copy of the repository's pipeline inputs in tmp_path.

    ``schema`` replaces the pinned schema with a fixture file (a name under
    tests/fixtures/schemas, or a Path). The copy has no generated/ until the pipeline runs.
    """

    def build(schema: str | Path | None = None, name: str = "repository") -> Path:
        root = tmp_path / name
        root.mkdir()
        for entry in PIPELINE_INPUTS:
            source = REPOSITORY / entry
            if source.is_dir():
                shutil.copytree(source, root / entry, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, root / entry)
        if schema is not None:
            schema_path = schema if isinstance(schema, Path) else FIXTURES / "schemas" / schema
            shutil.copyfile(schema_path, root / "openapi" / "onetsolutions.yaml")
        return root

    return build


def run_pipeline(
    root: Path, *arguments: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m codegen --root ROOT ...`` from this checkout, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "codegen", "--root", str(root), *arguments],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: every test here is required there."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if reporter and skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped; every test is required in CI.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
