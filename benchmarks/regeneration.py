"""Figure 1: the whole generate pipeline against plain openapi-python-client on one schema.

The baseline is what a user gets from the generator alone with its default configuration
(which formats the output with ruff, as the pipeline does). The schema is first pinned with
the fetch step, as a scheduled update would, so both start from the same pinned file.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .table import Row
from .workspace import pipeline_copy

PLAIN_CONFIG = "package_name_override: onetsolutions\n"


def measure_regeneration(label: str, repository: Path, runs: int) -> tuple[Row, Path]:
    """Time both, alternating, ``runs`` times each; returns the row and the package made."""
    schema = repository / "openapi" / "onetsolutions.yaml"
    plain_config = repository / "plain-generator.yaml"
    plain_config.write_text(PLAIN_CONFIG)
    ours_output = repository / "out-ours"

    ours, plain = [], []
    for attempt in range(runs):
        ours.append(
            _seconds(
                [sys.executable, "-m", "codegen", "--root", str(repository), "generate",
                 "--output", str(ours_output)]
            )
        )  # fmt: skip
        plain.append(
            _seconds(
                [sys.executable, "-m", "openapi_python_client", "generate", f"--path={schema}",
                 f"--config={plain_config}", "--meta=none", "--overwrite",
                 f"--output-path={repository / f'out-plain-{attempt}'}"]
            )
        )  # fmt: skip

    row = Row(
        figure="regenerate (generate pipeline)",
        schema=label,
        ours=statistics.median(ours),
        baseline_name="openapi-python-client generate",
        baseline=statistics.median(plain),
        unit="s",
        target=1.3,
    )
    return row, ours_output / "onetsolutions"


def prepare_repository(root: Path, schema_text: str | None) -> Path:
    """A copy of the pipeline's inputs with ``schema_text`` fetched and pinned in it."""
    repository = pipeline_copy(root, None)
    if schema_text is not None:
        published = root.parent / f"{root.name}-published.yaml"
        published.write_text(schema_text, encoding="utf-8")
        _seconds(
            [sys.executable, "-m", "codegen", "--root", str(repository), "fetch",
             "--url", str(published)]
        )  # fmt: skip
    return repository


def _seconds(command: list[str]) -> float:
    # The generator's default post-generation hooks call `ruff` from PATH: give it ours.
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    started = time.perf_counter()
    completed = subprocess.run(
        command, capture_output=True, text=True, check=False, env=environment
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        tail = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{command[2]} failed: {tail}")
    return elapsed
